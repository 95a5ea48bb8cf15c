package dev.vellum.client.sync;

/**
 * Runs an action a fixed time after it is asked for: {@link #requestOnce()} keeps the first request's time (at most
 * one run per delay, for writes that need not follow every change), {@link #restart()} moves it to the latest
 * request's (a run after a pause in requests, for idle work).
 */
final class Delayed {
    private final SyncClock clock;
    private final long delayMillis;
    private final Runnable action;
    private SyncClock.Cancellable pending;

    Delayed(SyncClock clock, long delayMillis, Runnable action) {
        this.clock = clock;
        this.delayMillis = delayMillis;
        this.action = action;
    }

    void requestOnce() {
        if (pending == null) {
            pending = clock.schedule(delayMillis, this::run);
        }
    }

    void restart() {
        cancel();
        pending = clock.schedule(delayMillis, this::run);
    }

    void cancel() {
        if (pending != null) {
            pending.cancel();
            pending = null;
        }
    }

    private void run() {
        pending = null;
        action.run();
    }
}
