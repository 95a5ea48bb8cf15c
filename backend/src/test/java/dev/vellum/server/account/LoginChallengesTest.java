package dev.vellum.server.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.protocol.account.LoginChallenge;
import dev.vellum.protocol.id.AccountId;
import dev.vellum.server.account.LoginChallenges.Kind;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Challenges are single-use, bound to their account and kind, expire after 60 s, and are bounded in number. */
class LoginChallengesTest {
    private final JvmSecureRandomSource random = new JvmSecureRandomSource();
    private final AtomicLong now = new AtomicLong(1_000);
    private final LoginChallenges challenges = new LoginChallenges(random, now::get, LoginChallenges.VALIDITY_NANOS,
            3);
    private final AccountId alice = AccountId.random(random);

    private static void assertExpired(ApiError error) {
        assertEquals("challenge-expired", error.code());
        assertEquals(400, error.status());
    }

    @Test
    void aChallenge_givesItsAccount_once() throws Exception {
        LoginChallenge challenge = challenges.issue(alice, Kind.LOGIN);

        assertEquals(alice, challenges.take(challenge.toBytes(), Kind.LOGIN));
        assertExpired(assertThrows(ApiError.class, () -> challenges.take(challenge.toBytes(), Kind.LOGIN)));
    }

    @Test
    void anExpiredChallenge_isRefused_andOneJustInTimeIsNot() throws Exception {
        LoginChallenge late = challenges.issue(alice, Kind.LOGIN);
        LoginChallenge inTime = challenges.issue(alice, Kind.LOGIN);
        now.addAndGet(TimeUnit.SECONDS.toNanos(60));

        assertEquals(alice, challenges.take(inTime.toBytes(), Kind.LOGIN));
        now.addAndGet(1);
        assertExpired(assertThrows(ApiError.class, () -> challenges.take(late.toBytes(), Kind.LOGIN)));
    }

    @Test
    void aChallengeOfOneKind_cannotFinishTheOther_andIsUsedUpTrying() {
        LoginChallenge login = challenges.issue(alice, Kind.LOGIN);

        assertExpired(assertThrows(ApiError.class, () -> challenges.take(login.toBytes(), Kind.RECOVERY)));
        assertExpired(assertThrows(ApiError.class, () -> challenges.take(login.toBytes(), Kind.LOGIN)));
    }

    @Test
    void outstandingChallenges_areBounded_theOldestGoingFirst_andExpiredOnesAreDropped() throws Exception {
        LoginChallenge oldest = challenges.issue(alice, Kind.LOGIN);
        challenges.issue(alice, Kind.LOGIN);
        LoginChallenge third = challenges.issue(alice, Kind.LOGIN);
        challenges.issue(alice, Kind.LOGIN);

        assertEquals(3, challenges.outstanding());
        assertExpired(assertThrows(ApiError.class, () -> challenges.take(oldest.toBytes(), Kind.LOGIN)));
        assertEquals(alice, challenges.take(third.toBytes(), Kind.LOGIN));
        now.addAndGet(TimeUnit.SECONDS.toNanos(61));
        challenges.issue(alice, Kind.LOGIN);
        assertEquals(1, challenges.outstanding());
    }

    @Test
    void anUnknownChallenge_isRefused() {
        assertExpired(assertThrows(ApiError.class, () -> challenges.take(new byte[32], Kind.LOGIN)));
    }
}
