package dev.vellum.crypto.aead.internal;

import dev.vellum.error.AuthenticationFailedException;
import dev.vellum.error.InvalidMessageException;
import java.util.Arrays;

/**
 * ChaCha20-Poly1305 (RFC 8439) with a caller-chosen 96-bit nonce, on {@link ChaCha20Poly1305Core}. The caller must
 * never repeat a nonce under one key: HPKE derives a fresh key and nonce sequence per message, and XChaCha20 a fresh
 * subkey per random nonce. Output: ciphertext followed by the 16-byte tag.
 */
public final class InsecureNonceChaCha20Poly1305 {
    public static final int KEY_LENGTH = 32;
    public static final int NONCE_LENGTH = 12;
    public static final int TAG_LENGTH = ChaCha20Poly1305Core.TAG_LENGTH;

    private final byte[] key;

    /** @param key 32 bytes, used as given (the caller keeps ownership and wipes it) */
    public InsecureNonceChaCha20Poly1305(byte[] key) {
        if (key == null || key.length != KEY_LENGTH) {
            throw new IllegalArgumentException("ChaCha20-Poly1305 keys are " + KEY_LENGTH + " bytes");
        }
        this.key = key;
    }

    public byte[] encrypt(byte[] nonce, byte[] plaintext, byte[] associatedData) {
        byte[] out = new byte[plaintext.length + TAG_LENGTH];
        encrypt(nonce, plaintext, associatedData, out, 0);
        return out;
    }

    /**
     * Writes ciphertext and tag ({@code plaintext.length + TAG_LENGTH} bytes) into {@code out} at {@code outOffset},
     * so a caller that frames the output (XChaCha20's nonce prefix) needs no second copy of the message.
     */
    public void encrypt(byte[] nonce, byte[] plaintext, byte[] associatedData, byte[] out, int outOffset) {
        checkNonce(nonce);
        checkAssociatedData(associatedData);
        int[] words = ChaCha20Poly1305Core.keyWords(key);
        try {
            ChaCha20Poly1305Core.seal(words, ChaCha20.word(nonce, 0), ChaCha20.word(nonce, 4), ChaCha20.word(nonce, 8),
                    associatedData, plaintext, 0, plaintext.length, out, outOffset);
        } finally {
            Arrays.fill(words, 0);
        }
    }

    /**
     * @throws InvalidMessageException if the input is shorter than a tag
     * @throws AuthenticationFailedException if the tag does not match (compared in constant time)
     */
    public byte[] decrypt(byte[] nonce, byte[] input, int offset, int length, byte[] associatedData)
            throws InvalidMessageException, AuthenticationFailedException {
        if (length < TAG_LENGTH) {
            throw new InvalidMessageException("ciphertext shorter than its " + TAG_LENGTH + "-byte tag");
        }
        checkNonce(nonce);
        checkAssociatedData(associatedData);
        int[] words = ChaCha20Poly1305Core.keyWords(key);
        try {
            return open(words, ChaCha20.word(nonce, 0), ChaCha20.word(nonce, 4), ChaCha20.word(nonce, 8), input,
                    offset, length, associatedData);
        } finally {
            Arrays.fill(words, 0);
        }
    }

    /** Opens with a key already in words (XChaCha20's subkey); {@code length} includes the tag. */
    static byte[] open(int[] key, int nonce0, int nonce1, int nonce2, byte[] input, int offset, int length,
            byte[] associatedData) throws AuthenticationFailedException {
        byte[] out = new byte[length - TAG_LENGTH];
        if (!ChaCha20Poly1305Core.open(key, nonce0, nonce1, nonce2, associatedData, input, offset, out.length, out,
                0)) {
            throw new AuthenticationFailedException("ciphertext did not authenticate");
        }
        return out;
    }

    private static void checkNonce(byte[] nonce) {
        if (nonce == null || nonce.length != NONCE_LENGTH) {
            throw new IllegalArgumentException("ChaCha20-Poly1305 nonces are " + NONCE_LENGTH + " bytes");
        }
    }

    static void checkAssociatedData(byte[] associatedData) {
        if (associatedData == null) {
            throw new NullPointerException("associatedData: pass an empty array for none");
        }
    }
}
