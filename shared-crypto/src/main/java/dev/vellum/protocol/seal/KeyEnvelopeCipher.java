package dev.vellum.protocol.seal;

import dev.vellum.crypto.hash.Label;
import dev.vellum.crypto.hpke.Hpke;
import dev.vellum.crypto.hpke.HpkeCiphertext;
import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.crypto.key.SymmetricKey;
import dev.vellum.encoding.Bytes;
import dev.vellum.error.AuthenticationFailedException;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidPublicKeyException;
import dev.vellum.error.InvalidSignatureException;
import dev.vellum.protocol.id.IdentityKeyId;
import dev.vellum.protocol.item.KeyEnvelope;
import dev.vellum.protocol.item.KeyEnvelopeHeader;
import java.util.Arrays;

/**
 * The secret half of the {@link KeyEnvelope} format: sealing a workspace key to a member with HPKE in auth mode and
 * signing it, and opening it with the member's private key. Kept apart from the envelope's public parsing, so that
 * the server, which only parses and verifies, has no path to it.
 */
public final class KeyEnvelopeCipher {
    private KeyEnvelopeCipher() {
    }

    /**
     * @throws IllegalArgumentException if the header's key ids are not the sender's and the recipient's
     * @throws InvalidPublicKeyException if the recipient's agreement key is of small order
     */
    public static KeyEnvelope seal(KeyEnvelopeHeader header, SymmetricKey workspaceKey, IdentityKeyPair sender,
                                   PublicIdentity recipient, Hpke hpke) throws InvalidPublicKeyException {
        if (!header.senderKeyId().equals(IdentityKeyId.of(sender.publicIdentity()))
                || !header.recipientKeyId().equals(IdentityKeyId.of(recipient))) {
            throw new IllegalArgumentException("the header's key ids are not the sender's and recipient's");
        }
        byte[] headerBytes = KeyEnvelope.encodeHeader(header);
        // A deliberate export: wrapping the key for another member is exactly the key travelling on.
        byte[] keyBytes = workspaceKey.exportBytes();
        HpkeCiphertext sealed;
        try {
            sealed = hpke.sealAuth(recipient.agreementKey(), sender.agreementKey(),
                    Label.KEY_ENVELOPE_HPKE_INFO.bytes(), headerBytes, keyBytes);
        } finally {
            Arrays.fill(keyBytes, (byte) 0);
        }
        byte[] signed = Bytes.concat(headerBytes, sealed.enc(), sealed.ciphertext());
        byte[] signature = sender.signingKey().sign(Label.KEY_ENVELOPE_SIGNATURE.prefix(signed));
        try {
            return KeyEnvelope.parse(Bytes.concat(signed, signature));
        } catch (InvalidMessageException e) {
            throw new IllegalStateException("a freshly sealed key envelope does not parse", e);
        }
    }

    /** Verifies the sender's signature, checks the envelope is addressed to {@code recipient}, and unseals. */
    public static SymmetricKey open(KeyEnvelope envelope, IdentityKeyPair recipient, PublicIdentity sender)
            throws InvalidSignatureException, InvalidMessageException, AuthenticationFailedException {
        envelope.verifySignature(sender);
        KeyEnvelopeHeader header = envelope.header();
        if (!header.recipientKeyId().equals(IdentityKeyId.of(recipient.publicIdentity()))) {
            throw new InvalidMessageException("key envelope is addressed to " + header.recipientKeyId());
        }
        byte[] encoded = envelope.encode();
        HpkeCiphertext sealed = new HpkeCiphertext(
                Arrays.copyOfRange(encoded, KeyEnvelope.ENC_AT, KeyEnvelope.CIPHERTEXT_AT),
                Arrays.copyOfRange(encoded, KeyEnvelope.CIPHERTEXT_AT, KeyEnvelope.SIGNATURE_AT));
        byte[] key = Hpke.openAuth(sealed, recipient.agreementKey(), sender.agreementKey(),
                Label.KEY_ENVELOPE_HPKE_INFO.bytes(), Arrays.copyOf(encoded, KeyEnvelope.HEADER_LENGTH));
        try {
            return SymmetricKey.fromBytes(key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }
}
