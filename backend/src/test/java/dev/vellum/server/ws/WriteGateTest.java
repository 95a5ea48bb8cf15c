package dev.vellum.server.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.random.RandomSource;
import dev.vellum.server.config.OverloadLimits;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** When the server takes a write and when it answers "retry after", on a fake clock. */
class WriteGateTest {
    private static final long MS = 1_000_000L;
    private final AtomicLong now = new AtomicLong(1_000 * MS);
    /** Random bytes all 0x80: the jitter's middle, so a delay is exactly its base. */
    private final RandomSource middle = out -> Arrays.fill(out, (byte) 0x80);

    private WriteGate gate(OverloadLimits limits) {
        return new WriteGate(limits, 50, now::get, middle);
    }

    @Test
    void aConnectionPastItsShare_isToldToRetry_andEverythingItSendsUntilThenIsRefusedToo() {
        WriteGate gate = gate(new OverloadLimits(100, 1 << 20, 2, 100, 5_000));
        WriteGate.Lane lane = gate.lane();
        WriteGate.Lane other = gate.lane();

        assertEquals(0, lane.tryTake(200));
        assertEquals(0, lane.tryTake(200));
        int delay = lane.tryTake(200);
        assertTrue(delay >= 40, "at least two frame intervals at 50 frames a second, got " + delay);
        assertEquals(0, other.tryTake(200), "another connection is not held back");

        lane.finished(200);
        now.addAndGet((delay - 1) * MS);
        assertEquals(1, lane.tryTake(200), "still within the wait it was given: the rest of it");
        now.addAndGet(MS);
        assertEquals(0, lane.tryTake(200), "the wait is over and it holds one: taken");
        assertEquals(3, gate.pending());
    }

    @Test
    void theServerHoldsWhatItDrainsInTheTargetDelay_neverFewerThan32_andAsksToWaitWhileItDrainsTheRest() {
        WriteGate gate = gate(new OverloadLimits(1_000, 1 << 20, 1, 100, 5_000));
        assertEquals(1_000, gate.window(), "before any drain rate is known: the hard bound");
        // Busy for a while, draining 2 writes a millisecond with about 40 held.
        WriteGate.Lane[] lanes = new WriteGate.Lane[400];
        int next = 0;
        for (; next < 40; next++) {
            lanes[next] = gate.lane();
            assertEquals(0, lanes[next].tryTake(100));
        }
        int oldest = 0;
        for (int ms = 0; ms < 1_000; ms++) {
            now.addAndGet(MS);
            for (int i = 0; i < 2; i++) {
                lanes[oldest++ % 400].finished(100);
                lanes[next % 400] = gate.lane();
                assertEquals(0, lanes[next++ % 400].tryTake(100));
            }
        }
        assertEquals(200, gate.window(), "2 a millisecond times 100 ms");
        while (gate.pending() < 200) {
            assertEquals(0, gate.lane().tryTake(100));
        }

        int delay = gate.lane().tryTake(100);

        assertEquals(100, delay, "200 held, drained at 2 a millisecond: 100 ms (the jitter's middle)");
        assertEquals(1, gate.refusals());
    }

    @Test
    void heldBytes_refuseWritesToo() {
        WriteGate gate = gate(new OverloadLimits(100, 2048, 10, 100, 5_000));
        assertEquals(0, gate.lane().tryTake(1500));
        assertTrue(gate.lane().tryTake(1000) > 0, "past the bytes held at once");
        assertEquals(0, gate.lane().tryTake(500));
    }

    @Test
    void theDelay_isJittered_betweenHalfAndOneAndAHalfItsBase_andCapped() {
        for (byte random : new byte[] {0, (byte) 0xff}) {
            WriteGate gate = new WriteGate(new OverloadLimits(1, 1 << 20, 1, 1_000, 5_000), 50, now::get,
                    out -> Arrays.fill(out, random));
            assertEquals(0, gate.lane().tryTake(1));
            int delay = gate.lane().tryTake(1);
            // No drain rate yet: the base is the target delay, 1,000 ms.
            assertEquals(random == 0 ? 500 : 1_500, delay, 1);
        }
        WriteGate capped = new WriteGate(new OverloadLimits(1, 1 << 20, 1, 10_000, 2_000), 50, now::get,
                middle);
        assertEquals(0, capped.lane().tryTake(1));
        assertEquals(2_000, capped.lane().tryTake(1));
    }
}
