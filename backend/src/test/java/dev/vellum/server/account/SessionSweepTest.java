package dev.vellum.server.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.protocol.account.AuthKeyHash;
import dev.vellum.protocol.account.SessionSecret;
import dev.vellum.server.account.JdbcAccountRepository.NewSession;
import dev.vellum.server.store.Database;
import dev.vellum.testing.TestAccount;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The timer that deletes idle sessions nobody presents again, and tells the sockets of each to close. */
class SessionSweepTest {
    private static final Instant T0 = Instant.parse("2026-12-02T01:00:00Z");

    @TempDir
    Path dataDir;
    private final Vertx vertx = Vertx.vertx();
    private Database database;

    @AfterEach
    void close() {
        vertx.close().await();
        if (database != null) {
            database.close();
        }
    }

    @Test
    void onItsTimer_anIdleSessionIsDeleted_andItsEndIsPublished() throws Exception {
        JvmSecureRandomSource random = new JvmSecureRandomSource();
        database = Database.open("jdbc:h2:file:" + dataDir.resolve("vellum"), 2);
        JdbcAccountRepository repository = new JdbcAccountRepository(database);
        JdbcSessionRepository sessions = new JdbcSessionRepository(database, Duration.ofDays(30));
        TestAccount alice = new TestAccount("alice", "alice's passphrase");
        SessionToken token = SessionToken.random(random);
        repository.signUp(new AccountRecord(alice.accountId, alice.username, alice.salt,
                        AuthKeyHash.create(alice.keys.authKey(), random).encode(),
                        AuthKeyHash.create(alice.recoveryKey.authKey(), random).encode(),
                        alice.identity.publicIdentity(), alice.passphraseBundle, alice.recoveryBundle),
                new DeviceRecord(alice.device.publicIdentity().signingKey(), alice.accountId,
                        alice.certificate.encode(), T0, T0, null),
                new NewSession(token.hash(), SessionSecret.random(random)), T0);
        WorkerExecutor workers = vertx.createSharedWorkerExecutor("test-db", 1);
        Clock monthLater = Clock.fixed(T0.plus(Duration.ofDays(31)), ZoneOffset.UTC);
        AccountStore store = new AccountStore(repository, sessions, workers, monthLater);
        SessionEvents events = new SessionEvents(vertx.eventBus());
        BlockingQueue<SessionEvents.Ended> published = new ArrayBlockingQueue<>(4);
        events.listen(published::add);

        vertx.runOnContext(go -> new SessionSweep(store, events).every(vertx, Duration.ofMillis(50)));

        SessionEvents.Ended ended = published.poll(10, TimeUnit.SECONDS);
        assertEquals(alice.accountId, ended == null ? null : ended.accountId(), "no session was swept");
        assertTrue(ended.ends(new ActiveSession(token.hash(), alice.accountId, alice.username,
                alice.device.publicIdentity().signingKey(), SessionSecret.random(random))));
        assertTrue(sessions.findSession(token.hash(), T0).isEmpty(), "deleted, not only hidden");
        assertEquals(null, published.poll(300, TimeUnit.MILLISECONDS), "swept once, not at every tick");
    }
}
