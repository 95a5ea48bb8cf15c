package dev.vellum.crypto.aead.internal;

/**
 * The bulk of ChaCha20-Poly1305: whole 64-byte blocks, each encrypted (or decrypted) and its ciphertext absorbed into
 * Poly1305 in one pass while its sixteen words are still in local variables. Reading the ciphertext back from the
 * array for the MAC would cost a third more byte-array accesses, and in TeaVM's WebAssembly GC output each is a
 * bounds-checked array access: the dominant cost of this cipher there.
 *
 * <p>The same arithmetic as {@link ChaCha20} and {@link Poly1305} (which handle the last partial block, the
 * associated data and the tag), written out inline; {@code ChaCha20Poly1305CoreTest} checks it against BouncyCastle
 * on every length. Constant time: no branch or index depends on key or data.
 */
final class ChaCha20Poly1305Blocks {
    private static final long MASK26 = 0x3ffffff;

    private ChaCha20Poly1305Blocks() {
    }

    /**
     * Processes {@code blocks} whole blocks from block {@code counter} on; when {@code encrypt} the MAC absorbs the
     * output, otherwise the input (it is always the ciphertext).
     */
    static void process(boolean encrypt, int[] key, int nonce0, int nonce1, int nonce2, int counter, byte[] in,
            int inOffset, byte[] out, int outOffset, int blocks, Poly1305 mac) {
        int k0 = key[0], k1 = key[1], k2 = key[2], k3 = key[3], k4 = key[4], k5 = key[5], k6 = key[6], k7 = key[7];
        long r0 = mac.r0, r1 = mac.r1, r2 = mac.r2, r3 = mac.r3, r4 = mac.r4;
        long s1 = mac.s1, s2 = mac.s2, s3 = mac.s3, s4 = mac.s4;
        long h0 = mac.h0, h1 = mac.h1, h2 = mac.h2, h3 = mac.h3, h4 = mac.h4;
        long d0, d1, d2, d3, d4;
        for (int block = 0; block < blocks; block++) {
            int x0 = ChaCha20.SIGMA0, x1 = ChaCha20.SIGMA1, x2 = ChaCha20.SIGMA2, x3 = ChaCha20.SIGMA3;
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
            x0 += ChaCha20.SIGMA0; x1 += ChaCha20.SIGMA1; x2 += ChaCha20.SIGMA2; x3 += ChaCha20.SIGMA3;
            x4 += k0; x5 += k1; x6 += k2; x7 += k3; x8 += k4; x9 += k5; x10 += k6; x11 += k7;
            x12 += counter; x13 += nonce0; x14 += nonce1; x15 += nonce2;
            counter++;
            int i = inOffset + block * ChaCha20.BLOCK_LENGTH;
            int o = outOffset + block * ChaCha20.BLOCK_LENGTH;
            int w0 = ChaCha20.word(in, i + 0);
            int w1 = ChaCha20.word(in, i + 4);
            int w2 = ChaCha20.word(in, i + 8);
            int w3 = ChaCha20.word(in, i + 12);
            int w4 = ChaCha20.word(in, i + 16);
            int w5 = ChaCha20.word(in, i + 20);
            int w6 = ChaCha20.word(in, i + 24);
            int w7 = ChaCha20.word(in, i + 28);
            int w8 = ChaCha20.word(in, i + 32);
            int w9 = ChaCha20.word(in, i + 36);
            int w10 = ChaCha20.word(in, i + 40);
            int w11 = ChaCha20.word(in, i + 44);
            int w12 = ChaCha20.word(in, i + 48);
            int w13 = ChaCha20.word(in, i + 52);
            int w14 = ChaCha20.word(in, i + 56);
            int w15 = ChaCha20.word(in, i + 60);
            int c0 = w0 ^ x0;
            ChaCha20.putWord(out, o + 0, c0);
            int c1 = w1 ^ x1;
            ChaCha20.putWord(out, o + 4, c1);
            int c2 = w2 ^ x2;
            ChaCha20.putWord(out, o + 8, c2);
            int c3 = w3 ^ x3;
            ChaCha20.putWord(out, o + 12, c3);
            int c4 = w4 ^ x4;
            ChaCha20.putWord(out, o + 16, c4);
            int c5 = w5 ^ x5;
            ChaCha20.putWord(out, o + 20, c5);
            int c6 = w6 ^ x6;
            ChaCha20.putWord(out, o + 24, c6);
            int c7 = w7 ^ x7;
            ChaCha20.putWord(out, o + 28, c7);
            int c8 = w8 ^ x8;
            ChaCha20.putWord(out, o + 32, c8);
            int c9 = w9 ^ x9;
            ChaCha20.putWord(out, o + 36, c9);
            int c10 = w10 ^ x10;
            ChaCha20.putWord(out, o + 40, c10);
            int c11 = w11 ^ x11;
            ChaCha20.putWord(out, o + 44, c11);
            int c12 = w12 ^ x12;
            ChaCha20.putWord(out, o + 48, c12);
            int c13 = w13 ^ x13;
            ChaCha20.putWord(out, o + 52, c13);
            int c14 = w14 ^ x14;
            ChaCha20.putWord(out, o + 56, c14);
            int c15 = w15 ^ x15;
            ChaCha20.putWord(out, o + 60, c15);
            int m0 = encrypt ? c0 : w0;
            int m1 = encrypt ? c1 : w1;
            int m2 = encrypt ? c2 : w2;
            int m3 = encrypt ? c3 : w3;
            int m4 = encrypt ? c4 : w4;
            int m5 = encrypt ? c5 : w5;
            int m6 = encrypt ? c6 : w6;
            int m7 = encrypt ? c7 : w7;
            int m8 = encrypt ? c8 : w8;
            int m9 = encrypt ? c9 : w9;
            int m10 = encrypt ? c10 : w10;
            int m11 = encrypt ? c11 : w11;
            int m12 = encrypt ? c12 : w12;
            int m13 = encrypt ? c13 : w13;
            int m14 = encrypt ? c14 : w14;
            int m15 = encrypt ? c15 : w15;
            h0 += m0 & 0x3ffffff;
            h1 += ((m0 >>> 26) | (m1 << 6)) & 0x3ffffff;
            h2 += ((m1 >>> 20) | (m2 << 12)) & 0x3ffffff;
            h3 += ((m2 >>> 14) | (m3 << 18)) & 0x3ffffff;
            h4 += (m3 >>> 8) | (1 << 24);
            d0 = h0 * r0 + h1 * s4 + h2 * s3 + h3 * s2 + h4 * s1;
            d1 = h0 * r1 + h1 * r0 + h2 * s4 + h3 * s3 + h4 * s2;
            d2 = h0 * r2 + h1 * r1 + h2 * r0 + h3 * s4 + h4 * s3;
            d3 = h0 * r3 + h1 * r2 + h2 * r1 + h3 * r0 + h4 * s4;
            d4 = h0 * r4 + h1 * r3 + h2 * r2 + h3 * r1 + h4 * r0;
            d1 += d0 >>> 26;
            d2 += d1 >>> 26;
            d3 += d2 >>> 26;
            d4 += d3 >>> 26;
            h0 = (d0 & MASK26) + (d4 >>> 26) * 5;
            h1 = (d1 & MASK26) + (h0 >>> 26);
            h0 &= MASK26;
            h2 = d2 & MASK26;
            h3 = d3 & MASK26;
            h4 = d4 & MASK26;
            h0 += m4 & 0x3ffffff;
            h1 += ((m4 >>> 26) | (m5 << 6)) & 0x3ffffff;
            h2 += ((m5 >>> 20) | (m6 << 12)) & 0x3ffffff;
            h3 += ((m6 >>> 14) | (m7 << 18)) & 0x3ffffff;
            h4 += (m7 >>> 8) | (1 << 24);
            d0 = h0 * r0 + h1 * s4 + h2 * s3 + h3 * s2 + h4 * s1;
            d1 = h0 * r1 + h1 * r0 + h2 * s4 + h3 * s3 + h4 * s2;
            d2 = h0 * r2 + h1 * r1 + h2 * r0 + h3 * s4 + h4 * s3;
            d3 = h0 * r3 + h1 * r2 + h2 * r1 + h3 * r0 + h4 * s4;
            d4 = h0 * r4 + h1 * r3 + h2 * r2 + h3 * r1 + h4 * r0;
            d1 += d0 >>> 26;
            d2 += d1 >>> 26;
            d3 += d2 >>> 26;
            d4 += d3 >>> 26;
            h0 = (d0 & MASK26) + (d4 >>> 26) * 5;
            h1 = (d1 & MASK26) + (h0 >>> 26);
            h0 &= MASK26;
            h2 = d2 & MASK26;
            h3 = d3 & MASK26;
            h4 = d4 & MASK26;
            h0 += m8 & 0x3ffffff;
            h1 += ((m8 >>> 26) | (m9 << 6)) & 0x3ffffff;
            h2 += ((m9 >>> 20) | (m10 << 12)) & 0x3ffffff;
            h3 += ((m10 >>> 14) | (m11 << 18)) & 0x3ffffff;
            h4 += (m11 >>> 8) | (1 << 24);
            d0 = h0 * r0 + h1 * s4 + h2 * s3 + h3 * s2 + h4 * s1;
            d1 = h0 * r1 + h1 * r0 + h2 * s4 + h3 * s3 + h4 * s2;
            d2 = h0 * r2 + h1 * r1 + h2 * r0 + h3 * s4 + h4 * s3;
            d3 = h0 * r3 + h1 * r2 + h2 * r1 + h3 * r0 + h4 * s4;
            d4 = h0 * r4 + h1 * r3 + h2 * r2 + h3 * r1 + h4 * r0;
            d1 += d0 >>> 26;
            d2 += d1 >>> 26;
            d3 += d2 >>> 26;
            d4 += d3 >>> 26;
            h0 = (d0 & MASK26) + (d4 >>> 26) * 5;
            h1 = (d1 & MASK26) + (h0 >>> 26);
            h0 &= MASK26;
            h2 = d2 & MASK26;
            h3 = d3 & MASK26;
            h4 = d4 & MASK26;
            h0 += m12 & 0x3ffffff;
            h1 += ((m12 >>> 26) | (m13 << 6)) & 0x3ffffff;
            h2 += ((m13 >>> 20) | (m14 << 12)) & 0x3ffffff;
            h3 += ((m14 >>> 14) | (m15 << 18)) & 0x3ffffff;
            h4 += (m15 >>> 8) | (1 << 24);
            d0 = h0 * r0 + h1 * s4 + h2 * s3 + h3 * s2 + h4 * s1;
            d1 = h0 * r1 + h1 * r0 + h2 * s4 + h3 * s3 + h4 * s2;
            d2 = h0 * r2 + h1 * r1 + h2 * r0 + h3 * s4 + h4 * s3;
            d3 = h0 * r3 + h1 * r2 + h2 * r1 + h3 * r0 + h4 * s4;
            d4 = h0 * r4 + h1 * r3 + h2 * r2 + h3 * r1 + h4 * r0;
            d1 += d0 >>> 26;
            d2 += d1 >>> 26;
            d3 += d2 >>> 26;
            d4 += d3 >>> 26;
            h0 = (d0 & MASK26) + (d4 >>> 26) * 5;
            h1 = (d1 & MASK26) + (h0 >>> 26);
            h0 &= MASK26;
            h2 = d2 & MASK26;
            h3 = d3 & MASK26;
            h4 = d4 & MASK26;
        }
        mac.h0 = h0;
        mac.h1 = h1;
        mac.h2 = h2;
        mac.h3 = h3;
        mac.h4 = h4;
    }
}
