package dev.vellum.server.account;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.crypto.sign.Ed25519PublicKey;
import dev.vellum.protocol.account.AuthKeyHash;
import dev.vellum.protocol.account.SessionSecret;
import dev.vellum.protocol.account.Username;
import dev.vellum.server.account.JdbcAccountRepository.NewSession;
import dev.vellum.server.account.JdbcAccountRepository.PassphraseChange;
import dev.vellum.server.account.JdbcAccountRepository.SessionOutcome;
import dev.vellum.server.account.JdbcAccountRepository.SessionStart;
import dev.vellum.server.account.JdbcAccountRepository.SignUpOutcome;
import dev.vellum.server.store.Database;
import dev.vellum.testing.TestAccount;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The account tables' rules that the API tests cannot reach on a real clock; on H2 here, and the same cases on
 * PostgreSQL in {@link PostgresAccountRepositoryTest}.
 */
class JdbcAccountRepositoryTest {
    private static final Instant T0 = Instant.parse("2026-12-02T01:00:00Z");

    @TempDir
    Path dataDir;
    private Database database;
    private JdbcAccountRepository repository;
    private JdbcSessionRepository sessions;
    private final JvmSecureRandomSource random = new JvmSecureRandomSource();
    private final TestAccount alice = new TestAccount("alice", "alice's passphrase");
    private final SessionToken token = SessionToken.random(random);
    private Ed25519PublicKey device;

    @BeforeEach
    void open() throws Exception {
        database = Database.open(jdbcUrl(), 2);
        repository = new JdbcAccountRepository(database);
        sessions = new JdbcSessionRepository(database, Duration.ofDays(30));
        device = alice.device.publicIdentity().signingKey();
        AccountRecord account = new AccountRecord(alice.accountId, alice.username, alice.salt,
                AuthKeyHash.create(alice.keys.authKey(), random).encode(),
                AuthKeyHash.create(alice.recoveryKey.authKey(), random).encode(), alice.identity.publicIdentity(),
                alice.passphraseBundle, alice.recoveryBundle);
        assertEquals(SignUpOutcome.CREATED, repository.signUp(account,
                new DeviceRecord(device, alice.accountId, alice.certificate.encode(), T0, T0, null),
                new NewSession(token.hash(), SessionSecret.random(random)), T0));
    }

    @AfterEach
    void close() {
        database.close();
    }

    /** The database of one test. */
    String jdbcUrl() {
        return "jdbc:h2:file:" + dataDir.resolve("vellum");
    }

    private Instant lastSeen() throws Exception {
        return repository.devices(alice.accountId).get(0).lastSeenAt();
    }

    @Test
    void aDevicesLastSight_isWrittenAtMostOnceAMinute() throws Exception {
        sessions.findSession(token.hash(), T0.plusSeconds(30));
        assertEquals(T0, lastSeen(), "30 s later: not written");

        sessions.findSession(token.hash(), T0.plusSeconds(61));
        assertEquals(T0.plusSeconds(61), lastSeen());

        sessions.findSession(token.hash(), T0.plusSeconds(100));
        assertEquals(T0.plusSeconds(61), lastSeen());
    }

    @Test
    void aSessionUnusedForTheIdleLimit_hasEnded_andIsDeleted_whileOneInUseGoesOn() throws Exception {
        Instant day29 = T0.plus(Duration.ofDays(29));
        assertTrue(sessions.findSession(token.hash(), day29).isPresent(), "used on day 29");
        assertTrue(sessions.findSession(token.hash(), day29.plus(Duration.ofDays(29))).isPresent(),
                "29 days after its last use");

        Instant idle = day29.plus(Duration.ofDays(29)).plus(Duration.ofDays(30)).plusSeconds(1);
        assertTrue(sessions.findSession(token.hash(), idle).isEmpty());
        assertTrue(sessions.findSession(token.hash(), T0).isEmpty(), "deleted, not only hidden");
    }

    @Test
    void sessionsAreFoundByTheTokensHashOnly_andTheTableHoldsNoToken() throws Exception {
        assertTrue(sessions.findSession(token.hash(), T0).isPresent());
        assertTrue(sessions.findSession(SessionToken.random(random).hash(), T0).isEmpty());
        try (var connection = database.connection();
             var query = connection.prepareStatement("SELECT token_hash FROM sessions");
             var rows = query.executeQuery()) {
            rows.next();
            assertArrayEquals(token.hash(), rows.getBytes(1));
        }
    }

    @Test
    void aRevokedDevice_losesItsSessions_andCannotStartOne() throws Exception {
        assertTrue(repository.revokeDevice(alice.accountId, device, T0.plusSeconds(5)));

        assertTrue(sessions.findSession(token.hash(), T0.plusSeconds(6)).isEmpty());
        assertEquals(SessionOutcome.DEVICE_REVOKED, repository.startSession(alice.accountId, device,
                alice.certificate.encode(), new NewSession(SessionToken.random(random).hash(),
                        SessionSecret.random(random)), null, T0.plusSeconds(7)).outcome());
        assertTrue(repository.deviceStanding(device).orElseThrow().revoked());
        assertEquals(T0.plusSeconds(5), repository.devices(alice.accountId).get(0).revokedAt());
    }

    @Test
    void twoLoginsOfOneNewDevice_atOnce_bothStartSessions_andRegisterItOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) { // the race is lost in some rounds, not all
                Ed25519PublicKey device = IdentityKeyPair.generate(random).publicIdentity().signingKey();
                CountDownLatch go = new CountDownLatch(1);
                List<Future<SessionOutcome>> logins = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    logins.add(pool.submit(() -> {
                        go.await();
                        return repository.startSession(alice.accountId, device, alice.certificate.encode(),
                                new NewSession(SessionToken.random(random).hash(), SessionSecret.random(random)),
                                null, T0).outcome();
                    }));
                }
                go.countDown();
                for (var login : logins) {
                    assertEquals(SessionOutcome.STARTED, login.get());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(11, repository.devices(alice.accountId).size());
    }

    @Test
    void theServerSecret_isMadeOnce_andKept() throws Exception {
        byte[] first = repository.serverSecret("stand-in-salt", random);
        byte[] second = repository.serverSecret("stand-in-salt", random);

        assertEquals(32, first.length);
        assertArrayEquals(first, second);
    }

    @Test
    void deletingTheAccount_removesItsDevicesAndSessions() throws Exception {
        repository.deleteAccount(alice.accountId, T0);

        assertTrue(repository.findById(alice.accountId).isEmpty());
        assertTrue(repository.devices(alice.accountId).isEmpty());
        assertTrue(sessions.findSession(token.hash(), T0).isEmpty());
        assertTrue(repository.deviceStanding(device).isEmpty());
    }

    private AccountRecord record(TestAccount account) {
        return new AccountRecord(account.accountId, account.username, account.salt,
                AuthKeyHash.create(account.keys.authKey(), random).encode(),
                AuthKeyHash.create(account.recoveryKey.authKey(), random).encode(),
                account.identity.publicIdentity(), account.passphraseBundle, account.recoveryBundle);
    }

    private SignUpOutcome signUp(AccountRecord account, TestAccount from) throws Exception {
        return repository.signUp(account, new DeviceRecord(from.device.publicIdentity().signingKey(),
                account.id(), from.certificate.encode(), T0, T0, null),
                new NewSession(SessionToken.random(random).hash(), SessionSecret.random(random)), T0);
    }

    /** A login of {@code device} (new or known) at {@code now}, with a fresh token. */
    private SessionStart logIn(Ed25519PublicKey device, byte[] tokenHash, Instant now) throws Exception {
        return repository.startSession(alice.accountId, device, alice.certificate.encode(),
                new NewSession(tokenHash, SessionSecret.random(random)), null, now);
    }

    @Test
    void aDeletedAccountsUsernameAndId_stayTaken_forGood() throws Exception {
        repository.deleteAccount(alice.accountId, T0.plusSeconds(1));

        TestAccount newcomer = new TestAccount("alice", "a newcomer's passphrase");
        assertEquals(SignUpOutcome.USERNAME_TAKEN, signUp(record(newcomer), newcomer));
        AccountRecord sameId = new AccountRecord(alice.accountId, Username.parse("not-alice"), newcomer.salt,
                AuthKeyHash.create(newcomer.keys.authKey(), random).encode(),
                AuthKeyHash.create(newcomer.recoveryKey.authKey(), random).encode(),
                newcomer.identity.publicIdentity(), newcomer.passphraseBundle, newcomer.recoveryBundle);
        assertEquals(SignUpOutcome.ACCOUNT_ID_TAKEN, signUp(sameId, newcomer));
        TestAccount bob = new TestAccount("bob", "bob's passphrase");
        assertEquals(SignUpOutcome.CREATED, signUp(record(bob), bob), "other names are free");
    }

    @Test
    void theSweep_deletesSessionsPastTheIdleLimit_andSaysWhose_whileOnesInUseStay() throws Exception {
        SessionToken used = SessionToken.random(random);
        assertEquals(SessionOutcome.STARTED, logIn(device, used.hash(), T0.plus(Duration.ofDays(20))).outcome());

        List<SessionEvents.Ended> early = sessions.sweepIdleSessions(T0.plus(Duration.ofDays(29)));
        List<SessionEvents.Ended> swept = sessions.sweepIdleSessions(T0.plus(Duration.ofDays(30)).plusSeconds(1));

        assertTrue(early.isEmpty(), "nothing is idle on day 29");
        assertEquals(1, swept.size());
        assertArrayEquals(token.hash(), swept.get(0).tokenHash());
        assertEquals(alice.accountId, swept.get(0).accountId());
        assertEquals(device, swept.get(0).device());
        try (var connection = database.connection();
             var query = connection.prepareStatement("SELECT COUNT(*) FROM sessions WHERE token_hash = ?")) {
            query.setBytes(1, token.hash());
            try (var rows = query.executeQuery()) {
                rows.next();
                assertEquals(0, rows.getInt(1), "deleted without anyone presenting its cookie");
            }
        }
        assertTrue(sessions.findSession(used.hash(), T0.plus(Duration.ofDays(30))).isPresent());
    }

    @Test
    void pastTheSessionCap_theSessionUnusedLongestEnds() throws Exception {
        List<byte[]> tokens = new ArrayList<>();
        for (int i = 1; i < JdbcSessionRepository.MAX_SESSIONS; i++) {
            byte[] hash = SessionToken.random(random).hash();
            tokens.add(hash);
            assertTrue(logIn(device, hash, T0.plusSeconds(i)).ended().isEmpty(), "within the cap");
        }
        sessions.findSession(token.hash(), T0.plusSeconds(500)); // the first session is used again

        SessionStart overCap = logIn(device, SessionToken.random(random).hash(), T0.plusSeconds(501));

        assertEquals(1, overCap.ended().size());
        assertArrayEquals(tokens.get(0), overCap.ended().get(0).tokenHash(), "the one unused longest");
        assertTrue(sessions.findSession(tokens.get(0), T0.plusSeconds(502)).isEmpty());
        assertTrue(sessions.findSession(token.hash(), T0.plusSeconds(502)).isPresent());
    }

    @Test
    void pastTheDeviceCap_aNewDeviceIsRefused_untilOneIsRevoked() throws Exception {
        for (int i = 1; i < JdbcAccountRepository.MAX_DEVICES; i++) {
            Ed25519PublicKey other = IdentityKeyPair.generate(random).publicIdentity().signingKey();
            assertEquals(SessionOutcome.STARTED, logIn(other, SessionToken.random(random).hash(), T0).outcome());
        }
        Ed25519PublicKey oneTooMany = IdentityKeyPair.generate(random).publicIdentity().signingKey();

        assertEquals(SessionOutcome.TOO_MANY_DEVICES,
                logIn(oneTooMany, SessionToken.random(random).hash(), T0).outcome());
        assertEquals(SessionOutcome.STARTED, logIn(device, SessionToken.random(random).hash(), T0).outcome(),
                "a known device still logs in");
        assertTrue(repository.revokeDevice(alice.accountId, device, T0));
        assertEquals(SessionOutcome.STARTED,
                logIn(oneTooMany, SessionToken.random(random).hash(), T0).outcome());
        assertEquals(JdbcAccountRepository.MAX_DEVICES + 1, repository.devices(alice.accountId).size());
    }

    @Test
    void aRecovery_endsEveryOtherSessionOfTheAccount() throws Exception {
        Ed25519PublicKey laptop = IdentityKeyPair.generate(random).publicIdentity().signingKey();
        SessionToken laptopToken = SessionToken.random(random);
        logIn(laptop, laptopToken.hash(), T0);
        SessionToken recovered = SessionToken.random(random);
        PassphraseChange change = new PassphraseChange(alice.salt,
                AuthKeyHash.create(alice.keys.authKey(), random).encode(), alice.passphraseBundle);

        SessionStart recovery = repository.startSession(alice.accountId, laptop, alice.certificate.encode(),
                new NewSession(recovered.hash(), SessionSecret.random(random)), change, T0.plusSeconds(1));

        assertEquals(2, recovery.ended().size());
        assertTrue(sessions.findSession(token.hash(), T0.plusSeconds(2)).isEmpty());
        assertTrue(sessions.findSession(laptopToken.hash(), T0.plusSeconds(2)).isEmpty());
        assertTrue(sessions.findSession(recovered.hash(), T0.plusSeconds(2)).isPresent());
    }

    @Test
    void replacingTheRecoveryKey_replacesItsHashAndBundle() throws Exception {
        byte[] hash = AuthKeyHash.create(new TestAccount("alice", "x y z").recoveryKey.authKey(), random).encode();
        byte[] bundle = new TestAccount("alice", "x y z").recoveryBundle;

        assertTrue(repository.replaceRecoveryKey(alice.accountId, hash, bundle));

        AccountRecord after = repository.findById(alice.accountId).orElseThrow();
        assertArrayEquals(hash, after.recoveryAuthKeyHash());
        assertArrayEquals(bundle, after.recoveryBundle());
        repository.deleteAccount(alice.accountId, T0);
        assertTrue(!repository.replaceRecoveryKey(alice.accountId, hash, bundle), "no account, nothing replaced");
    }
}
