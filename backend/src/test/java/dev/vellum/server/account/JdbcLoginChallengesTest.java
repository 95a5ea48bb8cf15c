package dev.vellum.server.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.protocol.account.LoginChallenge;
import dev.vellum.protocol.id.AccountId;
import dev.vellum.server.account.LoginChallenges.Kind;
import dev.vellum.server.store.Database;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Challenges, in the database: single-use, bound to their account and kind, expire after 60 s, kept only as the
 * hash of the challenge, and bounded in number: per account, and in all without ever dropping another account's.
 */
class JdbcLoginChallengesTest {
    private final JvmSecureRandomSource random = new JvmSecureRandomSource();
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-02T12:00:00Z"));
    private final AccountId alice = AccountId.random(random);
    @TempDir
    Path dataDir;
    private Database database;
    private JdbcLoginChallenges challenges;

    @BeforeEach
    void open() throws Exception {
        database = Database.open("jdbc:h2:file:" + dataDir.resolve("vellum"), 2);
        challenges = new JdbcLoginChallenges(database, random, new SettableClock(now), 3);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private static void assertExpired(ApiError error) {
        assertEquals("challenge-expired", error.code());
        assertEquals(400, error.status());
    }

    @Test
    void aChallenge_givesItsAccount_once() throws Exception {
        LoginChallenge challenge = challenges.issue(alice, Kind.LOGIN);

        assertEquals(alice, challenges.take(challenge.toBytes(), Kind.LOGIN));
        assertExpired(assertThrows(ApiError.class, () -> challenges.take(challenge.toBytes(), Kind.LOGIN)));
        assertEquals(0, challenges.outstanding(), "its row is gone");
    }

    @Test
    void aChallenge_isStoredOnlyAsItsHash() throws Exception {
        LoginChallenge challenge = challenges.issue(alice, Kind.LOGIN);

        try (Connection connection = database.connection();
             PreparedStatement query = connection.prepareStatement("SELECT challenge_hash FROM login_challenges");
             ResultSet rows = query.executeQuery()) {
            rows.next();
            assertEquals(java.util.HexFormat.of().formatHex(dev.vellum.crypto.hash.Sha256.hash(challenge.toBytes())),
                    java.util.HexFormat.of().formatHex(rows.getBytes(1)));
        }
    }

    @Test
    void anExpiredChallenge_isRefused_andOneJustInTimeIsNot() throws Exception {
        LoginChallenge late = challenges.issue(alice, Kind.LOGIN);
        LoginChallenge inTime = challenges.issue(alice, Kind.LOGIN);
        advance(Duration.ofSeconds(60));

        assertEquals(alice, challenges.take(inTime.toBytes(), Kind.LOGIN));
        advance(Duration.ofMillis(1));
        assertExpired(assertThrows(ApiError.class, () -> challenges.take(late.toBytes(), Kind.LOGIN)));
    }

    @Test
    void aChallengeOfOneKind_cannotFinishTheOther_andIsUsedUpTrying() throws Exception {
        LoginChallenge login = challenges.issue(alice, Kind.LOGIN);

        assertExpired(assertThrows(ApiError.class, () -> challenges.take(login.toBytes(), Kind.RECOVERY)));
        assertExpired(assertThrows(ApiError.class, () -> challenges.take(login.toBytes(), Kind.LOGIN)));
    }

    @Test
    void anAccount_hasAtMostThreeWaiting_itsOwnOldestGoingFirst() throws Exception {
        LoginChallenge oldest = challenges.issue(alice, Kind.LOGIN);
        LoginChallenge second = challenges.issue(alice, Kind.LOGIN);
        challenges.issue(alice, Kind.LOGIN);
        challenges.issue(alice, Kind.LOGIN);

        assertEquals(3, challenges.outstanding());
        assertExpired(assertThrows(ApiError.class, () -> challenges.take(oldest.toBytes(), Kind.LOGIN)));
        assertEquals(alice, challenges.take(second.toBytes(), Kind.LOGIN));
    }

    @Test
    void aFullStore_refusesNewStarts_withTheWait_andNeverDropsAnotherAccountsChallenge() throws Exception {
        AccountId bob = AccountId.random(random);
        AccountId carol = AccountId.random(random);
        LoginChallenge alices = challenges.issue(alice, Kind.LOGIN);
        advance(Duration.ofSeconds(20));
        challenges.issue(bob, Kind.LOGIN);
        challenges.issue(bob, Kind.LOGIN);

        ApiError refused = assertThrows(ApiError.class, () -> challenges.issue(carol, Kind.LOGIN));
        LoginChallenge bobsThird = challenges.issue(bob, Kind.LOGIN); // full, but Bob gives up his own oldest

        assertEquals("rate-limited", refused.code());
        assertEquals(429, refused.status());
        assertEquals(40, refused.retryAfterSeconds(), "until Alice's challenge expires");
        assertEquals(alice, challenges.take(alices.toBytes(), Kind.LOGIN), "Alice's login goes on");
        assertEquals(bob, challenges.take(bobsThird.toBytes(), Kind.LOGIN));
    }

    @Test
    void expiredChallenges_areDeleted_makingRoom() throws Exception {
        challenges.issue(alice, Kind.LOGIN);
        challenges.issue(AccountId.random(random), Kind.LOGIN);
        challenges.issue(AccountId.random(random), Kind.RECOVERY);
        advance(Duration.ofSeconds(61));

        challenges.issue(AccountId.random(random), Kind.LOGIN);

        assertEquals(1, challenges.outstanding());
    }

    @Test
    void anUnknownChallenge_isRefused() {
        assertExpired(assertThrows(ApiError.class, () -> challenges.take(new byte[32], Kind.LOGIN)));
    }

    private void advance(Duration duration) {
        now.updateAndGet(instant -> instant.plus(duration));
    }

    /** A clock a test moves by hand. */
    private static final class SettableClock extends Clock {
        private final AtomicReference<Instant> now;

        SettableClock(AtomicReference<Instant> now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }
}
