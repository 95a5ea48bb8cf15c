package dev.vellum.server.quota;

/**
 * A bucket of {@code capacity} tokens that refills steadily, at {@code capacity} per {@code periodNanos}: an amount
 * per period, with the whole amount available at once to a newcomer. Not thread-safe: its owner
 * ({@link AddressQuotas}, {@link KeyedRateLimit}) guards it.
 */
final class TokenBucket {
    private final long capacity;
    private final long periodNanos;
    private double tokens;
    private long lastRefillNanos;

    TokenBucket(long capacity, long periodNanos, long nowNanos) {
        if (capacity < 1 || periodNanos < 1) {
            throw new IllegalArgumentException("a bucket needs a capacity and a period");
        }
        this.capacity = capacity;
        this.periodNanos = periodNanos;
        this.tokens = capacity;
        this.lastRefillNanos = nowNanos;
    }

    /** Takes {@code amount} tokens if there are that many, else takes none. */
    boolean tryTake(long amount, long nowNanos) {
        refill(nowNanos);
        if (tokens < amount) {
            return false;
        }
        tokens -= amount;
        return true;
    }

    /** Gives back tokens taken for something that did not happen (an item the store refused). */
    void giveBack(long amount) {
        tokens = Math.min(capacity, tokens + amount);
    }

    /** How long until {@code amount} tokens are there (0 if they are now); at least 1 ns when they are not. */
    long nanosUntil(long amount, long nowNanos) {
        refill(nowNanos);
        if (tokens >= amount) {
            return 0;
        }
        return Math.max(1, (long) Math.ceil((amount - tokens) * periodNanos / capacity));
    }

    /** Full again: the address has been quiet long enough that forgetting it loses nothing. */
    boolean isFull(long nowNanos) {
        refill(nowNanos);
        return tokens >= capacity;
    }

    /** How long until the bucket is full again (0 if it is): until then, forgetting it would forgive a penalty. */
    long nanosUntilFull(long nowNanos) {
        return nanosUntil(capacity, nowNanos);
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - lastRefillNanos;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + (double) capacity * elapsed / periodNanos);
            lastRefillNanos = nowNanos;
        }
    }
}
