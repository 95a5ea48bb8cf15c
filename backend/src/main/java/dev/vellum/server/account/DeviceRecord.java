package dev.vellum.server.account;

import dev.vellum.crypto.sign.Ed25519PublicKey;
import dev.vellum.protocol.id.AccountId;
import java.time.Instant;

/**
 * A device registered to an account: its signing key, the identity key's certificate for it, and when it was added,
 * last seen (at most a minute stale) and revoked ({@code null} while it is not).
 */
public record DeviceRecord(Ed25519PublicKey signingKey, AccountId accountId, byte[] certificate, Instant addedAt,
                           Instant lastSeenAt, Instant revokedAt) {
    public boolean revoked() {
        return revokedAt != null;
    }
}
