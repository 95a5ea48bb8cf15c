package dev.vellum.crypto.aead.internal;

import org.bouncycastle.util.Pack;

/**
 * HChaCha20 (draft-irtf-cfrg-xchacha-03, section 2.2): derives a 256-bit subkey from a key and a 128-bit nonce.
 *
 * <p>BouncyCastle has ChaCha20 but not this step. It is the ChaCha20 block function without the final addition
 * of the input state, keeping words 0..3 and 12..15.
 */
public final class HChaCha20 {
    static final int NONCE_LENGTH = 16;

    private HChaCha20() {
    }

    public static byte[] deriveSubkey(byte[] key, byte[] nonce, int nonceOffset) {
        int[] x = new int[16];
        // "expand 32-byte k" (RFC 8439, section 2.3).
        x[0] = 0x61707865;
        x[1] = 0x3320646e;
        x[2] = 0x79622d32;
        x[3] = 0x6b206574;
        for (int i = 0; i < 8; i++) {
            x[4 + i] = Pack.littleEndianToInt(key, 4 * i);
        }
        for (int i = 0; i < 4; i++) {
            x[12 + i] = Pack.littleEndianToInt(nonce, nonceOffset + 4 * i);
        }
        for (int round = 0; round < 10; round++) {
            quarterRound(x, 0, 4, 8, 12);
            quarterRound(x, 1, 5, 9, 13);
            quarterRound(x, 2, 6, 10, 14);
            quarterRound(x, 3, 7, 11, 15);
            quarterRound(x, 0, 5, 10, 15);
            quarterRound(x, 1, 6, 11, 12);
            quarterRound(x, 2, 7, 8, 13);
            quarterRound(x, 3, 4, 9, 14);
        }
        byte[] subkey = new byte[32];
        for (int i = 0; i < 4; i++) {
            Pack.intToLittleEndian(x[i], subkey, 4 * i);
            Pack.intToLittleEndian(x[12 + i], subkey, 16 + 4 * i);
        }
        java.util.Arrays.fill(x, 0);
        return subkey;
    }

    private static void quarterRound(int[] x, int a, int b, int c, int d) {
        x[a] += x[b];
        x[d] = Integer.rotateLeft(x[d] ^ x[a], 16);
        x[c] += x[d];
        x[b] = Integer.rotateLeft(x[b] ^ x[c], 12);
        x[a] += x[b];
        x[d] = Integer.rotateLeft(x[d] ^ x[a], 8);
        x[c] += x[d];
        x[b] = Integer.rotateLeft(x[b] ^ x[c], 7);
    }
}
