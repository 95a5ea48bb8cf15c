package dev.vellum.client.account;

/**
 * A refusal from the account API ({@code {"error", "message"}}, with {@code retryAfterSeconds} when rate limited),
 * or a failure to reach it ({@code status} 0).
 */
public record ApiError(int status, String code, String message, int retryAfterSeconds) {
    public static final String UNREACHABLE = "unreachable";
    public static final String UNREADABLE = "invalid-response";

    public static ApiError unreachable() {
        return new ApiError(0, UNREACHABLE, "", 0);
    }

    public static ApiError unreadable(int status) {
        return new ApiError(status, UNREADABLE, "", 0);
    }

    public boolean is(String errorCode) {
        return errorCode.equals(code);
    }
}
