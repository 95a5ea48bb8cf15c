package dev.vellum.client.sync;

/**
 * The time and the timers the sync engine paces itself by: the browser's in the app, a fake one in JVM tests, so
 * every timing rule (batching, throttling, idle work, timeouts) is tested without waiting.
 *
 * <p>Tasks run one at a time on the caller's thread (the browser's event loop), never inside {@link #schedule}.
 */
public interface SyncClock {
    /** Wall-clock time in milliseconds since the epoch: it dates snapshots, so it may jump when the clock is set. */
    long nowMillis();

    /** Runs {@code task} once, about {@code delayMillis} from now (at once if zero or less), unless cancelled. */
    Cancellable schedule(long delayMillis, Runnable task);

    /** A scheduled task that has not run yet can be called off; cancelling it again, or after it ran, does nothing. */
    interface Cancellable {
        void cancel();
    }
}
