package dev.vellum.server.account;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes idle sessions on a timer. Without it a session nobody presents again (a browser thrown away, a cookie
 * cleared) would keep its secret in the database for good, and that secret opens the browser's session-sealed copy
 * of its keys. The work runs on the database workers; sockets still open on a swept session close (4401).
 */
public final class SessionSweep {
    /** Often enough that a session outlives its idle limit by at most this much. */
    public static final Duration PERIOD = Duration.ofHours(1);
    private static final Logger LOG = LoggerFactory.getLogger(SessionSweep.class);

    private final AccountStore store;
    private final SessionEvents events;

    public SessionSweep(AccountStore store, SessionEvents events) {
        this.store = store;
        this.events = events;
    }

    /** Sweeps every {@code period} from now on, from the calling context; returns the timer's id. */
    public long every(Vertx vertx, Duration period) {
        return vertx.setPeriodic(period.toMillis(), id -> sweep());
    }

    /** Sweeps once: how many sessions ended. A failure is logged and the next sweep tries again. */
    public Future<Integer> sweep() {
        return store.sweepIdleSessions()
                .map(ended -> {
                    events.ended(ended);
                    return ended.size();
                })
                .onFailure(failure -> LOG.warn("could not sweep idle sessions", failure));
    }
}
