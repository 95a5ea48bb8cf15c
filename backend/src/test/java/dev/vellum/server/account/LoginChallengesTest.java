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

/**
 * Challenges are single-use, bound to their account and kind, expire after 60 s, and are bounded in number: per
 * account, and in all without ever dropping another account's.
 */
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
        now.addAndGet(TimeUnit.SECONDS.toNanos(20));
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
    void expiredChallenges_areDropped_makingRoom() throws Exception {
        challenges.issue(alice, Kind.LOGIN);
        challenges.issue(AccountId.random(random), Kind.LOGIN);
        challenges.issue(AccountId.random(random), Kind.RECOVERY);
        now.addAndGet(TimeUnit.SECONDS.toNanos(61));

        challenges.issue(AccountId.random(random), Kind.LOGIN);

        assertEquals(1, challenges.outstanding());
    }

    @Test
    void anUnknownChallenge_isRefused() {
        assertExpired(assertThrows(ApiError.class, () -> challenges.take(new byte[32], Kind.LOGIN)));
    }
}
