package dev.vellum.server.account;

import dev.vellum.crypto.random.RandomSource;
import java.time.Clock;

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

    @Override
    public String toString() {
        return "AccountServices[redacted]";
    }
}
