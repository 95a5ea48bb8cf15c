package dev.vellum.crypto.aead.internal;

import dev.vellum.error.AuthenticationFailedException;
import dev.vellum.error.InvalidMessageException;
import java.util.Arrays;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * ChaCha20-Poly1305 (RFC 8439) with a caller-chosen 96-bit nonce, on BouncyCastle. The caller must never repeat a
 * nonce under one key: HPKE derives a fresh key and nonce sequence per message, and XChaCha20 a fresh subkey per
 * random nonce. Output: ciphertext followed by the 16-byte tag.
 */
public final class InsecureNonceChaCha20Poly1305 {
    public static final int KEY_LENGTH = 32;
    public static final int NONCE_LENGTH = 12;
    public static final int TAG_LENGTH = 16;

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
        ChaCha20Poly1305 cipher = cipherFor(true, nonce, associatedData);
        int written = cipher.processBytes(plaintext, 0, plaintext.length, out, outOffset);
        try {
            cipher.doFinal(out, outOffset + written);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("encryption cannot fail to authenticate", e);
        }
    }

    /**
     * @throws InvalidMessageException if the input is shorter than a tag
     * @throws AuthenticationFailedException if the tag does not match (compared in constant time by BouncyCastle)
     */
    public byte[] decrypt(byte[] nonce, byte[] input, int offset, int length, byte[] associatedData)
            throws InvalidMessageException, AuthenticationFailedException {
        if (length < TAG_LENGTH) {
            throw new InvalidMessageException("ciphertext shorter than its " + TAG_LENGTH + "-byte tag");
        }
        ChaCha20Poly1305 cipher = cipherFor(false, nonce, associatedData);
        byte[] out = new byte[cipher.getOutputSize(length)];
        int written = cipher.processBytes(input, offset, length, out, 0);
        try {
            cipher.doFinal(out, written);
        } catch (InvalidCipherTextException e) {
            Arrays.fill(out, (byte) 0);
            throw new AuthenticationFailedException("ciphertext did not authenticate");
        }
        return out;
    }

    private ChaCha20Poly1305 cipherFor(boolean forEncryption, byte[] nonce, byte[] associatedData) {
        if (nonce == null || nonce.length != NONCE_LENGTH) {
            throw new IllegalArgumentException("ChaCha20-Poly1305 nonces are " + NONCE_LENGTH + " bytes");
        }
        if (associatedData == null) {
            throw new NullPointerException("associatedData: pass an empty array for none");
        }
        ChaCha20Poly1305 cipher = new ChaCha20Poly1305();
        cipher.init(forEncryption, new AEADParameters(new KeyParameter(key), TAG_LENGTH * 8, nonce, associatedData));
        return cipher;
    }
}
