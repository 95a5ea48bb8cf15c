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

    @Test
    void aPenalisedKey_isNeverForgotten_howeverManyNewKeysCome() {
        KeyedRateLimit perUsername = new KeyedRateLimit(5, PERIOD, now::get, 100);
        for (int i = 0; i < 5; i++) {
            perUsername.tryTake("alice");
        }
        for (int j = 0; j < 63; j++) { // penalised junk names, as many as the old sweep looked at
            for (int i = 0; i < 5; i++) {
                perUsername.tryTake("junk" + j);
            }
        }
        for (int k = 0; k < 1000; k++) { // a flood of new names, each given back at once
            perUsername.tryTake("flood" + k);
            perUsername.giveBack("flood" + k);
        }

        assertTrue(perUsername.tryTake("alice") > 0, "alice's penalty survives the flood");
        assertTrue(perUsername.trackedKeys() <= 100);
    }

    @Test
    void whenEveryKeyHoldsAPenalty_aNewKeyIsRefused_untilTheFirstRefills() {
        limit.tryTake("a");
        now.addAndGet(TimeUnit.SECONDS.toNanos(10));
        for (int i = 0; i < 5; i++) {
            limit.tryTake("b");
        }
        limit.tryTake("c");

        long wait = limit.tryTake("d");

        assertEquals(TimeUnit.SECONDS.toNanos(20), wait, MILLI, "until a has refilled (one per 30 s)");
        assertEquals(3, limit.trackedKeys());
        assertTrue(limit.tryTake("e") > 0, "refused again without a new sweep");
        now.addAndGet(TimeUnit.SECONDS.toNanos(20) + MILLI);
        assertEquals(0, limit.tryTake("d"), "a refilled and was forgotten: d fits");
        assertTrue(limit.tryTake("b") > 0, "b, still penalised, kept its empty bucket");
    }
}
