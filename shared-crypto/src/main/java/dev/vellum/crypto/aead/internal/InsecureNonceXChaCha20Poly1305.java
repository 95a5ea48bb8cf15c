package dev.vellum.crypto.aead.internal;

import dev.vellum.crypto.internal.KeyAccess;
import dev.vellum.crypto.key.SymmetricKey;
import dev.vellum.error.AuthenticationFailedException;
import dev.vellum.error.InvalidMessageException;
import java.util.Arrays;

/**
 * XChaCha20-Poly1305 (draft-irtf-cfrg-xchacha-03) with a caller-chosen nonce.
 *
 * <p>As Tink's class of the same name: the caller must never reuse a nonce under one key, or both confidentiality
 * and integrity are lost. Application code uses {@link dev.vellum.crypto.aead.XChaCha20Poly1305}, which picks
 * random nonces; this class exists for it and for known-answer tests. The output here is ciphertext followed by the 16-byte tag, with no
 * nonce.
 */
public final class InsecureNonceXChaCha20Poly1305 {
    public static final int NONCE_LENGTH = 24;
    public static final int TAG_LENGTH = InsecureNonceChaCha20Poly1305.TAG_LENGTH;

    private final SymmetricKey key;

    public InsecureNonceXChaCha20Poly1305(SymmetricKey key) {
        this.key = key;
    }

    public byte[] encrypt(byte[] nonce, byte[] plaintext, byte[] associatedData) {
        byte[] out = new byte[plaintext.length + TAG_LENGTH];
        encrypt(nonce, plaintext, associatedData, out, 0);
        return out;
    }

    /** Writes ciphertext and tag ({@code plaintext.length + TAG_LENGTH} bytes) into {@code out} at {@code outOffset}. */
    public void encrypt(byte[] nonce, byte[] plaintext, byte[] associatedData, byte[] out, int outOffset) {
        int[] subkey = subkey(nonce);
        try {
            InsecureNonceChaCha20Poly1305.checkAssociatedData(associatedData);
            ChaCha20Poly1305Core.seal(subkey, 0, ChaCha20.word(nonce, 16), ChaCha20.word(nonce, 20), associatedData,
                    plaintext, 0, plaintext.length, out, outOffset);
        } finally {
            Arrays.fill(subkey, 0);
        }
    }

    public byte[] decrypt(byte[] nonce, byte[] ciphertext, int offset, int length, byte[] associatedData)
            throws InvalidMessageException, AuthenticationFailedException {
        int[] subkey = subkey(nonce);
        try {
            if (length < TAG_LENGTH) {
                throw new InvalidMessageException("ciphertext shorter than its " + TAG_LENGTH + "-byte tag");
            }
            InsecureNonceChaCha20Poly1305.checkAssociatedData(associatedData);
            // The ChaCha20 nonce is 4 zero bytes, then the last 8 of the 24 (draft section 2.3).
            return InsecureNonceChaCha20Poly1305.open(subkey, 0, ChaCha20.word(nonce, 16), ChaCha20.word(nonce, 20),
                    ciphertext, offset, length, associatedData);
        } finally {
            Arrays.fill(subkey, 0);
        }
    }

    private int[] subkey(byte[] nonce) {
        if (nonce == null || nonce.length != NONCE_LENGTH) {
            throw new IllegalArgumentException("XChaCha20 nonce must be " + NONCE_LENGTH + " bytes");
        }
        return HChaCha20.deriveSubkeyWords(key.bytesForUse(KeyAccess.get()), nonce, 0);
    }
}
