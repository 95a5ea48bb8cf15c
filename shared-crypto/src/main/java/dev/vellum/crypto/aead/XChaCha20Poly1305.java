package dev.vellum.crypto.aead;

import dev.vellum.crypto.aead.internal.InsecureNonceXChaCha20Poly1305;
import dev.vellum.crypto.key.SymmetricKey;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.error.AuthenticationFailedException;
import dev.vellum.error.InvalidMessageException;

/**
 * XChaCha20-Poly1305 with a fresh random 192-bit nonce for every message.
 *
 * <p>Output layout: {@code nonce (24) || ciphertext || tag (16)}. With 192-bit random nonces, collisions are
 * negligible even after 2^80 messages under one key, so callers never track counters.
 *
 * <h2>Security guarantees</h2>
 * Those of {@link Aead}. Not key-committing: the same ciphertext could be crafted to open under two chosen keys,
 * which matters only once several parties share keys they did not make themselves.
 */
public final class XChaCha20Poly1305 implements Aead {
    public static final int OVERHEAD =
            InsecureNonceXChaCha20Poly1305.NONCE_LENGTH + InsecureNonceXChaCha20Poly1305.TAG_LENGTH;

    private final InsecureNonceXChaCha20Poly1305 cipher;
    private final RandomSource random;

    public XChaCha20Poly1305(SymmetricKey key, RandomSource random) {
        this.cipher = new InsecureNonceXChaCha20Poly1305(key);
        this.random = random;
    }

    @Override
    public byte[] encrypt(byte[] plaintext, byte[] associatedData) {
        byte[] nonce = random.randomBytes(InsecureNonceXChaCha20Poly1305.NONCE_LENGTH);
        // Sealed straight after the nonce, so the message is not copied a second time to prepend it.
        byte[] out = new byte[OVERHEAD + plaintext.length];
        System.arraycopy(nonce, 0, out, 0, nonce.length);
        cipher.encrypt(nonce, plaintext, associatedData, out, nonce.length);
        return out;
    }

    @Override
    public byte[] decrypt(byte[] ciphertext, byte[] associatedData)
            throws InvalidMessageException, AuthenticationFailedException {
        return decrypt(ciphertext, 0, ciphertext.length, associatedData);
    }

    /** Decrypts {@code length} bytes of {@code input} starting at {@code offset}, without copying them first. */
    public byte[] decrypt(byte[] input, int offset, int length, byte[] associatedData)
            throws InvalidMessageException, AuthenticationFailedException {
        if (length < OVERHEAD) {
            throw new InvalidMessageException("ciphertext shorter than nonce and tag (" + OVERHEAD + " bytes)");
        }
        byte[] nonce = new byte[InsecureNonceXChaCha20Poly1305.NONCE_LENGTH];
        System.arraycopy(input, offset, nonce, 0, nonce.length);
        return cipher.decrypt(nonce, input, offset + nonce.length, length - nonce.length, associatedData);
    }
}
