package dev.vellum.client.conformance;

import dev.vellum.crypto.aead.internal.HChaCha20;
import java.util.Arrays;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The XChaCha20-Poly1305 seal Vellum used before its own ChaCha20-Poly1305 core: HChaCha20, then BouncyCastle's
 * ChaCha20-Poly1305, output {@code nonce || ciphertext || tag}. Kept for the benchmark only, so the two run in
 * alternating rounds in one page (and one JMH run) and the speed-up is measured, not inferred across runs.
 */
public final class BouncyCastleXChaCha20Poly1305 {
    private BouncyCastleXChaCha20Poly1305() {
    }

    public static byte[] seal(byte[] key, byte[] nonce, byte[] plaintext, byte[] associatedData) {
        byte[] subkey = HChaCha20.deriveSubkey(key, nonce, 0);
        byte[] chachaNonce = new byte[12];
        System.arraycopy(nonce, 16, chachaNonce, 4, 8);
        ChaCha20Poly1305 cipher = new ChaCha20Poly1305();
        cipher.init(true, new AEADParameters(new KeyParameter(subkey), 128, chachaNonce, associatedData));
        byte[] out = new byte[nonce.length + plaintext.length + 16];
        System.arraycopy(nonce, 0, out, 0, nonce.length);
        int written = cipher.processBytes(plaintext, 0, plaintext.length, out, nonce.length);
        try {
            cipher.doFinal(out, nonce.length + written);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException(e);
        } finally {
            Arrays.fill(subkey, (byte) 0);
        }
        return out;
    }
}
