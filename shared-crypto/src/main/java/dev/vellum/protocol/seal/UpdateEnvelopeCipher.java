package dev.vellum.protocol.seal;

import dev.vellum.crypto.aead.CommittingXChaCha20Poly1305;
import dev.vellum.crypto.hash.Label;
import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.crypto.key.SymmetricKey;
import dev.vellum.crypto.padding.Padme;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.encoding.Bytes;
import dev.vellum.error.AuthenticationFailedException;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidSignatureException;
import dev.vellum.protocol.id.IdentityKeyId;
import dev.vellum.protocol.item.UpdateEnvelope;
import dev.vellum.protocol.item.UpdateHeader;
import java.util.Arrays;

/**
 * The secret half of the {@link UpdateEnvelope} format: sealing a body under the content key and the author's
 * signing key, and opening it again. Kept apart from the envelope's public parsing so that the server, which only
 * parses and verifies, has no path to a decrypting API (an architecture test forbids it this package).
 */
public final class UpdateEnvelopeCipher {
    private UpdateEnvelopeCipher() {
    }

    /**
     * Pads, encrypts and signs {@code plaintext}.
     *
     * @throws IllegalArgumentException if the header names another author than {@code author}
     */
    public static UpdateEnvelope seal(UpdateHeader header, byte[] plaintext, SymmetricKey contentKey,
                                      IdentityKeyPair author, RandomSource random) {
        if (!header.authorKeyId().equals(IdentityKeyId.of(author.publicIdentity()))) {
            throw new IllegalArgumentException("the header's author key id is not the signing author's");
        }
        byte[] padded = Padme.pad(plaintext);
        if (padded.length + CommittingXChaCha20Poly1305.OVERHEAD > UpdateEnvelope.MAX_BODY_LENGTH) {
            throw new IllegalArgumentException("update body exceeds " + UpdateEnvelope.MAX_BODY_LENGTH + " bytes");
        }
        byte[] headerBytes = UpdateEnvelope.encodeHeader(header,
                padded.length + CommittingXChaCha20Poly1305.OVERHEAD);
        byte[] body = new CommittingXChaCha20Poly1305(contentKey, random).encrypt(padded, headerBytes);
        byte[] signature = author.signingKey().sign(Label.UPDATE_SIGNATURE.prefix(headerBytes, body));
        try {
            return UpdateEnvelope.parse(Bytes.concat(headerBytes, body, signature));
        } catch (InvalidMessageException e) {
            throw new IllegalStateException("a freshly sealed update envelope does not parse", e);
        }
    }

    /** Verifies the author's signature, then decrypts and unpads the body. */
    public static byte[] open(UpdateEnvelope envelope, SymmetricKey contentKey, PublicIdentity author)
            throws InvalidSignatureException, InvalidMessageException, AuthenticationFailedException {
        envelope.verifySignature(author);
        byte[] encoded = envelope.encode();
        int headerLength = UpdateEnvelope.HEADER_LENGTH;
        byte[] padded = CommittingXChaCha20Poly1305.decryptOnly(contentKey).decrypt(encoded, headerLength,
                encoded.length - headerLength - UpdateEnvelope.SIGNATURE_LENGTH, Arrays.copyOf(encoded, headerLength));
        return Padme.unpad(padded);
    }
}
