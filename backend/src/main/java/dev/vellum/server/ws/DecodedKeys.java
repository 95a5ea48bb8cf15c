package dev.vellum.server.ws;

import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.crypto.sign.Ed25519PublicKey;
import dev.vellum.encoding.ExactBytesCache;
import dev.vellum.error.InvalidPublicKeyException;
import dev.vellum.error.InvalidSignatureException;
import dev.vellum.protocol.account.DeviceCertificate;
import dev.vellum.protocol.item.PublicKeyDecoder;

/**
 * Public keys decoded once per note and author, not once per item: decoding was a tenth of the relay's item check.
 * Remembered by their exact bytes (copied), the least recently used going once {@code capacity} are kept; a key
 * that does not decode is not remembered, so it is refused again each time. Likewise an account device's certificate,
 * which every item of that device carries: its signature is verified once and the certificate remembered by its exact
 * bytes (a third Ed25519 verification per item saved); one that does not verify is never remembered. The item's own
 * signatures are verified every time. Shared by the verifying threads.
 */
final class DecodedKeys implements PublicKeyDecoder {
    /** Under 200 bytes a key: a few megabytes at most. */
    static final int DEFAULT_CAPACITY = 16_384;

    private final ExactBytesCache<Ed25519PublicKey> signingKeys;
    private final ExactBytesCache<PublicIdentity> identities;
    /** Certificates whose signature verified, by their exact bytes; the value is unused. */
    private final ExactBytesCache<Boolean> verifiedCertificates;

    DecodedKeys(int capacity) {
        this.signingKeys = new ExactBytesCache<>(capacity);
        this.identities = new ExactBytesCache<>(capacity);
        this.verifiedCertificates = new ExactBytesCache<>(capacity);
    }

    @Override
    public Ed25519PublicKey signingKey(byte[] encoded) throws InvalidPublicKeyException {
        return signingKeys.get(encoded, Ed25519PublicKey::fromBytes);
    }

    @Override
    public PublicIdentity identity(byte[] encoded) throws InvalidPublicKeyException {
        return identities.get(encoded, PublicKeyDecoder::decodeIdentity);
    }

    @Override
    public void verifyCertificate(DeviceCertificate certificate) throws InvalidSignatureException {
        // Throws, and nothing is remembered, if it does not verify.
        verifiedCertificates.get(certificate.encode(), bytes -> {
            certificate.verify();
            return Boolean.TRUE;
        });
    }
}
