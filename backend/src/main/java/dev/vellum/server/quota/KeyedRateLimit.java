package dev.vellum.server.quota;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * One {@link TokenBucket} per key (a username, an address): {@code burst} attempts at once, then
 * {@code burst} more per {@code periodNanos}, spread evenly. A caller takes a token before the attempt and gives it
 * back if the attempt succeeded, so only failures count and concurrent attempts cannot run past the limit.
 *
 * <p>Held in memory and bounded: at most {@code maxKeys} keys. A bucket is forgotten only once it has refilled (its
 * key loses nothing); a bucket that still holds a penalty is never dropped, however many new keys come, since
 * dropping it would hand the key a fresh allowance. When every tracked bucket holds a penalty, a new key is refused
 * (with the wait until the first bucket refills) rather than let in: the limit degrades to refusing newcomers, never
 * to forgetting. Shared by every event loop, so synchronized; while full, a sweep for refilled buckets runs at most
 * once a second (or once per refill, if later) unless the last one freed plenty, so a flood of new keys costs a few
 * map operations each.
 */
public final class KeyedRateLimit {
    public static final int MAX_KEYS = 65_536;
    private static final long MIN_SWEEP_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final long burst;
    private final long periodNanos;
    private final LongSupplier nanoClock;
    private final int maxKeys;
    /** In access order: the least recently seen key first. */
    private final LinkedHashMap<String, TokenBucket> byKey = new LinkedHashMap<>(16, 0.75f, true);
    /** After a sweep that found little room: no new sweep before {@link #nextSweepNanos}. */
    private boolean sweepDeferred;
    private long nextSweepNanos;

    public KeyedRateLimit(long burst, long periodNanos) {
        this(burst, periodNanos, System::nanoTime, MAX_KEYS);
    }

    public KeyedRateLimit(long burst, long periodNanos, LongSupplier nanoClock, int maxKeys) {
        if (maxKeys < 1) {
            throw new IllegalArgumentException("a rate limit tracks at least one key");
        }
        this.burst = burst;
        this.periodNanos = periodNanos;
        this.nanoClock = nanoClock;
        this.maxKeys = maxKeys;
        new TokenBucket(burst, periodNanos, 0); // checks the arguments now rather than at the first attempt
    }

    /**
     * Takes one attempt from {@code key}'s bucket: 0 if taken, else how many nanoseconds until one is there (nothing
     * is taken then). A new key while every tracked key holds a penalty waits until one has refilled.
     */
    public synchronized long tryTake(String key) {
        long now = nanoClock.getAsLong();
        TokenBucket bucket = byKey.get(key);
        if (bucket == null) {
            long wait = makeRoom(now);
            if (wait > 0) {
                return wait;
            }
            bucket = new TokenBucket(burst, periodNanos, now);
            byKey.put(key, bucket);
        }
        if (bucket.tryTake(1, now)) {
            return 0;
        }
        return bucket.nanosUntil(1, now);
    }

    /** Gives back an attempt that succeeded (or never happened). */
    public synchronized void giveBack(String key) {
        TokenBucket bucket = byKey.get(key);
        if (bucket != null) {
            bucket.giveBack(1);
        }
    }

    /** Keys tracked now. */
    public synchronized int trackedKeys() {
        return byKey.size();
    }

    /** 0 if a new key fits now, else the wait until one will. */
    private long makeRoom(long now) {
        if (byKey.size() < maxKeys) {
            return 0;
        }
        if (sweepDeferred && now - nextSweepNanos < 0) {
            return nextSweepNanos - now;
        }
        // One pass forgets every refilled bucket: room for many newcomers, paid for once.
        int before = byKey.size();
        long soonest = Long.MAX_VALUE;
        for (Iterator<TokenBucket> it = byKey.values().iterator(); it.hasNext(); ) {
            TokenBucket bucket = it.next();
            long untilFull = bucket.nanosUntilFull(now);
            if (untilFull == 0) {
                it.remove();
            } else {
                soonest = Math.min(soonest, untilFull);
            }
        }
        boolean room = byKey.size() < maxKeys;
        if (before - byKey.size() >= Math.max(1, maxKeys / 64)) {
            sweepDeferred = false;
            return 0;
        }
        // Little or no room: a table kept full of penalties costs one sweep per interval, not one per newcomer.
        sweepDeferred = true;
        nextSweepNanos = now + Math.max(room ? 0 : soonest, MIN_SWEEP_INTERVAL_NANOS);
        return room ? 0 : nextSweepNanos - now;
    }
}
