package dev.vellum.server.account;

import dev.vellum.crypto.sign.Ed25519PublicKey;
import dev.vellum.protocol.account.SessionSecret;
import dev.vellum.protocol.account.Username;
import dev.vellum.protocol.id.AccountId;
import java.security.MessageDigest;

/**
 * A live session, found by its cookie: whose it is, on which of their devices, and the secret the browser seals its
 * device keys under while the session lasts. A session whose device was revoked or whose account was deleted is gone.
 *
 * @param tokenHash SHA-256 of the cookie's token, what the database keys it by
 */
public record ActiveSession(byte[] tokenHash, AccountId accountId, Username username, Ed25519PublicKey device,
                            SessionSecret secret) {
    /** Whether this is the session with this token hash (compared in constant time, like every secret's image). */
    public boolean hasTokenHash(byte[] other) {
        return MessageDigest.isEqual(tokenHash, other);
    }

    @Override
    public String toString() {
        return "ActiveSession[account=" + accountId + ", username=" + username + ", device=" + device + "]";
    }
}
