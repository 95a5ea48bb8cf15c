package dev.vellum.crypto.aead;

import dev.vellum.crypto.aead.internal.InsecureNonceXChaCha20Poly1305;
import dev.vellum.crypto.hash.Hkdf;
import dev.vellum.crypto.hash.Label;
import dev.vellum.crypto.key.SymmetricKey;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.error.AuthenticationFailedException;
import dev.vellum.error.InvalidMessageException;
import java.util.Arrays;

/**
 * XChaCha20-Poly1305 that commits to its key, for content that several members share.
 *
 * <p>Poly1305 is not key-committing: someone holding two keys can craft one ciphertext that opens validly under
 * both ("invisible salamanders"; partitioning oracles). Here each message derives, from the shared key K and its
 * random 24-byte nonce N, {@code (encryptionKey || commitment) = HKDF-SHA256(ikm = K, salt = N,
 * info = "vellum/v1/committing-aead/keys", 64)}, encrypts with XChaCha20-Poly1305 under {@code encryptionKey} and
 * N, and carries the commitment in the clear. Decryption recomputes the commitment and compares it in constant time
 * before anything else. Two keys giving one commitment would be an HMAC-SHA256 collision.
 *
 * <p>Output: {@code nonce (24) || commitment (32) || ciphertext || tag (16)}.
 *
 * <h2>Security guarantees</h2>
 * Those of {@link Aead}, and key commitment: a ciphertext opens under at most one key.
 */
public final class CommittingXChaCha20Poly1305 implements Aead {
    public static final int COMMITMENT_LENGTH = 32;
    public static final int OVERHEAD = InsecureNonceXChaCha20Poly1305.NONCE_LENGTH + COMMITMENT_LENGTH
            + InsecureNonceXChaCha20Poly1305.TAG_LENGTH;

    private final SymmetricKey key;
    private final RandomSource random;

    public CommittingXChaCha20Poly1305(SymmetricKey key, RandomSource random) {
        this.key = key;
        this.random = random;
    }

    /** An instance that only decrypts, for readers who never need randomness; {@link #encrypt} throws. */
    public static CommittingXChaCha20Poly1305 decryptOnly(SymmetricKey key) {
        return new CommittingXChaCha20Poly1305(key, out -> {
            throw new IllegalStateException("this instance only decrypts");
        });
    }

    @Override
    public byte[] encrypt(byte[] plaintext, byte[] associatedData) {
        byte[] nonce = random.randomBytes(InsecureNonceXChaCha20Poly1305.NONCE_LENGTH);
        return encryptWithNonce(nonce, plaintext, associatedData);
    }

    /** For known-answer tests only: a repeated nonce under one key loses confidentiality. */
    byte[] encryptWithNonce(byte[] nonce, byte[] plaintext, byte[] associatedData) {
        byte[] keys = deriveKeys(nonce);
        try {
            SymmetricKey messageKey = SymmetricKey.fromBytes(Arrays.copyOf(keys, SymmetricKey.LENGTH));
            try {
                byte[] out = new byte[OVERHEAD + plaintext.length];
                System.arraycopy(nonce, 0, out, 0, nonce.length);
                System.arraycopy(keys, SymmetricKey.LENGTH, out, nonce.length, COMMITMENT_LENGTH);
                new InsecureNonceXChaCha20Poly1305(messageKey).encrypt(nonce, plaintext, associatedData, out,
                        nonce.length + COMMITMENT_LENGTH);
                return out;
            } finally {
                messageKey.destroy();
            }
        } finally {
            Arrays.fill(keys, (byte) 0);
        }
    }

    @Override
    public byte[] decrypt(byte[] ciphertext, byte[] associatedData)
            throws InvalidMessageException, AuthenticationFailedException {
        return decrypt(ciphertext, 0, ciphertext.length, associatedData);
    }

    public byte[] decrypt(byte[] input, int offset, int length, byte[] associatedData)
            throws InvalidMessageException, AuthenticationFailedException {
        if (length < OVERHEAD) {
            throw new InvalidMessageException("ciphertext shorter than nonce, commitment and tag (" + OVERHEAD
                    + " bytes)");
        }
        byte[] nonce = Arrays.copyOfRange(input, offset, offset + InsecureNonceXChaCha20Poly1305.NONCE_LENGTH);
        byte[] keys = deriveKeys(nonce);
        try {
            int commitmentAt = offset + nonce.length;
            if (!org.bouncycastle.util.Arrays.constantTimeAreEqual(COMMITMENT_LENGTH, keys, SymmetricKey.LENGTH,
                    input, commitmentAt)) {
                throw new AuthenticationFailedException("ciphertext is not committed to this key");
            }
            SymmetricKey messageKey = SymmetricKey.fromBytes(Arrays.copyOf(keys, SymmetricKey.LENGTH));
            try {
                int bodyAt = commitmentAt + COMMITMENT_LENGTH;
                return new InsecureNonceXChaCha20Poly1305(messageKey)
                        .decrypt(nonce, input, bodyAt, offset + length - bodyAt, associatedData);
            } finally {
                messageKey.destroy();
            }
        } finally {
            Arrays.fill(keys, (byte) 0);
        }
    }

    private byte[] deriveKeys(byte[] nonce) {
        return Hkdf.derive(key, nonce, Label.COMMITTING_AEAD_KEYS,
                SymmetricKey.LENGTH + COMMITMENT_LENGTH);
    }
}
