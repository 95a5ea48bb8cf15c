package dev.vellum.crypto.aead.internal;

/**
 * The ChaCha20 stream cipher (RFC 8439, sections 2.3 and 2.4), written for TeaVM's WebAssembly output as much as for
 * the JVM: the block's sixteen words live in local variables (no array, so no bounds checks or memory traffic inside
 * the rounds), and the keystream is XORed a 32-bit word at a time. BouncyCastle's engine keeps its state in an
 * {@code int[]} and XORs byte by byte, which in WebAssembly GC is an array access with a bounds check per step.
 *
 * <p>Constant time: the only branches and indexes depend on lengths and offsets, never on key or data.
 */
final class ChaCha20 {
    static final int BLOCK_LENGTH = 64;
    static final int KEY_WORDS = 8;

    // "expand 32-byte k" (RFC 8439, section 2.3).
    static final int SIGMA0 = 0x61707865;
    static final int SIGMA1 = 0x3320646e;
    static final int SIGMA2 = 0x79622d32;
    static final int SIGMA3 = 0x6b206574;

    private ChaCha20() {
    }

    /**
     * XORs {@code length} bytes of {@code in} from {@code inOffset} with the keystream that starts at block
     * {@code counter}, into {@code out} from {@code outOffset} (which may be {@code in} at the same offset).
     *
     * @param key the 256-bit key as eight little-endian words
     * @return the block counter after the last block used
     */
    static int xor(int[] key, int nonce0, int nonce1, int nonce2, int counter, byte[] in, int inOffset, byte[] out,
            int outOffset, int length) {
        int k0 = key[0], k1 = key[1], k2 = key[2], k3 = key[3], k4 = key[4], k5 = key[5], k6 = key[6], k7 = key[7];
        byte[] tail = null;
        while (length > 0) {
            int x0 = SIGMA0, x1 = SIGMA1, x2 = SIGMA2, x3 = SIGMA3;
            int x4 = k0, x5 = k1, x6 = k2, x7 = k3, x8 = k4, x9 = k5, x10 = k6, x11 = k7;
            int x12 = counter, x13 = nonce0, x14 = nonce1, x15 = nonce2;
            for (int doubleRound = 0; doubleRound < 10; doubleRound++) {
                // Columns.
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

                // Diagonals.
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
            x0 += SIGMA0; x1 += SIGMA1; x2 += SIGMA2; x3 += SIGMA3;
            x4 += k0; x5 += k1; x6 += k2; x7 += k3; x8 += k4; x9 += k5; x10 += k6; x11 += k7;
            x12 += counter; x13 += nonce0; x14 += nonce1; x15 += nonce2;
            counter++;
            if (length >= BLOCK_LENGTH) {
                int i = inOffset, o = outOffset;
                putWord(out, o, word(in, i) ^ x0);
                putWord(out, o + 4, word(in, i + 4) ^ x1);
                putWord(out, o + 8, word(in, i + 8) ^ x2);
                putWord(out, o + 12, word(in, i + 12) ^ x3);
                putWord(out, o + 16, word(in, i + 16) ^ x4);
                putWord(out, o + 20, word(in, i + 20) ^ x5);
                putWord(out, o + 24, word(in, i + 24) ^ x6);
                putWord(out, o + 28, word(in, i + 28) ^ x7);
                putWord(out, o + 32, word(in, i + 32) ^ x8);
                putWord(out, o + 36, word(in, i + 36) ^ x9);
                putWord(out, o + 40, word(in, i + 40) ^ x10);
                putWord(out, o + 44, word(in, i + 44) ^ x11);
                putWord(out, o + 48, word(in, i + 48) ^ x12);
                putWord(out, o + 52, word(in, i + 52) ^ x13);
                putWord(out, o + 56, word(in, i + 56) ^ x14);
                putWord(out, o + 60, word(in, i + 60) ^ x15);
                inOffset += BLOCK_LENGTH;
                outOffset += BLOCK_LENGTH;
                length -= BLOCK_LENGTH;
            } else {
                // The last, partial block: keystream to a scratch block, then byte by byte; the scratch is wiped.
                tail = new byte[BLOCK_LENGTH];
                putWord(tail, 0, x0); putWord(tail, 4, x1); putWord(tail, 8, x2); putWord(tail, 12, x3);
                putWord(tail, 16, x4); putWord(tail, 20, x5); putWord(tail, 24, x6); putWord(tail, 28, x7);
                putWord(tail, 32, x8); putWord(tail, 36, x9); putWord(tail, 40, x10); putWord(tail, 44, x11);
                putWord(tail, 48, x12); putWord(tail, 52, x13); putWord(tail, 56, x14); putWord(tail, 60, x15);
                for (int j = 0; j < length; j++) {
                    out[outOffset + j] = (byte) (in[inOffset + j] ^ tail[j]);
                }
                length = 0;
            }
        }
        if (tail != null) {
            java.util.Arrays.fill(tail, (byte) 0);
        }
        return counter;
    }

    /** The little-endian word at {@code offset}. */
    static int word(byte[] b, int offset) {
        return (b[offset] & 0xff) | (b[offset + 1] & 0xff) << 8 | (b[offset + 2] & 0xff) << 16 | b[offset + 3] << 24;
    }

    static void putWord(byte[] b, int offset, int v) {
        b[offset] = (byte) v;
        b[offset + 1] = (byte) (v >>> 8);
        b[offset + 2] = (byte) (v >>> 16);
        b[offset + 3] = (byte) (v >>> 24);
    }
}
