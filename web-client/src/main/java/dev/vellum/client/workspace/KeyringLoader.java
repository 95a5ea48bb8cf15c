package dev.vellum.client.workspace;

import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.key.SymmetricKey;
import dev.vellum.error.AuthenticationFailedException;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidSignatureException;
import dev.vellum.protocol.id.IdentityKeyId;
import dev.vellum.protocol.item.KeyEnvelope;
import dev.vellum.protocol.seal.KeyEnvelopeCipher;
import dev.vellum.protocol.workspace.EpochCommitments;
import dev.vellum.protocol.workspace.EpochKey;
import dev.vellum.protocol.workspace.EpochKeyMismatchException;
import dev.vellum.protocol.workspace.EpochKeyring;
import dev.vellum.protocol.workspace.EpochLink;
import dev.vellum.protocol.workspace.MemberRecord;
import dev.vellum.protocol.workspace.MembershipLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds a member's {@link EpochKeyring} from what the server hands out: each key envelope is kept only if it is
 * this workspace's, addressed to this person's identity, signed and sealed by an identity the log records as (once)
 * an owner, and holds exactly the key the log commits to for its epoch. Everything else is refused and reported:
 * it is a replayed, swapped or made-up key, which an honest server never sends.
 */
final class KeyringLoader {
    /** The keyring, and what was refused on the way (blocking alerts). */
    record Loaded(EpochKeyring keyring, List<WorkspaceProblem> refused) {
    }

    private KeyringLoader() {
    }

    /** What the log commits to, as the keyring asks for it; follows the log if it grows. */
    static EpochCommitments commitments(MembershipLog log) {
        return new EpochCommitments() {
            @Override
            public int currentEpoch() {
                return log.currentEpoch();
            }

            @Override
            public Optional<byte[]> commitment(int epoch) {
                return log.epochCommitment(epoch);
            }
        };
    }

    static Loaded load(MembershipLog log, LogIdentities identities, IdentityKeyPair me, List<byte[]> envelopes,
                       List<byte[]> links) {
        EpochKeyring keyring = new EpochKeyring(log.workspaceId(), commitments(log));
        List<WorkspaceProblem> refused = new ArrayList<>();
        IdentityKeyId myKeyId = IdentityKeyId.of(me.publicIdentity());
        for (byte[] bytes : envelopes) {
            String why = addEnvelope(keyring, log, identities, me, myKeyId, bytes);
            if (why != null) {
                refused.add(WorkspaceProblem.of(WorkspaceProblem.Kind.OLD_EPOCH_KEY, "A workspace key the server "
                        + "sent you was refused: " + why + ". An honest server never sends such a key; nothing was "
                        + "read or written with it."));
            }
        }
        for (byte[] bytes : links) {
            try {
                keyring.addLink(EpochLink.parse(bytes));
            } catch (InvalidMessageException e) {
                // A damaged link only costs the history it leads to, which is then reported as missing when needed.
            }
        }
        return new Loaded(keyring, refused);
    }

    /** Adds one envelope's key; answers why it was refused, or null. */
    private static String addEnvelope(EpochKeyring keyring, MembershipLog log, LogIdentities identities,
                                      IdentityKeyPair me, IdentityKeyId myKeyId, byte[] bytes) {
        KeyEnvelope envelope;
        try {
            envelope = KeyEnvelope.parse(bytes);
        } catch (InvalidMessageException e) {
            return "it is malformed";
        }
        if (!envelope.header().workspaceId().equals(log.workspaceId())) {
            return "it belongs to another workspace";
        }
        if (!envelope.header().recipientKeyId().equals(myKeyId)) {
            return "it is addressed to another key than yours";
        }
        MemberRecord sender = identities.byKeyId(envelope.header().senderKeyId());
        if (sender == null || !log.wasEverOwner(sender.identity())) {
            return "its sender is not, and never was, an owner of this workspace";
        }
        if (envelope.header().keyEpoch() > log.currentEpoch()) {
            return null; // from a rotation after the log was fetched: unused until a log that has that epoch
        }
        SymmetricKey key;
        try {
            key = KeyEnvelopeCipher.open(envelope, me, sender.identity());
        } catch (InvalidSignatureException | InvalidMessageException | AuthenticationFailedException e) {
            return "it does not open or its signature does not verify";
        }
        try {
            keyring.add(new EpochKey(log.workspaceId(), envelope.header().keyEpoch(), key));
            return null;
        } catch (EpochKeyMismatchException e) {
            return "it is not the key the membership log commits to for epoch " + envelope.header().keyEpoch()
                    + " (an old or made-up key)";
        }
    }
}
