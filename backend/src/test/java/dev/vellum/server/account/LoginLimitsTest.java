package dev.vellum.server.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.error.InvalidUsernameException;
import dev.vellum.protocol.account.Username;
import dev.vellum.protocol.id.AccountId;
import dev.vellum.server.config.AccountLimits;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The default limits (5 failures, then one per 30 s, per username at an address; 20 per username over all
 * addresses; 20 failures and 200 starts a minute per address; 5 then one per 30 s per account for confirmations).
 */
class LoginLimitsTest {
    private final AtomicLong now = new AtomicLong(0);
    private final LoginLimits limits = new LoginLimits(AccountLimits.DEFAULTS, now::get, 1000);
    private final Username alice = name("alice");

    private static Username name(String typed) {
        try {
            return Username.parse(typed);
        } catch (InvalidUsernameException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertLimited(ApiError error) {
        assertEquals("rate-limited", error.code());
        assertEquals(429, error.status());
    }

    private void fail(Username username, String address, int times) throws ApiError {
        for (int i = 0; i < times; i++) {
            limits.begin(username, address); // never succeeded: a failure
        }
    }

    @Test
    void oneAddress_getsFiveFailuresForAUsername_thenWaitsThirtySeconds() throws Exception {
        fail(alice, "203.0.113.9", 5);

        ApiError refused = assertThrows(ApiError.class, () -> limits.begin(alice, "203.0.113.9"));
        assertLimited(refused);
        assertEquals(30, refused.retryAfterSeconds());
        now.addAndGet(TimeUnit.SECONDS.toNanos(30));
        limits.begin(alice, "203.0.113.9");
    }

    @Test
    void aStrangersFailures_doNotKeepTheOwnerOut_fromTheirOwnAddress() throws Exception {
        fail(alice, "203.0.113.9", 5);
        for (int i = 0; i < 20; i++) { // then one bad guess every 30 s, as the limit allows
            now.addAndGet(TimeUnit.SECONDS.toNanos(30));
            fail(alice, "203.0.113.9", 1);
        }

        limits.begin(alice, "198.51.100.7").succeeded();
    }

    @Test
    void manyAddresses_meetTheUsernamesCeiling_ofTwenty() throws Exception {
        for (int address = 0; address < 4; address++) {
            fail(alice, "203.0.113." + address, 5);
        }

        assertLimited(assertThrows(ApiError.class, () -> limits.begin(alice, "203.0.113.200")));
        limits.begin(name("bob"), "203.0.113.200").succeeded();
    }

    @Test
    void anAddressOutOfAttempts_createsNoBucketForTheNamesItTries() throws Exception {
        for (int i = 0; i < 20; i++) {
            limits.begin(name("name" + i), "203.0.113.9");
        }
        int tracked = limits.usernamesTracked();

        for (int i = 0; i < 100; i++) {
            int n = i;
            assertLimited(assertThrows(ApiError.class,
                    () -> limits.begin(name("other" + n), "203.0.113.9")));
        }

        assertEquals(tracked, limits.usernamesTracked());
    }

    @Test
    void successfulStarts_countAgainstTheAddresssStartBudget() throws Exception {
        for (int i = 0; i < 200; i++) {
            limits.begin(alice, "203.0.113.9").succeeded();
        }

        assertLimited(assertThrows(ApiError.class, () -> limits.begin(alice, "203.0.113.9")));
        limits.begin(alice, "198.51.100.7").succeeded();
    }

    @Test
    void confirmations_areLimitedPerAccount_notByTheUsernamesFailedLogins() throws Exception {
        JvmSecureRandomSource random = new JvmSecureRandomSource();
        AccountId alicesAccount = AccountId.random(random);
        for (int address = 0; address < 4; address++) {
            fail(alice, "203.0.113." + address, 5);
        }

        limits.beginConfirmation(alicesAccount).succeeded();
        for (int i = 0; i < 5; i++) {
            limits.beginConfirmation(alicesAccount);
        }
        assertLimited(assertThrows(ApiError.class, () -> limits.beginConfirmation(alicesAccount)));
        limits.beginConfirmation(AccountId.random(random)).succeeded();
    }
}
