package dev.vellum.server.account;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.protocol.account.AuthKey;
import dev.vellum.protocol.account.AuthKeyHash;
import dev.vellum.protocol.account.SessionSecret;
import dev.vellum.protocol.account.Username;
import dev.vellum.protocol.id.AccountId;
import dev.vellum.server.account.AccountStore.Proof;
import dev.vellum.server.account.JdbcAccountRepository.NewSession;
import dev.vellum.server.store.Database;
import dev.vellum.testing.TestAccount;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Authentication does the same work whether the account exists or not: exactly one hash check, against the stored
 * hash or the stand-in. (A timing test cannot tell a skipped stand-in from noise; counting the checks can.)
 */
class AccountStoreTest {
    private static final Instant T0 = Instant.parse("2026-12-02T01:00:00Z");

    @TempDir
    Path dataDir;
    private Database database;
    private Vertx vertx;
    private WorkerExecutor executor;
    private AccountStore store;
    private final List<AuthKeyHash> checked = new ArrayList<>();
    private final JvmSecureRandomSource random = new JvmSecureRandomSource();
    private final TestAccount alice = new TestAccount("alice", "alice's passphrase");

    @BeforeEach
    void open() throws Exception {
        database = Database.open("jdbc:h2:file:" + dataDir.resolve("vellum"), 2);
        JdbcAccountRepository repository = new JdbcAccountRepository(database);
        JdbcSessionRepository sessions = new JdbcSessionRepository(database, Duration.ofDays(30));
        repository.signUp(new AccountRecord(alice.accountId, alice.username, alice.salt,
                        AuthKeyHash.create(alice.keys.authKey(), random).encode(),
                        AuthKeyHash.create(alice.recoveryKey.authKey(), random).encode(),
                        alice.identity.publicIdentity(), alice.passphraseBundle, alice.recoveryBundle),
                new DeviceRecord(alice.device.publicIdentity().signingKey(), alice.accountId,
                        alice.certificate.encode(), T0, T0, null),
                new NewSession(SessionToken.random(random).hash(), SessionSecret.random(random)), T0);
        vertx = Vertx.vertx();
        executor = vertx.createSharedWorkerExecutor("account-store-test", 1);
        store = new AccountStore(repository, sessions, executor, Clock.systemUTC(), (hash, key) -> {
            synchronized (checked) {
                checked.add(hash);
            }
            return hash.matches(key);
        });
    }

    @AfterEach
    void close() throws Exception {
        executor.close();
        vertx.close().await(10, TimeUnit.SECONDS);
        database.close();
    }

    private <T> T await(io.vertx.core.Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void everyOutcome_checksExactlyOneHash_theStandInForAnUnknownAccount() throws Exception {
        AuthKey wrong = new TestAccount("alice", "not it").keys.authKey();

        Optional<AccountRecord> right = await(store.authenticate(alice.username, alice.keys.authKey(),
                Proof.PASSPHRASE));
        assertEquals(1, checked.size());
        assertTrue(await(store.authenticate(alice.username, wrong, Proof.PASSPHRASE)).isEmpty());
        assertEquals(2, checked.size());
        assertTrue(await(store.authenticate(Username.parse("nobody"), alice.keys.authKey(), Proof.PASSPHRASE))
                .isEmpty());
        assertEquals(3, checked.size());
        assertTrue(await(store.authenticate(Username.parse("nobody"), alice.recoveryKey.authKey(),
                Proof.RECOVERY_KEY)).isEmpty());
        assertTrue(await(store.authenticate(AccountId.random(random), alice.keys.authKey())).isEmpty());

        assertEquals(5, checked.size());
        assertEquals(alice.accountId, right.orElseThrow().id());
        for (int unknown = 2; unknown < 5; unknown++) {
            assertArrayEquals(AuthKeyHash.standIn().encode(), checked.get(unknown).encode(),
                    "the stand-in, for check " + unknown);
        }
    }

    @Test
    void theRecoveryKey_isCheckedAgainstItsOwnHash() throws Exception {
        assertEquals(alice.accountId, await(store.authenticate(alice.username, alice.recoveryKey.authKey(),
                Proof.RECOVERY_KEY)).orElseThrow().id());
        assertTrue(await(store.authenticate(alice.username, alice.recoveryKey.authKey(), Proof.PASSPHRASE))
                .isEmpty());
    }

    @Test
    void theSalt_isTheAccountsOwn_orNothing() throws Exception {
        assertEquals(Optional.of(alice.salt), await(store.salt(alice.username)));
        assertEquals(Optional.empty(), await(store.salt(Username.parse("nobody"))));
    }
}
