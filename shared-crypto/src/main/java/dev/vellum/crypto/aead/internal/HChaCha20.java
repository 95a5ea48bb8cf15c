package dev.vellum.crypto.aead.internal;

/**
 * HChaCha20 (draft-irtf-cfrg-xchacha-03, section 2.2): derives a 256-bit subkey from a key and a 128-bit nonce.
 *
 * <p>It is the ChaCha20 block function without the final addition of the input state, keeping words 0..3 and
 * 12..15. Like {@link ChaCha20}, the state lives in local variables rather than an array (faster in WebAssembly, and
 * nothing secret is left in memory to wipe but the returned subkey).
 */
public final class HChaCha20 {
    static final int NONCE_LENGTH = 16;

    private HChaCha20() {
    }

    public static byte[] deriveSubkey(byte[] key, byte[] nonce, int nonceOffset) {
        int[] words = deriveSubkeyWords(key, nonce, nonceOffset);
        byte[] subkey = new byte[32];
        for (int i = 0; i < words.length; i++) {
            ChaCha20.putWord(subkey, 4 * i, words[i]);
        }
        java.util.Arrays.fill(words, 0);
        return subkey;
    }

    /** The subkey as eight little-endian words, the form {@link ChaCha20} takes its key in. */
    static int[] deriveSubkeyWords(byte[] key, byte[] nonce, int nonceOffset) {
        int x0 = ChaCha20.SIGMA0, x1 = ChaCha20.SIGMA1, x2 = ChaCha20.SIGMA2, x3 = ChaCha20.SIGMA3;
        int x4 = ChaCha20.word(key, 0), x5 = ChaCha20.word(key, 4), x6 = ChaCha20.word(key, 8),
                x7 = ChaCha20.word(key, 12), x8 = ChaCha20.word(key, 16), x9 = ChaCha20.word(key, 20),
                x10 = ChaCha20.word(key, 24), x11 = ChaCha20.word(key, 28);
        int x12 = ChaCha20.word(nonce, nonceOffset), x13 = ChaCha20.word(nonce, nonceOffset + 4),
                x14 = ChaCha20.word(nonce, nonceOffset + 8), x15 = ChaCha20.word(nonce, nonceOffset + 12);
        for (int doubleRound = 0; doubleRound < 10; doubleRound++) {
            x0 += x4; x12 ^= x0; x12 = (x12 << 16) | (x12 >>> 16);
            x8 += x12; x4 ^= x8; x4 = (x4 << 12) | (x4 >>> 20);
            x0 += x4; x12 ^= x0; x12 = (x12 << 8) | (x12 >>> 24);
            x8 += x12; x4 ^= x8; x4 = (x4 << 7) | (x4 >>> 25);

            x1 += x5; x13 ^= x1; x13 = (x13 << 16) | (x13 >>> 16);
            x9 += x13; x5 ^= x9; x5 = (x5 << 12) | (x5 >>> 20);
            x1 += x5; x13 ^= x1; x13 = (x13 << 8) | (x13 >>> 24);
            x9 += x13; x5 ^= x9; x5 = (x5 << 7) | (x5 >>> 25);

            x2 += x6; x14 ^= x2; x14 = (x14 << 16) | (x14 >>> 16);
            x10 += x14; x6 ^= x10; x6 = (x6 << 12) | (x6 >>> 20);
            x2 += x6; x14 ^= x2; x14 = (x14 << 8) | (x14 >>> 24);
            x10 += x14; x6 ^= x10; x6 = (x6 << 7) | (x6 >>> 25);

            x3 += x7; x15 ^= x3; x15 = (x15 << 16) | (x15 >>> 16);
            x11 += x15; x7 ^= x11; x7 = (x7 << 12) | (x7 >>> 20);
            x3 += x7; x15 ^= x3; x15 = (x15 << 8) | (x15 >>> 24);
            x11 += x15; x7 ^= x11; x7 = (x7 << 7) | (x7 >>> 25);

            x0 += x5; x15 ^= x0; x15 = (x15 << 16) | (x15 >>> 16);
            x10 += x15; x5 ^= x10; x5 = (x5 << 12) | (x5 >>> 20);
            x0 += x5; x15 ^= x0; x15 = (x15 << 8) | (x15 >>> 24);
            x10 += x15; x5 ^= x10; x5 = (x5 << 7) | (x5 >>> 25);

            x1 += x6; x12 ^= x1; x12 = (x12 << 16) | (x12 >>> 16);
            x11 += x12; x6 ^= x11; x6 = (x6 << 12) | (x6 >>> 20);
            x1 += x6; x12 ^= x1; x12 = (x12 << 8) | (x12 >>> 24);
            x11 += x12; x6 ^= x11; x6 = (x6 << 7) | (x6 >>> 25);

            x2 += x7; x13 ^= x2; x13 = (x13 << 16) | (x13 >>> 16);
            x8 += x13; x7 ^= x8; x7 = (x7 << 12) | (x7 >>> 20);
            x2 += x7; x13 ^= x2; x13 = (x13 << 8) | (x13 >>> 24);
            x8 += x13; x7 ^= x8; x7 = (x7 << 7) | (x7 >>> 25);

            x3 += x4; x14 ^= x3; x14 = (x14 << 16) | (x14 >>> 16);
            x9 += x14; x4 ^= x9; x4 = (x4 << 12) | (x4 >>> 20);
            x3 += x4; x14 ^= x3; x14 = (x14 << 8) | (x14 >>> 24);
            x9 += x14; x4 ^= x9; x4 = (x4 << 7) | (x4 >>> 25);
        }
        return new int[] {x0, x1, x2, x3, x12, x13, x14, x15};
    }
}
