package dev.vellum.server.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Five free attempts per key, then one per 30 s, with the wait told; given-back attempts do not count. */
class KeyedRateLimitTest {
    private static final long PERIOD = TimeUnit.SECONDS.toNanos(150); // 5 per 150 s: one per 30 s
    /** The buckets count in doubles: waits are exact to within rounding. */
    private static final long MILLI = 1_000_000;
    private final AtomicLong now = new AtomicLong(0);
    private final KeyedRateLimit limit = new KeyedRateLimit(5, PERIOD, now::get, 3);

    @Test
    void fiveAttempts_thenTheWaitForTheNext() {
        for (int i = 0; i < 5; i++) {
            assertEquals(0, limit.tryTake("alice"));
        }
        assertEquals(TimeUnit.SECONDS.toNanos(30), limit.tryTake("alice"), MILLI);
        now.addAndGet(TimeUnit.SECONDS.toNanos(10));
        assertEquals(TimeUnit.SECONDS.toNanos(20), limit.tryTake("alice"), MILLI);
        now.addAndGet(TimeUnit.SECONDS.toNanos(20) + MILLI);
        assertEquals(0, limit.tryTake("alice"));
        assertTrue(limit.tryTake("alice") > 0);
        assertEquals(0, limit.tryTake("bob"), "each key has its own bucket");
    }

    @Test
    void givenBackAttempts_doNotCount() {
        for (int i = 0; i < 20; i++) {
            assertEquals(0, limit.tryTake("alice"));
            limit.giveBack("alice");
        }
    }

    @Test
    void keys_areBounded_forgettingFullBucketsFirst() {
        limit.tryTake("a");
        limit.tryTake("b");
        limit.giveBack("b"); // full again
        limit.tryTake("c");
        limit.tryTake("d");

        assertEquals(3, limit.trackedKeys());
        for (int i = 0; i < 4; i++) {
            limit.tryTake("a");
        }
        assertTrue(limit.tryTake("a") > 0, "a, not full, was kept");
    }
}
