package dev.vellum.server.account;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.crypto.sign.Ed25519PublicKey;
import dev.vellum.protocol.account.AuthKeyHash;
import dev.vellum.protocol.account.SessionSecret;
import dev.vellum.server.account.JdbcAccountRepository.NewSession;
import dev.vellum.server.account.JdbcAccountRepository.SessionOutcome;
import dev.vellum.server.account.JdbcAccountRepository.SignUpOutcome;
import dev.vellum.server.store.Database;
import dev.vellum.testing.TestAccount;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The account tables' rules that the API tests cannot reach on a real clock. */
class JdbcAccountRepositoryTest {
    private static final Instant T0 = Instant.parse("2026-12-02T01:00:00Z");

    @TempDir
    Path dataDir;
    private Database database;
    private JdbcAccountRepository repository;
    private final JvmSecureRandomSource random = new JvmSecureRandomSource();
    private final TestAccount alice = new TestAccount("alice", "alice's passphrase");
    private final SessionToken token = SessionToken.random(random);
    private Ed25519PublicKey device;

    @BeforeEach
    void open() throws Exception {
        database = Database.open("jdbc:h2:file:" + dataDir.resolve("vellum"), 2);
        repository = new JdbcAccountRepository(database, Duration.ofDays(30));
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

    private Instant lastSeen() throws Exception {
        return repository.devices(alice.accountId).get(0).lastSeenAt();
    }

    @Test
    void aDevicesLastSight_isWrittenAtMostOnceAMinute() throws Exception {
        repository.findSession(token.hash(), T0.plusSeconds(30));
        assertEquals(T0, lastSeen(), "30 s later: not written");

        repository.findSession(token.hash(), T0.plusSeconds(61));
        assertEquals(T0.plusSeconds(61), lastSeen());

        repository.findSession(token.hash(), T0.plusSeconds(100));
        assertEquals(T0.plusSeconds(61), lastSeen());
    }

    @Test
    void aSessionUnusedForTheIdleLimit_hasEnded_andIsDeleted_whileOneInUseGoesOn() throws Exception {
        Instant day29 = T0.plus(Duration.ofDays(29));
        assertTrue(repository.findSession(token.hash(), day29).isPresent(), "used on day 29");
        assertTrue(repository.findSession(token.hash(), day29.plus(Duration.ofDays(29))).isPresent(),
                "29 days after its last use");

        Instant idle = day29.plus(Duration.ofDays(29)).plus(Duration.ofDays(30)).plusSeconds(1);
        assertTrue(repository.findSession(token.hash(), idle).isEmpty());
        assertTrue(repository.findSession(token.hash(), T0).isEmpty(), "deleted, not only hidden");
    }

    @Test
    void sessionsAreFoundByTheTokensHashOnly_andTheTableHoldsNoToken() throws Exception {
        assertTrue(repository.findSession(token.hash(), T0).isPresent());
        assertTrue(repository.findSession(SessionToken.random(random).hash(), T0).isEmpty());
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

        assertTrue(repository.findSession(token.hash(), T0.plusSeconds(6)).isEmpty());
        assertEquals(SessionOutcome.DEVICE_REVOKED, repository.startSession(alice.accountId, device,
                alice.certificate.encode(), new NewSession(SessionToken.random(random).hash(),
                        SessionSecret.random(random)), null, T0.plusSeconds(7)));
        assertTrue(repository.deviceStanding(device).orElseThrow().revoked());
        assertEquals(T0.plusSeconds(5), repository.devices(alice.accountId).get(0).revokedAt());
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
        repository.deleteAccount(alice.accountId);

        assertTrue(repository.findById(alice.accountId).isEmpty());
        assertTrue(repository.devices(alice.accountId).isEmpty());
        assertTrue(repository.findSession(token.hash(), T0).isEmpty());
        assertTrue(repository.deviceStanding(device).isEmpty());
    }
}
