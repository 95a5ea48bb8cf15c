package dev.vellum.server.ws;

import dev.vellum.crypto.random.RandomSource;
import dev.vellum.server.config.OverloadLimits;
import java.util.function.LongSupplier;

/**
 * Decides, for every write a client sends (an item, a snapshot confirmation), whether the server takes it now or
 * answers "retry after N ms" ({@link dev.vellum.protocol.wire.Frame.RetryAfter}) instead of queuing it. A write is
 * held from the moment it is taken until it is answered: while its signatures are checked
 * ({@link SignatureChecks}), while it waits for its note's append path and for the database
 * ({@code store.NoteAppends}). Every one of those queues shows overload the same way, as writes held longer, so the
 * gate counts them in one place. It refuses when
 * <ul>
 *   <li>the connection has {@link OverloadLimits#maxPendingWritesPerConnection} held, or a retry-after it was given
 *   has not run out (so a pipelined write cannot be stored ahead of the one refused before it);</li>
 *   <li>the server holds what it drains in {@link OverloadLimits#writeDelayTargetMillis} (measured while busy; never
 *   fewer than {@link #MIN_WINDOW}), or {@link OverloadLimits#maxPendingWrites} or
 *   {@link OverloadLimits#maxPendingWriteBytes}: memory stays bounded whatever one client or many send.</li>
 * </ul>
 * Readers that fall behind are not a reason: they are closed by their outbox ({@link SocketOutbox},
 * {@link OutboxBudget}), and refusing writes while their backlog is large would let a few clients that never read stop
 * everyone's writing.
 * The delays queue the refused clients without holding anything for them: each refused write is given the next free
 * slot, one drain interval (the time the server takes per write, measured) after the last one given, starting once what
 * the server holds beyond its window has drained. So they come back one by one, in the order they were refused, as room
 * frees, rather than all at once or at random (random waits left some clients refused again and again: in the relay
 * benchmark their p99 from the first try was three times the queue's length). A client back at its slot is taken up to
 * {@link OverloadLimits#maxPendingWrites} (it was promised the room); a write from anyone else is refused while others
 * wait for their slots, and queues behind them, so a client just answered cannot take the room again and again. A
 * client that closes while it waits for the queue's last slot gives it back: the queue's end moves one slot earlier
 * (and further back as the clients before it close too), so clients refused then disconnecting (a flood of them) do not
 * keep later ones waiting for slots nobody comes back to; a slot in the middle stays unused rather than be given twice.
 * A random part within the slot's interval (from the platform CSPRNG, drawn outside the gate's lock so that no
 * connection waits for another's draw) keeps clients refused in the same instant from coming back in lockstep.
 * While the drain rate is not known yet, the delay is the target delay, between half and one and a half times it at
 * random. At least two frame intervals of the connection's rate limit, at most {@link
 * OverloadLimits#maxRetryAfterMillis}. A refused write is neither stored nor acknowledged, and the connection stays
 * open. Thread-safe: the connections of every event loop share one gate.
 */
final class WriteGate {
    /**
     * Held writes always allowed, whatever the drain rate: a burst of people typing on an idle server, and enough
     * waiting items for the group commit to fill its groups. With 32, a server starved of CPU in the relay benchmark
     * held about 1.6 items per note instead of 10 and stored 37-49% fewer items a second than with no gate at all
     * (README, "Under overload"); 256 is one write in flight for each of the benchmark's 200 clients with room left.
     */
    static final int MIN_WINDOW = 256;
    /** The drain rate is measured over windows this long, and only while writes are held. */
    private static final long RATE_WINDOW_NANOS = 250_000_000L;

    private final OverloadLimits limits;
    private final LongSupplier nanoTime;
    private final RandomSource random;
    /**
     * The shortest delay asked for: two frame intervals at the connection's allowed rate, so that a client that obeys
     * never retries fast enough to be closed for its rate ({@code --frames-per-second}), and never less than 10 ms.
     */
    private final int minRetryMillis;
    private int pending;
    private long pendingBytes;
    /** Writes answered per millisecond while busy, smoothed; 0 until first measured. */
    private double drainPerMilli;
    private long windowStartNanos;
    private int finishedInWindow;
    private boolean busyWholeWindow;
    private long refusals;
    /** When the next refused client may come back: the end of the queue kept in the clients. */
    private long nextSlotNanos;

    WriteGate(OverloadLimits limits, int framesPerSecond, LongSupplier nanoTime, RandomSource random) {
        this.limits = limits;
        this.minRetryMillis = Math.min(limits.maxRetryAfterMillis(), Math.max(10, (2000 + framesPerSecond - 1)
                / framesPerSecond));
        this.nanoTime = nanoTime;
        this.random = random;
        this.windowStartNanos = nanoTime.getAsLong();
    }

    /** One connection's share: what it holds, and until when it was told to wait. */
    Lane lane() {
        return new Lane();
    }

    /** Writes held now, from every connection. */
    synchronized int pending() {
        return pending;
    }

    /** Writes answered "retry after" since the server started. */
    synchronized long refusals() {
        return refusals;
    }

    /** How many writes may be held now: what the server drains in the target delay, within the bounds. */
    synchronized int window() {
        int max = limits.maxPendingWrites();
        if (drainPerMilli <= 0) {
            return max;
        }
        long adaptive = (long) Math.ceil(drainPerMilli * limits.writeDelayTargetMillis());
        return (int) Math.min(max, Math.max(Math.min(MIN_WINDOW, max), adaptive));
    }

    /**
     * Decides under the lock; a refusal's random part is drawn after it, so that no connection waits for another's
     * CSPRNG draw (which may block on the platform's own lock). A lane's {@code tryTake} runs on its connection's
     * thread only, so the wait it is told is recorded there.
     */
    private int tryTake(Lane lane, int bytes) {
        Refusal refusal = decide(lane, bytes);
        if (refusal == null) {
            return 0;
        }
        if (refusal.spreadNanos() == 0) {
            return refusal.millis(0);
        }
        int delay = refusal.millis(random());
        lane.retryUntilNanos = refusal.nowNanos() + delay * 1_000_000L;
        return delay;
    }

    /** Why a write was refused: wait from {@code baseNanos}, plus a random part of {@code spreadNanos} if not 0. */
    private record Refusal(long nowNanos, long baseNanos, long spreadNanos, int minMillis, int maxMillis) {
        int millis(double random) {
            long millis = Math.round((baseNanos + random * spreadNanos) / 1e6);
            return (int) Math.max(minMillis, Math.min(maxMillis, millis));
        }
    }

    /** Null if the write is taken. */
    private synchronized Refusal decide(Lane lane, int bytes) {
        long now = nanoTime.getAsLong();
        measure(now);
        boolean turn = false;
        if (lane.waiting) {
            if (lane.retryUntilNanos - now > 0) {
                refusals++;
                // The rest of the wait it was told, rounded up: no new random part.
                return new Refusal(now, (lane.retryUntilNanos - now + 999_999) / 1_000_000 * 1_000_000, 0, 1,
                        limits.maxRetryAfterMillis());
            }
            lane.waiting = false;
            lane.slotNanos = 0;
            turn = true;
        }
        // A client back at its slot is taken up to the hard bound: it was promised the room. Anyone else queues behind
        // those still waiting for theirs, or a client just answered would take the room first, again and again.
        boolean othersWaiting = drainPerMilli > 0 && nextSlotNanos - now > 0;
        boolean full = lane.pending >= limits.maxPendingWritesPerConnection()
                || pending >= (turn ? limits.maxPendingWrites() : window())
                || (!turn && othersWaiting)
                // One write is always taken when nothing is held, however large: else it would be refused forever.
                || (pending > 0 && pendingBytes + bytes > limits.maxPendingWriteBytes());
        if (full) {
            refusals++;
            lane.waiting = true;
            Refusal refusal = retryDelay(lane, now);
            // Until the random part is drawn (outside the lock), the earliest it may be: a pipelined write is refused.
            lane.retryUntilNanos = now + refusal.millis(0) * 1_000_000L;
            return refusal;
        }
        pending++;
        pendingBytes += bytes;
        lane.pending++;
        if (pending == 1) {
            busyWholeWindow = false; // the server was idle until now: this window does not measure its capacity
        }
        return null;
    }

    /**
     * The connection closed: a slot it was promised and will never use goes back to the queue, so that a flood of
     * refused clients that disconnect does not keep later ones waiting for slots nobody comes back to.
     */
    private synchronized void closed(Lane lane) {
        long now = nanoTime.getAsLong();
        // Only the queue's last slot can go back: one in the middle would be given again while the slot after it is
        // still held, and two clients would come back at once.
        if (lane.waiting && lane.slotNanos > 0 && lane.retryUntilNanos - now > 0
                && lane.slotEndNanos == nextSlotNanos) {
            nextSlotNanos = Math.max(now, nextSlotNanos - lane.slotNanos);
        }
        lane.waiting = false;
        lane.slotNanos = 0;
    }

    private synchronized void finished(Lane lane, int bytes) {
        pending--;
        pendingBytes -= bytes;
        lane.pending--;
        finishedInWindow++;
        measure(nanoTime.getAsLong());
        if (pending == 0) {
            busyWholeWindow = false;
        }
    }

    /** Closes the rate window once it is long enough; it counts only if writes were held all along. */
    private void measure(long now) {
        long elapsed = now - windowStartNanos;
        if (elapsed < RATE_WINDOW_NANOS) {
            return;
        }
        if (busyWholeWindow && finishedInWindow > 0) {
            double rate = finishedInWindow / (elapsed / 1e6);
            drainPerMilli = drainPerMilli <= 0 ? rate : (drainPerMilli + rate) / 2;
        }
        windowStartNanos = now;
        finishedInWindow = 0;
        busyWholeWindow = pending > 0;
    }

    /** The next slot in the queue kept in the clients (see the class comment), within bounds; noted in the lane. */
    private Refusal retryDelay(Lane lane, long now) {
        int maxMillis = limits.maxRetryAfterMillis();
        if (drainPerMilli <= 0) {
            long target = limits.writeDelayTargetMillis() * 1_000_000L;
            return new Refusal(now, target / 2, target, minRetryMillis, maxMillis);
        }
        double perWriteNanos = 1e6 / drainPerMilli;
        long roomIn = (long) (Math.max(0, pending - window() + 1) * perWriteNanos);
        // Never further than the longest delay: clients told that come back then, and the queue starts again.
        nextSlotNanos = Math.min(Math.max(nextSlotNanos, now + roomIn), now + maxMillis * 1_000_000L);
        long base = nextSlotNanos - now;
        nextSlotNanos += (long) perWriteNanos;
        lane.slotNanos = Math.max(1, (long) perWriteNanos);
        lane.slotEndNanos = nextSlotNanos;
        return new Refusal(now, base, (long) perWriteNanos, minRetryMillis, maxMillis);
    }

    /** Uniform in [0, 1), from the platform CSPRNG. */
    private double random() {
        byte[] bytes = random.randomBytes(3);
        int bits = (bytes[0] & 0xff) << 16 | (bytes[1] & 0xff) << 8 | (bytes[2] & 0xff);
        return bits / (double) (1 << 24);
    }

    /**
     * One connection's writes: {@link #tryTake} before a write is handled, {@link #finished} once it is answered
     * (stored, refused, or dropped with its connection), exactly once for each write taken; {@link #closed} when the
     * connection closes.
     */
    final class Lane {
        private int pending;
        private boolean waiting;
        /** Written on its connection's thread, also outside the gate's lock (see {@link WriteGate#tryTake}). */
        private volatile long retryUntilNanos;
        /** The length of the queue's slot it was given while {@link #waiting}, or 0 if none. */
        private long slotNanos;
        /** Where the queue ended once that slot was given: the slot is still the queue's last while they are equal. */
        private long slotEndNanos;

        private Lane() {
        }

        /** Takes a write of {@code bytes}: 0 if taken, else the milliseconds to tell the client to wait. */
        int tryTake(int bytes) {
            return WriteGate.this.tryTake(this, bytes);
        }

        void finished(int bytes) {
            WriteGate.this.finished(this, bytes);
        }

        /** Its connection closed: hands back the slot it was waiting for, if any. */
        void closed() {
            WriteGate.this.closed(this);
        }
    }
}
