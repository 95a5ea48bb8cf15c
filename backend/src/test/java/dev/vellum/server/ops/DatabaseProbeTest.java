package dev.vellum.server.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The health probe's query: never more than one at a time nor one a second, and a hung database is "down". */
class DatabaseProbeTest {
    private final Vertx vertx = Vertx.vertx();
    private final WorkerExecutor workers = vertx.createSharedWorkerExecutor("probe-test", 2);
    /** The probe is used from one event loop, as in the server. */
    private final Context eventLoop = vertx.getOrCreateContext();
    private final AtomicInteger queries = new AtomicInteger();

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    @Test
    void answers_aFloodOfProbes_asksTheDatabaseOnce() throws Exception {
        DatabaseProbe probe = new DatabaseProbe(() -> {
            queries.incrementAndGet();
            return true;
        }, workers);

        for (int i = 0; i < 200; i++) {
            assertTrue(ask(probe));
        }

        assertEquals(1, queries.get());
    }

    @Test
    void answers_afterASecond_asksAgain_andFollowsTheDatabaseDownAndUp() throws Exception {
        AtomicBoolean up = new AtomicBoolean(false);
        DatabaseProbe probe = new DatabaseProbe(() -> {
            queries.incrementAndGet();
            if (!up.get()) {
                throw new SQLException("connection refused");
            }
            return true;
        }, workers);

        assertFalse(ask(probe));
        up.set(true);
        Thread.sleep(DatabaseProbe.FRESH_MILLIS + 100);
        // On a loaded machine the first answer may land late and stay fresh a little longer: ask until it follows.
        long deadline = System.currentTimeMillis() + 10_000;
        boolean answered = ask(probe);
        while (!answered && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            answered = ask(probe);
        }
        assertTrue(answered, "the probe never followed the database back up");
        assertTrue(queries.get() >= 2, "it asked the database again");
    }

    @Test
    void answers_aQueryFinishedBeforeItsAnswerIsAwaited_theNextQueryStillRuns() throws Exception {
        AtomicBoolean up = new AtomicBoolean(false);
        DatabaseProbe probe = new DatabaseProbe(() -> {
            queries.incrementAndGet();
            return up.get();
        }, workersThatFinishAtOnce());

        assertFalse(ask(probe));
        up.set(true);
        Thread.sleep(DatabaseProbe.DEADLINE_MILLIS + 100);

        assertTrue(ask(probe), "the probe stayed on its first query");
        assertEquals(2, queries.get());
    }

    @Test
    void answers_aHungDatabase_isDownAtTheDeadline_andNoSecondQueryIsQueuedBehindIt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        DatabaseProbe probe = new DatabaseProbe(() -> {
            queries.incrementAndGet();
            return release.await(30, TimeUnit.SECONDS);
        }, workers);

        long started = System.nanoTime();
        assertFalse(ask(probe));
        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertTrue(waitedMillis >= DatabaseProbe.DEADLINE_MILLIS - 100 && waitedMillis < 10_000,
                "answered after " + waitedMillis + " ms");
        Thread.sleep(DatabaseProbe.FRESH_MILLIS + 100);
        assertFalse(ask(probe));
        assertEquals(1, queries.get(), "a second query queued behind the hung one");

        release.countDown();
        long deadline = System.currentTimeMillis() + 10_000;
        boolean answered = ask(probe);
        while (!answered && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            answered = ask(probe);
        }
        assertTrue(answered);
    }

    /** Workers so fast that the query has finished when {@code executeBlocking} returns, as on an idle machine. */
    private WorkerExecutor workersThatFinishAtOnce() {
        return (WorkerExecutor) Proxy.newProxyInstance(WorkerExecutor.class.getClassLoader(),
                new Class<?>[] {WorkerExecutor.class}, (proxy, method, arguments) -> {
                    if (method.getName().equals("executeBlocking") && arguments[0] instanceof Callable<?> query) {
                        try {
                            return Future.succeededFuture(query.call());
                        } catch (Exception e) {
                            return Future.failedFuture(e);
                        }
                    }
                    return method.invoke(workers, arguments);
                });
    }

    private boolean ask(DatabaseProbe probe) throws Exception {
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        eventLoop.runOnContext(v -> probe.answers().onComplete(answered -> {
            if (answered.succeeded()) {
                answer.complete(answered.result());
            } else {
                answer.completeExceptionally(answered.cause());
            }
        }));
        return answer.get(20, TimeUnit.SECONDS);
    }
}
