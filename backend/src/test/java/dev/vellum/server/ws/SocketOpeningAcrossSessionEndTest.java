package dev.vellum.server.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.protocol.account.AuthKeyHash;
import dev.vellum.protocol.account.SessionSecret;
import dev.vellum.protocol.seal.NoteKeys;
import dev.vellum.server.account.AccountRecord;
import dev.vellum.server.account.AccountStore;
import dev.vellum.server.account.ActiveSession;
import dev.vellum.server.account.DeviceDirectory;
import dev.vellum.server.account.DeviceRecord;
import dev.vellum.server.account.JdbcAccountRepository.NewSession;
import dev.vellum.server.account.JdbcAccountRepository;
import dev.vellum.server.account.JdbcSessionRepository;
import dev.vellum.server.account.SessionCookies;
import dev.vellum.server.account.SessionEvents;
import dev.vellum.server.account.SessionLookup;
import dev.vellum.server.config.ServerConfig;
import dev.vellum.server.http.OriginPolicy;
import dev.vellum.server.ops.RelayMetrics;
import dev.vellum.server.quota.AddressQuotas;
import dev.vellum.server.store.Database;
import dev.vellum.server.store.NoteItemStore;
import dev.vellum.server.testing.TestConfigs;
import dev.vellum.server.testing.TestSocket;
import dev.vellum.server.workspace.WorkspaceStore;
import dev.vellum.testing.TestAccount;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A socket's session is looked up before the socket is registered to close with it. A session that ends in between
 * (its lookup has read it live; its ending finds no socket yet) must not leave the socket open: the race is made
 * certain here by holding the first lookup's answer until the session has ended. Another session's ending in that
 * window must not close a live session's socket.
 */
class SocketOpeningAcrossSessionEndTest {
    @TempDir
    Path dataDir;
    private final Vertx vertx = Vertx.vertx();
    private final JvmSecureRandomSource random = new JvmSecureRandomSource();
    private final TestAccount alice = new TestAccount("alice", "alice's passphrase");
    private final CountDownLatch read = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private Database database;
    private JdbcSessionRepository sessions;
    private SessionEvents events;
    private byte[] tokenHash;
    private HttpServer server;
    private Map<String, String> cookie;

    @AfterEach
    void close() {
        vertx.close().await();
        if (database != null) {
            database.close();
        }
    }

    /** Runs every call on {@code workers}, but holds the first call's answer until {@code release} opens. */
    private record HoldingFirstAnswer(WorkerExecutor workers, CountDownLatch read, CountDownLatch release,
                                      AtomicBoolean first) implements WorkerExecutor {
        @Override
        public <T> Future<T> executeBlocking(Callable<T> code, boolean ordered) {
            if (!first.compareAndSet(true, false)) {
                return workers.executeBlocking(code, ordered);
            }
            return workers.executeBlocking(() -> {
                T answer = code.call();
                read.countDown();
                if (!release.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("never released");
                }
                return answer;
            }, ordered);
        }

        @Override
        public Future<Void> close() {
            return workers.close();
        }
    }

    /** The server with alice's session, whose first lookup is held until {@code release} opens. */
    @BeforeEach
    void start() throws Exception {
        ServerConfig config = TestConfigs.inFolder(dataDir);
        database = Database.open("jdbc:h2:file:" + dataDir.resolve("race"), 2);
        JdbcAccountRepository repository = new JdbcAccountRepository(database);
        sessions = new JdbcSessionRepository(database, Duration.ofDays(30));
        byte[] token = random.randomBytes(32);
        tokenHash = java.security.MessageDigest.getInstance("SHA-256").digest(token);
        Instant now = Instant.now();
        repository.signUp(new AccountRecord(alice.accountId, alice.username, alice.salt,
                        AuthKeyHash.create(alice.keys.authKey(), random).encode(),
                        AuthKeyHash.create(alice.recoveryKey.authKey(), random).encode(),
                        alice.identity.publicIdentity(), alice.passphraseBundle, alice.recoveryBundle),
                new DeviceRecord(alice.device.publicIdentity().signingKey(), alice.accountId,
                        alice.certificate.encode(), now, now, null),
                new NewSession(tokenHash, SessionSecret.random(random)), now);
        WorkerExecutor workers = vertx.createSharedWorkerExecutor("race-db", 2);
        AccountStore accounts = new AccountStore(repository, sessions,
                new HoldingFirstAnswer(workers, read, release, new AtomicBoolean(true)), Clock.systemUTC());
        SessionSockets sockets = new SessionSockets();
        events = new SessionEvents(vertx.eventBus());
        events.listen(sockets::end);
        Router router = Router.router(vertx);
        router.route("/ws/notes/:noteId").handler(new NoteSocketHandler(new NoteItemStore(database, workers),
                new NoteRelay(vertx.eventBus()), config, new OriginPolicy(config.allowedOrigins()),
                new OutboxBudget(config.outboxBudgetBytes()), new AddressQuotas(config.storageLimits()),
                new SessionLookup(accounts), new DeviceDirectory(accounts), sockets,
                new WorkspaceStore(database, workers, config.workspaceLimits(), Clock.systemUTC()),
                RelayMetrics.none()));
        server = vertx.createHttpServer().requestHandler(router).listen(0).await();
        cookie = Map.of("Cookie", SessionCookies.NAME + "="
                + Base64.getUrlEncoder().withoutPadding().encodeToString(token));
    }

    @Test
    void aSessionEndingBetweenItsLookupAndTheSocketsRegistration_stillClosesTheSocket() throws Exception {
        String noteId = NoteKeys.generate(random).noteId().toString();
        // Connecting waits for the upgrade, which waits for the held lookup: from a thread of its own.
        CompletableFuture<TestSocket> opening = CompletableFuture.supplyAsync(() ->
                TestSocket.connect(vertx, server.actualPort(), noteId, cookie));
        assertTrue(read.await(10, TimeUnit.SECONDS), "the lookup never ran");
        // The lookup has read the session live. Now it ends (a logout): deleted, and the ending told to every
        // socket registry, which holds no socket of it yet.
        sessions.deleteSession(tokenHash);
        events.loggedOut(new ActiveSession(tokenHash, alice.accountId, alice.username,
                alice.device.publicIdentity().signingKey(), SessionSecret.random(random)));
        Thread.sleep(200); // the event is delivered before the lookup's answer is let go
        release.countDown();

        try (TestSocket socket = opening.get(10, TimeUnit.SECONDS)) {
            assertTrue(socket.awaitClosed(), "the socket of an ended session stays open");
            assertEquals((short) 4401, socket.closeStatusCode());
        }
    }

    /**
     * Another session ending in the same window makes the server look this socket's session up again: that second
     * lookup reads this socket's own cookie, which must still be there (the upgrade request's headers are emptied
     * afterwards, {@link NoteSocketHandler#releaseUpgradeRequest}), so a live session's socket stays open.
     */
    @Test
    void anotherSessionEndingMeanwhile_leavesALiveSessionsSocketOpen() throws Exception {
        String noteId = NoteKeys.generate(random).noteId().toString();
        CompletableFuture<TestSocket> opening = CompletableFuture.supplyAsync(() ->
                TestSocket.connect(vertx, server.actualPort(), noteId, cookie));
        assertTrue(read.await(10, TimeUnit.SECONDS), "the lookup never ran");
        events.loggedOut(new ActiveSession(random.randomBytes(32), alice.accountId, alice.username,
                alice.device.publicIdentity().signingKey(), SessionSecret.random(random))); // someone else's
        Thread.sleep(200);
        release.countDown();

        try (TestSocket socket = opening.get(10, TimeUnit.SECONDS)) {
            socket.hello();
            Thread.sleep(1000); // the recheck's lookup, on the database workers
            assertFalse(socket.isClosed(), () -> "a live session's socket was closed: " + socket.closeStatusCode());
        }
    }
}
