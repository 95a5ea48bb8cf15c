package dev.vellum.client.workspace;

import dev.vellum.crypto.hpke.Hpke;
import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.error.InvalidPublicKeyException;
import dev.vellum.protocol.id.IdentityKeyId;
import dev.vellum.protocol.item.KeyEnvelopeHeader;
import dev.vellum.protocol.seal.KeyEnvelopeCipher;
import dev.vellum.protocol.workspace.EpochKey;

/** Seals an epoch key to one person's identity (HPKE auth mode from this person's identity, signed). */
final class Envelopes {
    private Envelopes() {
    }

    static byte[] seal(WorkspaceSession session, EpochKey key, PublicIdentity recipient)
            throws WorkspaceProblemException {
        KeyEnvelopeHeader header = new KeyEnvelopeHeader(key.workspaceId(), key.epoch(),
                IdentityKeyId.of(session.account().identity().publicIdentity()), IdentityKeyId.of(recipient));
        try {
            return KeyEnvelopeCipher.seal(header, key.key(), session.account().identity(), recipient,
                    new Hpke(session.random())).encode();
        } catch (InvalidPublicKeyException e) {
            throw new WorkspaceProblemException(WorkspaceProblem.of(WorkspaceProblem.Kind.LOG_INVALID,
                    "A member's key is not a valid key, so nothing can be sealed to them."));
        }
    }
}
