package dev.vellum.crypto.aead;

import dev.vellum.crypto.AuthenticationFailedException;
import dev.vellum.crypto.InvalidMessageException;
import dev.vellum.crypto.key.SymmetricKey;
import java.util.Arrays;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * XChaCha20-Poly1305 (draft-irtf-cfrg-xchacha-03) with a caller-chosen nonce.
 *
 * <p>As Tink's class of the same name: the caller must never reuse a nonce under one key, or both confidentiality
 * and integrity are lost. Application code uses {@link XChaCha20Poly1305}, which picks random nonces; this class
 * exists for it and for known-answer tests. The output here is ciphertext followed by the 16-byte tag, with no
 * nonce.
 */
public final class InsecureNonceXChaCha20Poly1305 {
    public static final int NONCE_LENGTH = 24;
    public static final int TAG_LENGTH = 16;

    private final SymmetricKey key;

    public InsecureNonceXChaCha20Poly1305(SymmetricKey key) {
        this.key = key;
    }

    public byte[] encrypt(byte[] nonce, byte[] plaintext, byte[] associatedData) {
        ChaCha20Poly1305 cipher = cipherFor(true, nonce, associatedData);
        byte[] out = new byte[cipher.getOutputSize(plaintext.length)];
        int written = cipher.processBytes(plaintext, 0, plaintext.length, out, 0);
        try {
            cipher.doFinal(out, written);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("encryption cannot fail to authenticate", e);
        }
        return out;
    }

    public byte[] decrypt(byte[] nonce, byte[] ciphertext, int offset, int length, byte[] associatedData)
            throws InvalidMessageException, AuthenticationFailedException {
        if (length < TAG_LENGTH) {
            throw new InvalidMessageException("ciphertext shorter than its " + TAG_LENGTH + "-byte tag");
        }
        ChaCha20Poly1305 cipher = cipherFor(false, nonce, associatedData);
        byte[] out = new byte[cipher.getOutputSize(length)];
        int written = cipher.processBytes(ciphertext, offset, length, out, 0);
        try {
            cipher.doFinal(out, written);
        } catch (InvalidCipherTextException e) {
            // BouncyCastle compares the tag in constant time; the plaintext buffer is wiped before throwing.
            Arrays.fill(out, (byte) 0);
            throw new AuthenticationFailedException("ciphertext did not authenticate");
        }
        return out;
    }

    private ChaCha20Poly1305 cipherFor(boolean forEncryption, byte[] nonce, byte[] associatedData) {
        if (nonce == null || nonce.length != NONCE_LENGTH) {
            throw new IllegalArgumentException("XChaCha20 nonce must be " + NONCE_LENGTH + " bytes");
        }
        if (associatedData == null) {
            throw new NullPointerException("associatedData: pass an empty array for none");
        }
        byte[] subkey = HChaCha20.deriveSubkey(key.bytesForUse(), nonce, 0);
        // The remaining 8 nonce bytes, after 4 zero bytes, form the ChaCha20 nonce (draft section 2.3).
        byte[] chachaNonce = new byte[12];
        System.arraycopy(nonce, HChaCha20.NONCE_LENGTH, chachaNonce, 4, 8);
        ChaCha20Poly1305 cipher = new ChaCha20Poly1305();
        cipher.init(forEncryption, new AEADParameters(new KeyParameter(subkey), TAG_LENGTH * 8, chachaNonce,
                associatedData));
        Arrays.fill(subkey, (byte) 0);
        return cipher;
    }
}
