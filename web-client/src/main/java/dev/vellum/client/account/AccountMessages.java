package dev.vellum.client.account;

/**
 * The sentences a person reads when the account API refuses or cannot be reached, in one place so that every
 * page says the same thing the same way. A wrong username and a wrong passphrase read alike, on purpose.
 */
public final class AccountMessages {
    public static final String WRONG_CREDENTIALS = "Wrong username or passphrase.";
    public static final String WRONG_RECOVERY = "Wrong username or recovery key.";
    public static final String UNOPENABLE_KEYS = "The server sent keys that do not open with your passphrase."
            + " They were not used. This can mean the server's data was changed; try again later, and tell whoever"
            + " runs this server if it stays.";
    public static final String UNOPENABLE_RECOVERY_KEYS = "The server sent keys that do not open with this"
            + " recovery key. They were not used. Tell whoever runs this server if it stays.";
    public static final String SESSION_ENDED = "Your session ended. Log in again.";
    public static final String LOGOUT_NOT_REACHED = "Could not reach the server, so you are still logged in there"
            + " and in this browser. Check your connection and press Log out again.";
    public static final String FORGOTTEN_BUT_SESSION_LIVE = "This browser's keys and offline copies of notes are"
            + " deleted, but the server could not be reached: your session there is still live. Press Log out"
            + " again once you are online, or revoke this device from another one.";

    private AccountMessages() {
    }

    /** @param recovery the request was a recovery, whose wrong secret is the recovery key, not the passphrase */
    public static String describe(ApiError error, boolean recovery) {
        switch (error.code()) {
            case "wrong-credentials":
                return recovery ? WRONG_RECOVERY : WRONG_CREDENTIALS;
            case "rate-limited":
                return tooManyAttempts(error.retryAfterSeconds());
            case "username-taken":
                return "This username is taken. Choose another.";
            case "invalid-username":
                return usernameRule(error.message());
            case "device-revoked":
                return "This browser was removed from the account (its device was revoked). Log in again to add it"
                        + " as a new device.";
            case "not-signed-in":
                return SESSION_ENDED;
            case "too-many-devices":
                return "This account already has the most devices it may have. On a device that is logged in,"
                        + " open the account page and revoke one you no longer use, then log in here again.";
            case "challenge-expired":
                return "The login took too long and expired. Try again.";
            case ApiError.UNREACHABLE:
                return "Could not reach the server. Check your connection and try again.";
            case ApiError.UNREADABLE:
                return "The server's answer could not be read (status " + error.status() + "). Try again.";
            default:
                return error.message() == null || error.message().isEmpty()
                        ? "The server refused (" + error.code() + ")." : error.message();
        }
    }

    public static String tooManyAttempts(int seconds) {
        int wait = Math.max(1, seconds);
        return "Too many attempts. Try again in " + wait + (wait == 1 ? " second." : " seconds.");
    }

    /** The rule, with what the server or {@code Username.parse} said is wrong. */
    public static String usernameRule(String problem) {
        String rule = "Usernames are 3 to 32 characters: letters a-z, digits, and . _ - inside.";
        return problem == null || problem.isEmpty() ? "This username is not allowed. " + rule
                : "This username is not allowed: " + problem + ". " + rule;
    }
}
