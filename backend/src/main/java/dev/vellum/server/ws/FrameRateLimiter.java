package dev.vellum.server.ws;

/**
 * A token bucket per connection: {@code ratePerSecond} frames a second sustained, bursts up to twice that.
 * Not thread-safe; each connection's handlers run on its own event loop.
 */
final class FrameRateLimiter {
    private final double ratePerNano;
    private final double capacity;
    private double tokens;
    private long lastRefillNanos;

    FrameRateLimiter(int ratePerSecond, long nowNanos) {
        this.ratePerNano = ratePerSecond / 1e9;
        this.capacity = 2.0 * ratePerSecond;
        this.tokens = capacity;
        this.lastRefillNanos = nowNanos;
    }

    /** Takes one token if there is one. */
    boolean tryAcquire(long nowNanos) {
        long elapsed = Math.max(0, nowNanos - lastRefillNanos);
        tokens = Math.min(capacity, tokens + elapsed * ratePerNano);
        lastRefillNanos = nowNanos;
        if (tokens < 1.0) {
            return false;
        }
        tokens -= 1.0;
        return true;
    }
}
