package dev.vellum.server.ws;

import dev.vellum.crypto.sign.Ed25519PublicKey;
import dev.vellum.error.InvalidPublicKeyException;
import dev.vellum.error.InvalidSignatureException;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.item.SignedPresence;
import java.util.Arrays;

/**
 * The signature checks of a workspace note's items and presence. A workspace note's id does not commit to a write
 * key (each epoch has its own, which only members derive), so the relay checks the signatures with the carried write
 * key, and membership instead of the commitment; readers check the write key is the epoch's. ws-crypto adds these
 * checks to the shared classes ({@code NoteItem.verifyForWorkspaceStorage()},
 * {@code SignedPresence.verifyForWorkspaceRelay()}); once merged, each method here is that one call.
 */
final class WorkspaceSignatures {
    private static final int WRITE_KEY_AND_SIGNATURE = Ed25519PublicKey.LENGTH + Ed25519PublicKey.SIGNATURE_LENGTH;

    private WorkspaceSignatures() {
    }

    /** An account device's item (version 3): write signature, author signature, credential. */
    static void verifyItem(NoteItem item) throws InvalidSignatureException {
        if (item.credential() == null) {
            throw new InvalidSignatureException("a workspace note's item must be signed by an account's device");
        }
        byte[] encoded = item.encode();
        verifyWriteSignature(encoded, NoteItem.writeSignatureInput(unsigned(encoded)));
        item.envelope().verifySignature(item.author());
        item.credential().verify();
    }

    /** Presence: write signature and author signature. */
    static void verifyPresence(SignedPresence presence) throws InvalidSignatureException {
        byte[] encoded = presence.encode();
        int authorSignatureAt = encoded.length - WRITE_KEY_AND_SIGNATURE - Ed25519PublicKey.SIGNATURE_LENGTH;
        verifyWriteSignature(encoded, SignedPresence.writeSignatureInput(unsigned(encoded)));
        presence.author().verify(SignedPresence.authorSignatureInput(Arrays.copyOf(encoded, authorSignatureAt)),
                Arrays.copyOfRange(encoded, authorSignatureAt, authorSignatureAt + Ed25519PublicKey.SIGNATURE_LENGTH));
    }

    /** Every byte but the write signature at the end. */
    private static byte[] unsigned(byte[] encoded) {
        return Arrays.copyOf(encoded, encoded.length - Ed25519PublicKey.SIGNATURE_LENGTH);
    }

    /** The write key sits before the write signature, at the end of both formats. */
    private static void verifyWriteSignature(byte[] encoded, byte[] signedInput) throws InvalidSignatureException {
        int keyAt = encoded.length - WRITE_KEY_AND_SIGNATURE;
        Ed25519PublicKey writer;
        try {
            writer = Ed25519PublicKey.fromBytes(Arrays.copyOfRange(encoded, keyAt, keyAt + Ed25519PublicKey.LENGTH));
        } catch (InvalidPublicKeyException e) {
            throw new InvalidSignatureException("carries no valid write key");
        }
        writer.verify(signedInput, Arrays.copyOfRange(encoded, keyAt + Ed25519PublicKey.LENGTH, encoded.length));
    }
}
