package dev.vellum.crypto.aead.internal;

import org.teavm.interop.Address;

/**
 * {@link ChaCha20Poly1305Blocks} on WebAssembly linear memory, for {@link LinearMemoryXChaCha20Poly1305}: the same
 * arithmetic, line for line, but each 32-bit word is one load or store ({@link Address#getInt()}, little-endian as
 * WebAssembly is) where a Java {@code byte[]} in TeaVM's WebAssembly GC output costs four bounds-checked array
 * accesses. That difference is most of the cipher's time there, which is why the block function exists twice; both
 * are checked against the same vectors and against each other in Chromium ({@code BrowserConformanceTest}).
 * TeaVM-only: {@link Address} has no meaning on the JVM.
 */
final class LinearMemoryBlocks {
    private static final long MASK26 = 0x3ffffff;

    private LinearMemoryBlocks() {
    }

    /**
     * Processes {@code blocks} whole blocks from block {@code counter} on, from {@code in} to {@code out} (which may
     * be the same address); when {@code encrypt} the MAC absorbs the output, otherwise the input.
     */
    static void process(boolean encrypt, int[] key, int nonce0, int nonce1, int nonce2, int counter, Address in,
            Address out, int blocks, Poly1305 mac) {
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
            Address i = in.add(block * ChaCha20.BLOCK_LENGTH);
            Address o = out.add(block * ChaCha20.BLOCK_LENGTH);
            int w0 = i.getInt();
            int w1 = i.add(4).getInt();
            int w2 = i.add(8).getInt();
            int w3 = i.add(12).getInt();
            int w4 = i.add(16).getInt();
            int w5 = i.add(20).getInt();
            int w6 = i.add(24).getInt();
            int w7 = i.add(28).getInt();
            int w8 = i.add(32).getInt();
            int w9 = i.add(36).getInt();
            int w10 = i.add(40).getInt();
            int w11 = i.add(44).getInt();
            int w12 = i.add(48).getInt();
            int w13 = i.add(52).getInt();
            int w14 = i.add(56).getInt();
            int w15 = i.add(60).getInt();
            int c0 = w0 ^ x0;
            o.putInt(c0);
            int c1 = w1 ^ x1;
            o.add(4).putInt(c1);
            int c2 = w2 ^ x2;
            o.add(8).putInt(c2);
            int c3 = w3 ^ x3;
            o.add(12).putInt(c3);
            int c4 = w4 ^ x4;
            o.add(16).putInt(c4);
            int c5 = w5 ^ x5;
            o.add(20).putInt(c5);
            int c6 = w6 ^ x6;
            o.add(24).putInt(c6);
            int c7 = w7 ^ x7;
            o.add(28).putInt(c7);
            int c8 = w8 ^ x8;
            o.add(32).putInt(c8);
            int c9 = w9 ^ x9;
            o.add(36).putInt(c9);
            int c10 = w10 ^ x10;
            o.add(40).putInt(c10);
            int c11 = w11 ^ x11;
            o.add(44).putInt(c11);
            int c12 = w12 ^ x12;
            o.add(48).putInt(c12);
            int c13 = w13 ^ x13;
            o.add(52).putInt(c13);
            int c14 = w14 ^ x14;
            o.add(56).putInt(c14);
            int c15 = w15 ^ x15;
            o.add(60).putInt(c15);
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
