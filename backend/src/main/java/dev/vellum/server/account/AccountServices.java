package dev.vellum.server.account;

import dev.vellum.crypto.random.RandomSource;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the account routes share: the store, the session machinery, the limits and the server's stand-in secret.
 * Built once in {@code MainVerticle}.
 *
 * @param standInSecret the server's secret for unknown usernames' salts ({@code AccountSalt.standIn}), kept in the
 *                      database so it survives restarts
 */
public record AccountServices(AccountStore store, SessionLookup sessions, SessionCookies cookies,
                              SessionEvents events, LoginChallenges challenges, LoginLimits limits,
                              RandomSource random, Clock clock, byte[] standInSecret) {
    /** The name of the stand-in secret in the {@code server_secrets} table. */
    public static final String STAND_IN_SECRET = "stand-in-salt";

    private static final Logger LOG = LoggerFactory.getLogger(AccountServices.class);

    /**
     * A new session has started in the browser that sent {@code request}: the session its cookie named, if any is
     * still live, ends now (its secret would otherwise stay in the database, and its sockets open, though the
     * browser has forgotten its cookie). Never fails: the new session is already made, and the old one then ends
     * when idle.
     */
    Future<Void> replacePresentedSession(HttpServerRequest request) {
        if (!(SessionCookies.presented(request) instanceof SessionCookies.Token presented)) {
            return Future.succeededFuture();
        }
        return store.endSession(presented.token().hash())
                .map(ended -> {
                    ended.ifPresent(session -> events.ended(List.of(session)));
                    return (Void) null;
                })
                .recover(failure -> {
                    LOG.warn("could not end the session a new login replaced", failure);
                    return Future.succeededFuture();
                });
    }

    @Override
    public String toString() {
        return "AccountServices[redacted]";
    }
}
