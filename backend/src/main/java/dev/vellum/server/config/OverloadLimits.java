package dev.vellum.server.config;

/**
 * How much write work (items and snapshot confirmations that have arrived and are not yet answered: their signature
 * checks, the wait for their note's append path and the database) the server holds before it answers further writes
 * with "retry after" instead of queuing them. Holding more only makes every answer later, and without a bound a flood
 * from one client, or many, would fill the heap.
 *
 * @param maxPendingWrites the most writes the server holds at once, from every connection together
 * @param maxPendingWriteBytes the most bytes those writes may hold together
 * @param maxPendingWritesPerConnection the most one connection may have held at once (the web client has one)
 * @param writeDelayTargetMillis how long a write should wait in the server: fewer are held when the server drains
 *     them more slowly (at most its measured drain rate times this), so that the writes taken are answered about this
 *     soon, and the rest wait in the clients rather than here
 * @param maxRetryAfterMillis the longest delay a retry-after asks for
 */
public record OverloadLimits(int maxPendingWrites, long maxPendingWriteBytes, int maxPendingWritesPerConnection,
                             int writeDelayTargetMillis, int maxRetryAfterMillis) {
    /**
     * 2,000 writes and 64 MiB in all, 32 a connection, 100 ms, 5 s: on this project's 2-core test machine the
     * server drains about 1,000 items a second, so 100 ms would hold about 100 of them, less than the gate's floor of
     * 256 ({@code ws.WriteGate.MIN_WINDOW}); the hard bounds matter when the drain rate is not known yet or items are
     * large.
     */
    public static final OverloadLimits DEFAULTS = new OverloadLimits(2_000, 64L * 1024 * 1024, 32, 100, 5_000);

    /** The longest retry-after the wire allows (see {@code Frame.RetryAfter}). */
    public static final int RETRY_AFTER_LIMIT_MILLIS = 60_000;

    public OverloadLimits {
        if (maxPendingWrites < 1) {
            throw new IllegalArgumentException("max pending writes must be at least 1, got " + maxPendingWrites);
        }
        if (maxPendingWriteBytes < 1024) {
            throw new IllegalArgumentException("max pending write bytes must be at least 1024, got "
                    + maxPendingWriteBytes);
        }
        if (maxPendingWritesPerConnection < 1) {
            throw new IllegalArgumentException("max pending writes per connection must be at least 1, got "
                    + maxPendingWritesPerConnection);
        }
        if (writeDelayTargetMillis < 1) {
            throw new IllegalArgumentException("write delay target must be at least 1 ms, got "
                    + writeDelayTargetMillis);
        }
        if (maxRetryAfterMillis < 1 || maxRetryAfterMillis > RETRY_AFTER_LIMIT_MILLIS) {
            throw new IllegalArgumentException("max retry-after must be 1 to " + RETRY_AFTER_LIMIT_MILLIS
                    + " ms, got " + maxRetryAfterMillis);
        }
    }
}
