package dev.vellum.server.ops;

import dev.vellum.server.store.Database;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the database answers: a trivial query on a worker thread, never the event loop, with a short deadline.
 * However often it is asked, at most one query runs at a time and at most one starts per {@link #FRESH_MILLIS}:
 * askers in between share the last answer, so a flood of health probes costs the database nothing more.
 *
 * <p>Not thread-safe: used from one verticle's event loop, where every answer comes back too.
 */
public final class DatabaseProbe {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseProbe.class);
    /** How long an answer is reused. */
    static final long FRESH_MILLIS = 1000;
    /** How long a query may take before the database counts as not answering. */
    static final long DEADLINE_MILLIS = 2000;

    private final Callable<Boolean> ping;
    private final WorkerExecutor workers;
    /** The query being run, with its deadline; {@code null} when none runs. */
    private Future<Boolean> running;
    private long startedAt;
    private long answeredAt;
    private boolean answered;
    private boolean lastAnswer;
    /** The answer last given, to log when it changes; {@code null} before the first. */
    private Boolean reported;

    public DatabaseProbe(Database database, WorkerExecutor workers) {
        this(() -> ping(database), workers);
    }

    /** @param ping blocking: answers true, or throws, or hangs, as a database would */
    DatabaseProbe(Callable<Boolean> ping, WorkerExecutor workers) {
        this.ping = ping;
        this.workers = workers;
    }

    /**
     * Completes with whether the database answered, within {@link #DEADLINE_MILLIS}; never fails. The first answer
     * and every change are logged, in one line without the cause (which is at debug level).
     */
    public Future<Boolean> answers() {
        return ask().andThen(answer -> {
            if (!Boolean.valueOf(answer.result()).equals(reported)) {
                reported = answer.result();
                if (reported) {
                    LOG.info("the database answers");
                } else {
                    LOG.warn("the database does not answer: /health reports 503");
                }
            }
        });
    }

    private Future<Boolean> ask() {
        long now = System.nanoTime();
        if (running != null) {
            // A query still out past its deadline means the database hangs: no second one is queued behind it.
            return now - startedAt < TimeUnit.MILLISECONDS.toNanos(DEADLINE_MILLIS) ? running
                    : Future.succeededFuture(false);
        }
        if (answered && now - answeredAt < TimeUnit.MILLISECONDS.toNanos(FRESH_MILLIS)) {
            return Future.succeededFuture(lastAnswer);
        }
        startedAt = now;
        Future<Boolean> query = workers.executeBlocking(ping, false)
                .otherwise(failure -> {
                    LOG.debug("the database did not answer: {}", failure.getClass().getName());
                    return false;
                });
        Future<Boolean> bounded = query.timeout(DEADLINE_MILLIS, TimeUnit.MILLISECONDS).otherwise(false);
        running = bounded;
        // Attached after running is set: a query that already finished calls this at once, on this thread.
        query.onComplete(done -> {
            if (running == bounded) {
                running = null;
            }
            answered = true;
            lastAnswer = done.result();
            answeredAt = System.nanoTime();
        });
        return bounded;
    }

    /** Blocking: a connection from the pool (a broken one is replaced) and {@code SELECT 1} under the deadline. */
    private static boolean ping(Database database) throws SQLException {
        try (Connection connection = database.connection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout((int) TimeUnit.MILLISECONDS.toSeconds(DEADLINE_MILLIS));
            statement.execute("SELECT 1");
            return true;
        }
    }
}
