package dev.vellum.client.sync;

import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Runs an action at once when it last ran at least an interval ago, else once when the interval is up; requests in
 * between fold into that one run. The first request after a pause is never delayed, and a steady stream of them is
 * paced at the interval. The action says whether it did anything: only then does the interval start again.
 */
final class Throttle {
    private final SyncClock clock;
    private final LongSupplier intervalMillis;
    private final BooleanSupplier action;
    private long lastRunMillis = Long.MIN_VALUE / 2;
    private SyncClock.Cancellable pending;

    Throttle(SyncClock clock, LongSupplier intervalMillis, BooleanSupplier action) {
        this.clock = clock;
        this.intervalMillis = intervalMillis;
        this.action = action;
    }

    void request() {
        if (pending != null) {
            return; // a run is due already: it will take this request along
        }
        long interval = intervalMillis.getAsLong();
        // Capped at one interval, so a wall clock set back an hour delays a run by one interval, not an hour.
        long wait = Math.min(interval, lastRunMillis + interval - clock.nowMillis());
        if (wait <= 0) {
            runNow();
            return;
        }
        pending = clock.schedule(wait, () -> {
            pending = null;
            runNow();
        });
    }

    /** The action ran by another way (a direct call): the interval starts again from now. */
    void markRan() {
        lastRunMillis = clock.nowMillis();
    }

    void cancel() {
        if (pending != null) {
            pending.cancel();
            pending = null;
        }
    }

    private void runNow() {
        if (action.getAsBoolean()) {
            markRan();
        }
    }
}
