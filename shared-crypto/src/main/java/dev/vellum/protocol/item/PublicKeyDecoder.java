package dev.vellum.protocol.item;

import dev.vellum.crypto.agree.X25519PublicKey;
import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.crypto.sign.Ed25519PublicKey;
import dev.vellum.error.InvalidPublicKeyException;
import dev.vellum.error.InvalidSignatureException;
import dev.vellum.protocol.account.DeviceCertificate;
import java.util.Arrays;

/**
 * Turns the public keys an item carries into keys that verify. Decoding an Ed25519 key decompresses a curve point,
 * which costs a fair part of a verification; a relay that sees the same note's write key and the same authors'
 * keys in item after item may remember decoded keys by their exact bytes instead ({@link #EACH_TIME} remembers
 * nothing). Whatever it remembers, a key's bytes decode to the same key, so every check stays the same.
 */
public interface PublicKeyDecoder {
    /** Decodes every key afresh. */
    PublicKeyDecoder EACH_TIME = new PublicKeyDecoder() {
        @Override
        public Ed25519PublicKey signingKey(byte[] encoded) throws InvalidPublicKeyException {
            return Ed25519PublicKey.fromBytes(encoded);
        }

        @Override
        public PublicIdentity identity(byte[] encoded) throws InvalidPublicKeyException {
            return decodeIdentity(encoded);
        }
    };

    /** @throws InvalidPublicKeyException if the bytes are no valid Ed25519 public key */
    Ed25519PublicKey signingKey(byte[] encoded) throws InvalidPublicKeyException;

    /**
     * An author's identity from its 64 carried bytes: the Ed25519 signing key, then the X25519 agreement key.
     *
     * @throws InvalidPublicKeyException if either key is not valid
     */
    PublicIdentity identity(byte[] encoded) throws InvalidPublicKeyException;

    /**
     * Checks that {@code certificate} is signed by the identity it names ({@link DeviceCertificate#verify}). An
     * account's device carries the same certificate in every item, so a relay may remember certificates that
     * verified, by their exact bytes: the same bytes verify the same way every time. One that does not verify must
     * never be remembered. By default, verifies every time.
     *
     * @throws InvalidSignatureException if the certificate's signature does not verify
     */
    default void verifyCertificate(DeviceCertificate certificate) throws InvalidSignatureException {
        certificate.verify();
    }

    /** Decodes an author's identity afresh (see {@link #identity}). */
    static PublicIdentity decodeIdentity(byte[] encoded) throws InvalidPublicKeyException {
        if (encoded.length != Ed25519PublicKey.LENGTH + X25519PublicKey.LENGTH) {
            throw new InvalidPublicKeyException("an identity is " + (Ed25519PublicKey.LENGTH + X25519PublicKey.LENGTH)
                    + " bytes");
        }
        return new PublicIdentity(Ed25519PublicKey.fromBytes(Arrays.copyOf(encoded, Ed25519PublicKey.LENGTH)),
                X25519PublicKey.fromBytes(Arrays.copyOfRange(encoded, Ed25519PublicKey.LENGTH, encoded.length)));
    }
}
