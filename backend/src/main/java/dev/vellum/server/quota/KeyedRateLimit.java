package dev.vellum.server.quota;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * One {@link TokenBucket} per key (a username, an address): {@code burst} attempts at once, then
 * {@code burst} more per {@code periodNanos}, spread evenly. A caller takes a token before the attempt and gives it
 * back if the attempt succeeded, so only failures count and concurrent attempts cannot run past the limit.
 *
 * <p>Held in memory and bounded like {@link AddressQuotas}: at most {@code maxKeys} keys; past that, keys whose
 * buckets have refilled go first (they lose nothing), then the least recently seen. Shared by every event loop, so
 * synchronized; each call is a few map operations.
 */
public final class KeyedRateLimit {
    public static final int MAX_KEYS = 65_536;

    private final long burst;
    private final long periodNanos;
    private final LongSupplier nanoClock;
    private final int maxKeys;
    /** In access order: the least recently seen key first. */
    private final LinkedHashMap<String, TokenBucket> byKey = new LinkedHashMap<>(16, 0.75f, true);

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
     * is taken then).
     */
    public synchronized long tryTake(String key) {
        long now = nanoClock.getAsLong();
        TokenBucket bucket = bucket(key, now);
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

    private TokenBucket bucket(String key, long now) {
        TokenBucket bucket = byKey.get(key);
        if (bucket == null) {
            if (byKey.size() >= maxKeys) {
                evict(now);
            }
            bucket = new TokenBucket(burst, periodNanos, now);
            byKey.put(key, bucket);
        }
        return bucket;
    }

    private void evict(long now) {
        int looked = 0;
        for (Iterator<Map.Entry<String, TokenBucket>> it = byKey.entrySet().iterator();
             it.hasNext() && looked < 64; looked++) {
            if (it.next().getValue().isFull(now)) {
                it.remove();
            }
        }
        if (byKey.size() >= maxKeys) {
            Iterator<String> eldest = byKey.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
    }
}
