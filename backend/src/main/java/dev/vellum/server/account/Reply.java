package dev.vellum.server.account;

import io.vertx.core.json.JsonObject;

/**
 * A successful answer of the account API: status, JSON body ({@code null} for 204), and what to do with the session
 * cookie.
 */
public record Reply(int status, JsonObject body, SessionToken setCookie, boolean clearCookie) {
    public static Reply json(int status, JsonObject body) {
        return new Reply(status, body, null, false);
    }

    public static Reply noContent() {
        return new Reply(204, null, null, false);
    }

    /** The same answer, starting the session whose token this is. */
    Reply startingSession(SessionToken token) {
        return new Reply(status, body, token, false);
    }

    /** The same answer, telling the browser to forget its session cookie. */
    Reply endingSession() {
        return new Reply(status, body, null, true);
    }
}
