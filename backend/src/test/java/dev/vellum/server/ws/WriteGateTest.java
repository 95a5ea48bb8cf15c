package dev.vellum.server.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.random.RandomSource;
import dev.vellum.server.config.OverloadLimits;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
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
    void theServerHoldsWhatItDrainsInTheTargetDelay_neverFewerThanTheFloor() {
        WriteGate gate = gate(new OverloadLimits(1_000, 1 << 20, 1, 100, 5_000));
        assertEquals(1_000, gate.window(), "before any drain rate is known: the hard bound");

        drain(gate, 40, 4); // busy, draining 4 writes a millisecond

        assertEquals(400, gate.window(), "4 a millisecond times 100 ms");
        WriteGate slow = gate(new OverloadLimits(1_000, 1 << 20, 1, 100, 5_000));
        drain(slow, 30, 0.1);
        assertEquals(WriteGate.MIN_WINDOW, slow.window(), "0.1 a millisecond times 100 ms is 10: the floor");
    }

    @Test
    void clientsRefusedTogether_areGivenSuccessiveSlots_oneDrainIntervalApart_inTheOrderRefused() {
        WriteGate gate = new WriteGate(new OverloadLimits(1_000, 1 << 20, 1, 100, 5_000), 1_000, now::get, middle);
        drain(gate, WriteGate.MIN_WINDOW, 0.1); // 10 ms a write; the window's floor held
        assertEquals(WriteGate.MIN_WINDOW, gate.pending());

        int first = gate.lane().tryTake(100);
        int second = gate.lane().tryTake(100);
        int third = gate.lane().tryTake(100);

        // Room for one more in 10 ms (one write drained), then one every 10 ms; each at the middle of its slot.
        assertEquals(15, first);
        assertEquals(25, second);
        assertEquals(35, third);
        now.addAndGet(20 * MS);
        assertEquals(25, gate.lane().tryTake(100), "the queue's end has moved on by 20 ms, not started again");
    }

    @Test
    void whileClientsWaitForTheirSlots_othersQueueBehindThem_andOneBackAtItsSlotIsTaken() {
        WriteGate gate = new WriteGate(new OverloadLimits(1_000, 1 << 20, 1, 100, 5_000), 1_000, now::get, middle);
        java.util.ArrayDeque<WriteGate.Lane> held = drain(gate, WriteGate.MIN_WINDOW, 0.1);
        WriteGate.Lane waiting = gate.lane();
        int wait = waiting.tryTake(100);
        assertEquals(15, wait);

        held.poll().finished(100); // room for one
        assertTrue(gate.lane().tryTake(100) > wait, "a newcomer queues behind the one waiting");
        now.addAndGet(wait * MS);
        assertEquals(0, waiting.tryTake(100), "back at its slot: taken");
        assertTrue(gate.lane().tryTake(100) > 0, "the newcomer refused above still waits for its slot: queued");
    }

    @Test
    void clientsThatCloseWhileWaiting_giveTheirSlotsBack_soALaterClientWaitsNoLongerForThem() {
        WriteGate gate = new WriteGate(new OverloadLimits(1_000, 1 << 20, 1, 100, 5_000), 1_000, now::get, middle);
        drain(gate, WriteGate.MIN_WINDOW, 0.1); // 10 ms a write
        WriteGate.Lane first = gate.lane();
        WriteGate.Lane second = gate.lane();
        WriteGate.Lane third = gate.lane();
        assertEquals(15, first.tryTake(100));
        assertEquals(25, second.tryTake(100));
        assertEquals(35, third.tryTake(100));

        third.closed();
        second.closed();

        assertEquals(25, gate.lane().tryTake(100), "next after the first, not after the two that left");
        first.closed(); // no longer the last: the newcomer above holds the slot after it
        first.closed(); // closing twice hands back nothing more
        assertEquals(35, gate.lane().tryTake(100), "the first's slot is not given again while the next is held");
    }

    @Test
    void aClientThatClosesInTheMiddleOfTheQueue_handsNothingBack_soNoSlotIsGivenTwice() {
        WriteGate gate = new WriteGate(new OverloadLimits(1_000, 1 << 20, 1, 100, 5_000), 1_000, now::get, middle);
        drain(gate, WriteGate.MIN_WINDOW, 0.1); // 10 ms a write
        WriteGate.Lane second = gate.lane();
        assertEquals(15, gate.lane().tryTake(100));
        assertEquals(25, second.tryTake(100));
        assertEquals(35, gate.lane().tryTake(100));

        second.closed();

        assertEquals(45, gate.lane().tryTake(100), "after the third, which still holds its slot");
    }

    @Test
    void aClientThatClosesAfterItsSlotCame_handsNothingBack() {
        WriteGate gate = new WriteGate(new OverloadLimits(1_000, 1 << 20, 1, 100, 5_000), 1_000, now::get, middle);
        drain(gate, WriteGate.MIN_WINDOW, 0.1);
        WriteGate.Lane early = gate.lane();
        assertEquals(15, early.tryTake(100));
        assertEquals(25, gate.lane().tryTake(100));
        now.addAndGet(16 * MS);

        early.closed(); // its slot has come: the ones after it keep theirs

        assertEquals(19, gate.lane().tryTake(100), "the queue's end is where it was: 30 ms after the first refusal");
    }

    @Test
    void theRandomPartOfADelay_isDrawnOutsideTheGatesLock() {
        AtomicReference<WriteGate> gateRef = new AtomicReference<>();
        List<String> drawnUnderLock = new CopyOnWriteArrayList<>();
        AtomicLong draws = new AtomicLong();
        RandomSource watching = out -> {
            draws.incrementAndGet();
            if (Thread.holdsLock(gateRef.get())) {
                drawnUnderLock.add("a draw of " + out.length + " bytes");
            }
            Arrays.fill(out, (byte) 0x80);
        };
        WriteGate gate = new WriteGate(new OverloadLimits(1, 1 << 20, 1, 100, 5_000), 50, now::get, watching);
        gateRef.set(gate);

        assertEquals(0, gate.lane().tryTake(1));
        assertTrue(gate.lane().tryTake(1) > 0);
        assertTrue(gate.lane().tryTake(1) > 0);

        assertEquals(2, draws.get(), "one draw for each new refusal");
        assertEquals(List.of(), drawnUnderLock);
    }

    /**
     * Keeps {@code held} writes held for two seconds, finishing and replacing them at {@code perMilli}; returns the
     * lanes holding them, oldest first.
     */
    private java.util.ArrayDeque<WriteGate.Lane> drain(WriteGate gate, int held, double perMilli) {
        java.util.ArrayDeque<WriteGate.Lane> lanes = new java.util.ArrayDeque<>();
        for (int i = 0; i < held; i++) {
            WriteGate.Lane lane = gate.lane();
            assertEquals(0, lane.tryTake(100));
            lanes.add(lane);
        }
        long stepNanos = (long) (MS / perMilli);
        int perStep = 1;
        if (perMilli > 1) {
            stepNanos = MS;
            perStep = (int) perMilli;
        }
        for (long elapsed = 0; elapsed < 2_000 * MS; elapsed += stepNanos) {
            now.addAndGet(stepNanos);
            for (int i = 0; i < perStep; i++) {
                lanes.poll().finished(100);
                WriteGate.Lane lane = gate.lane();
                assertEquals(0, lane.tryTake(100));
                lanes.add(lane);
            }
        }
        return lanes;
    }

    @Test
    void heldBytes_refuseWritesToo() {
        WriteGate gate = gate(new OverloadLimits(100, 2048, 10, 100, 5_000));
        assertEquals(0, gate.lane().tryTake(1500));
        assertTrue(gate.lane().tryTake(1000) > 0, "past the bytes held at once");
        assertEquals(0, gate.lane().tryTake(500));
    }

    @Test
    void aWriteLargerThanTheBytesBound_isTakenWhenNothingIsHeld_notRefusedForever() {
        WriteGate gate = gate(new OverloadLimits(100, 2048, 10, 100, 5_000));
        WriteGate.Lane lane = gate.lane();
        assertEquals(0, lane.tryTake(4000));
        assertTrue(gate.lane().tryTake(100) > 0, "held bytes past the bound: the next waits");
        lane.finished(4000);
        assertEquals(0, gate.lane().tryTake(100));
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
