package dev.vellum.server.account;

import dev.vellum.encoding.Base64Url;
import dev.vellum.protocol.account.SessionSecret;
import dev.vellum.protocol.account.Username;
import dev.vellum.protocol.id.AccountId;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** {@code GET /api/session} and {@code POST /api/logout}. */
final class SessionRoutes {
    private final AccountServices services;

    SessionRoutes(AccountServices services) {
        this.services = services;
    }

    /** The answer that starts a session: sign-up, login and recovery alike. */
    static Reply started(int status, AccountId accountId, Username username, SessionSecret secret) {
        return Reply.json(status, new JsonObject()
                .put("accountId", accountId.toString())
                .put("username", username.value())
                .put("sessionSecret", Base64Url.encode(secret.toBytes())));
    }

    /** The session, and its cookie sent again so that the cookie's Max-Age counts from this use, as the idle limit. */
    Future<Reply> show(ApiCall call, ActiveSession session) {
        Reply reply = Reply.json(200, new JsonObject()
                .put("accountId", session.accountId().toString())
                .put("username", session.username().value())
                .put("deviceSigningKey", Base64Url.encode(session.device().toBytes()))
                .put("sessionSecret", Base64Url.encode(session.secret().toBytes())));
        if (SessionCookies.presented(call.ctx().request()) instanceof SessionCookies.Token presented) {
            reply = reply.startingSession(presented.token());
        }
        return Future.succeededFuture(reply);
    }

    /**
     * Ends the request's session, if it has one, and closes its sockets; always 204 and a cleared cookie, so a
     * logout never fails in the page.
     */
    Future<Reply> logout(ApiCall call) {
        return services.sessions().optional(call.ctx().request())
                .recover(notLive -> Future.succeededFuture(null))
                .compose(session -> {
                    if (session == null) {
                        return Future.succeededFuture(Reply.noContent().endingSession());
                    }
                    return services.store().deleteSession(session.tokenHash()).map(deleted -> {
                        services.events().loggedOut(session);
                        return Reply.noContent().endingSession();
                    });
                });
    }
}
