package dev.vellum.server.account;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;

/**
 * Finds the session a request's cookie names, on the database workers. Used by the account API and, before the
 * upgrade, by the note WebSocket: no cookie is anonymous; a cookie that names no live session (unknown, logged out,
 * revoked, deleted, or not even a token) is refused, never treated as anonymous, so the page learns its session
 * ended.
 */
public final class SessionLookup {
    private final AccountStore store;

    public SessionLookup(AccountStore store) {
        this.store = store;
    }

    /** Whether the request carries a session cookie at all. */
    public static boolean presents(HttpServerRequest request) {
        return !(SessionCookies.presented(request) instanceof SessionCookies.None);
    }

    /**
     * The request's session; {@code null} when it has no cookie; fails with {@link ApiError#notSignedIn()} when its
     * cookie names no live session.
     */
    public Future<ActiveSession> optional(HttpServerRequest request) {
        SessionCookies.Presented presented = SessionCookies.presented(request);
        if (presented instanceof SessionCookies.None) {
            return Future.succeededFuture(null);
        }
        if (!(presented instanceof SessionCookies.Token token)) {
            return Future.failedFuture(ApiError.notSignedIn());
        }
        return store.findSession(token.token()).compose(found -> found.isPresent()
                ? Future.succeededFuture(found.get()) : Future.failedFuture(ApiError.notSignedIn()));
    }

    /** The request's session; fails with {@link ApiError#notSignedIn()} without one. */
    public Future<ActiveSession> required(HttpServerRequest request) {
        return optional(request).compose(session -> session != null ? Future.succeededFuture(session)
                : Future.failedFuture(ApiError.notSignedIn()));
    }
}
