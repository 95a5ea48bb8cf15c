package dev.vellum.server.account;

/**
 * A refusal of an account request, answered as {@code {"error": code, "message": message}} with its HTTP status
 * (docs/protocol.md, "Accounts: HTTP API"). The message is for people and never holds a secret or a stack trace.
 */
public final class ApiError extends Exception {
    private static final long serialVersionUID = 1L;

    /** The one answer for an unknown username, a wrong passphrase and a wrong recovery key. */
    static final String WRONG_CREDENTIALS_MESSAGE = "Wrong username or passphrase.";

    private final int status;
    private final String code;
    /** For {@code rate-limited}: whole seconds to wait; 0 otherwise. */
    private final long retryAfterSeconds;

    private ApiError(int status, String code, String message, long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /**
     * A refusal of another API (workspaces) with its own code; {@code status} one of 400, 403, 404, 409, 410, 413 or
     * 429.
     */
    public static ApiError of(int status, String code, String message) {
        return new ApiError(status, code, message, 0);
    }

    public static ApiError invalidRequest(String message) {
        return new ApiError(400, "invalid-request", message, 0);
    }

    /** A request refused before its body is read (size, type, origin): the right status, the generic code. */
    public static ApiError invalidRequest(int status, String message) {
        return new ApiError(status, "invalid-request", message, 0);
    }

    public static ApiError invalidUsername(String message) {
        return new ApiError(400, "invalid-username", message, 0);
    }

    public static ApiError usernameTaken() {
        return new ApiError(409, "username-taken", "This username is taken; choose another.", 0);
    }

    public static ApiError wrongCredentials() {
        return new ApiError(401, "wrong-credentials", WRONG_CREDENTIALS_MESSAGE, 0);
    }

    public static ApiError rateLimited(long retryAfterSeconds) {
        long seconds = Math.max(1, retryAfterSeconds);
        return new ApiError(429, "rate-limited", "Too many attempts. Try again in " + seconds
                + (seconds == 1 ? " second." : " seconds."), seconds);
    }

    public static ApiError notSignedIn() {
        return new ApiError(401, "not-signed-in", "You are not logged in, or your session has ended.", 0);
    }

    public static ApiError invalidSignature(String message) {
        return new ApiError(400, "invalid-signature", message, 0);
    }

    public static ApiError challengeExpired() {
        return new ApiError(400, "challenge-expired",
                "The login took too long or was already used; start again.", 0);
    }

    public static ApiError tooManyDevices() {
        return new ApiError(409, "too-many-devices", "This account has " + JdbcAccountRepository.MAX_DEVICES
                + " devices, the most it may have. Log in on one of them and revoke a device you no longer use "
                + "on the account page, then try again.", 0);
    }

    public static ApiError deviceRevoked() {
        return new ApiError(403, "device-revoked", "This device was revoked; it cannot log in to this account.", 0);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
