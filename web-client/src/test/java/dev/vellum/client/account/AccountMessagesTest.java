package dev.vellum.client.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AccountMessagesTest {
    @Test
    void wrongCredentials_readAlikeForUsernameAndPassphrase_andNameTheRecoveryKeyInRecovery() {
        ApiError wrong = new ApiError(401, "wrong-credentials", "Wrong username or passphrase.", 0);
        assertEquals("Wrong username or passphrase.", AccountMessages.describe(wrong, false));
        assertEquals("Wrong username or recovery key.", AccountMessages.describe(wrong, true));
    }

    @Test
    void rateLimit_showsTheWait_inWholeSeconds() {
        assertEquals("Too many attempts. Try again in 26 seconds.",
                AccountMessages.describe(new ApiError(429, "rate-limited", "", 26), false));
        assertEquals("Too many attempts. Try again in 1 second.",
                AccountMessages.describe(new ApiError(429, "rate-limited", "", 0), false));
    }

    @Test
    void invalidUsername_saysWhatIsWrong_andTheRule() {
        String message = AccountMessages.describe(new ApiError(400, "invalid-username", "it has a space", 0), false);
        assertTrue(message.contains("it has a space") && message.contains("3 to 32"), message);
    }

    @Test
    void unreachableAndUnreadable_areTold_apart() {
        assertTrue(AccountMessages.describe(ApiError.unreachable(), false).startsWith("Could not reach the server"));
        assertTrue(AccountMessages.describe(ApiError.unreadable(502), false).contains("502"));
    }

    @Test
    void unknownCode_fallsBackToTheServersSentence() {
        assertEquals("Something specific.",
                AccountMessages.describe(new ApiError(400, "invalid-request", "Something specific.", 0), false));
    }

    @Test
    void tooManyDevices_tellsThePersonToRevokeOneOnTheAccountPage() {
        String message = AccountMessages.describe(new ApiError(409, "too-many-devices", "", 0), false);
        assertTrue(message.contains("revoke") && message.contains("account page"), message);
    }

    @Test
    void aLogoutThatDidNotReachTheServer_saysTheSessionIsStillLive() {
        assertTrue(AccountMessages.LOGOUT_NOT_REACHED.contains("still logged in"));
        assertTrue(AccountMessages.FORGOTTEN_BUT_SESSION_LIVE.contains("still live"));
    }
}
