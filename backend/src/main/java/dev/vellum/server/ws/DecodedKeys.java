package dev.vellum.server.ws;

import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.crypto.sign.Ed25519PublicKey;
import dev.vellum.error.InvalidPublicKeyException;
import dev.vellum.error.InvalidSignatureException;
import dev.vellum.protocol.account.DeviceCertificate;
import dev.vellum.protocol.item.PublicKeyDecoder;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

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

    private final Map<ByteBuffer, Ed25519PublicKey> signingKeys;
    private final Map<ByteBuffer, PublicIdentity> identities;
    /** Certificates whose signature verified, by their exact bytes; the value is unused. */
    private final Map<ByteBuffer, Boolean> verifiedCertificates;

    DecodedKeys(int capacity) {
        this.signingKeys = lru(capacity);
        this.identities = lru(capacity);
        this.verifiedCertificates = lru(capacity);
    }

    private static <V> Map<ByteBuffer, V> lru(int capacity) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<ByteBuffer, V> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public Ed25519PublicKey signingKey(byte[] encoded) throws InvalidPublicKeyException {
        return cached(signingKeys, encoded, Ed25519PublicKey::fromBytes);
    }

    @Override
    public PublicIdentity identity(byte[] encoded) throws InvalidPublicKeyException {
        return cached(identities, encoded, PublicKeyDecoder::decodeIdentity);
    }

    @Override
    public void verifyCertificate(DeviceCertificate certificate) throws InvalidSignatureException {
        ByteBuffer key = ByteBuffer.wrap(certificate.encode()); // a copy: the certificate's bytes cannot change
        synchronized (verifiedCertificates) {
            if (verifiedCertificates.get(key) != null) {
                return;
            }
        }
        certificate.verify(); // outside the lock; throws, and nothing is remembered, if it does not verify
        synchronized (verifiedCertificates) {
            verifiedCertificates.put(key, Boolean.TRUE);
        }
    }

    /** How one kind of key decodes; a key that does not decode throws, and is then not remembered. */
    private interface Decoder<V> {
        V decode(byte[] encoded) throws InvalidPublicKeyException;
    }

    /** Decodes outside the lock, so verifying threads wait for each other only on the map. */
    private static <V> V cached(Map<ByteBuffer, V> keys, byte[] encoded, Decoder<V> decoder)
            throws InvalidPublicKeyException {
        ByteBuffer key = ByteBuffer.wrap(encoded.clone());
        synchronized (keys) {
            V known = keys.get(key);
            if (known != null) {
                return known;
            }
        }
        V decoded = decoder.decode(encoded);
        synchronized (keys) {
            keys.put(key, decoded);
        }
        return decoded;
    }
}
