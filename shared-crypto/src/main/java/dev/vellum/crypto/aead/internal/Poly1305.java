package dev.vellum.crypto.aead.internal;

import java.util.Arrays;

/**
 * The Poly1305 one-time authenticator (RFC 8439, section 2.5) over five 26-bit limbs in {@code long} arithmetic (the
 * layout of poly1305-donna's 32-bit version): WebAssembly multiplies 64-bit integers natively, so each 16-byte block
 * costs 25 multiplications and no allocation. Blocks are read straight from the caller's array.
 *
 * <p>Constant time: the final reduction selects with a mask, never a branch; lengths are the only thing branched on.
 */
final class Poly1305 {
    static final int BLOCK_LENGTH = 16;
    static final int TAG_LENGTH = 16;
    private static final long MASK26 = 0x3ffffff;

    // Package-private for ChaCha20Poly1305Blocks, which runs the same block function inline.
    final long r0, r1, r2, r3, r4;
    final long s1, s2, s3, s4;
    private final int pad0, pad1, pad2, pad3;
    long h0, h1, h2, h3, h4;

    /** @param key the 32-byte one-time key: r (clamped here) then s */
    Poly1305(byte[] key) {
        int t0 = ChaCha20.word(key, 0), t1 = ChaCha20.word(key, 4), t2 = ChaCha20.word(key, 8),
                t3 = ChaCha20.word(key, 12);
        // Clamping (RFC 8439, section 2.5) folded into the split into limbs.
        r0 = t0 & 0x3ffffff;
        r1 = ((t0 >>> 26) | (t1 << 6)) & 0x3ffff03;
        r2 = ((t1 >>> 20) | (t2 << 12)) & 0x3ffc0ff;
        r3 = ((t2 >>> 14) | (t3 << 18)) & 0x3f03fff;
        r4 = (t3 >>> 8) & 0x00fffff;
        s1 = r1 * 5;
        s2 = r2 * 5;
        s3 = r3 * 5;
        s4 = r4 * 5;
        pad0 = ChaCha20.word(key, 16);
        pad1 = ChaCha20.word(key, 20);
        pad2 = ChaCha20.word(key, 24);
        pad3 = ChaCha20.word(key, 28);
    }

    /**
     * Absorbs {@code length} bytes; a trailing partial block is padded with zeros to 16 bytes, as the AEAD construction
     * pads associated data and ciphertext (RFC 8439, section 2.8), so only the last call for each may be partial.
     */
    void updatePadded(byte[] m, int offset, int length) {
        int full = length & ~(BLOCK_LENGTH - 1);
        blocks(m, offset, full);
        int rest = length - full;
        if (rest > 0) {
            byte[] last = new byte[BLOCK_LENGTH];
            System.arraycopy(m, offset + full, last, 0, rest);
            blocks(last, 0, BLOCK_LENGTH);
            Arrays.fill(last, (byte) 0);
        }
    }

    /** Absorbs whole 16-byte blocks ({@code length} a multiple of 16), each with the 2^128 bit set. */
    void blocks(byte[] m, int offset, int length) {
        long r0 = this.r0, r1 = this.r1, r2 = this.r2, r3 = this.r3, r4 = this.r4;
        long s1 = this.s1, s2 = this.s2, s3 = this.s3, s4 = this.s4;
        long h0 = this.h0, h1 = this.h1, h2 = this.h2, h3 = this.h3, h4 = this.h4;
        int end = offset + length;
        for (int i = offset; i < end; i += BLOCK_LENGTH) {
            int t0 = ChaCha20.word(m, i), t1 = ChaCha20.word(m, i + 4), t2 = ChaCha20.word(m, i + 8),
                    t3 = ChaCha20.word(m, i + 12);
            h0 += t0 & 0x3ffffff;
            h1 += ((t0 >>> 26) | (t1 << 6)) & 0x3ffffff;
            h2 += ((t1 >>> 20) | (t2 << 12)) & 0x3ffffff;
            h3 += ((t2 >>> 14) | (t3 << 18)) & 0x3ffffff;
            h4 += (t3 >>> 8) | (1 << 24);

            long d0 = h0 * r0 + h1 * s4 + h2 * s3 + h3 * s2 + h4 * s1;
            long d1 = h0 * r1 + h1 * r0 + h2 * s4 + h3 * s3 + h4 * s2;
            long d2 = h0 * r2 + h1 * r1 + h2 * r0 + h3 * s4 + h4 * s3;
            long d3 = h0 * r3 + h1 * r2 + h2 * r1 + h3 * r0 + h4 * s4;
            long d4 = h0 * r4 + h1 * r3 + h2 * r2 + h3 * r1 + h4 * r0;

            long c = d0 >>> 26;
            h0 = d0 & MASK26;
            d1 += c;
            c = d1 >>> 26;
            h1 = d1 & MASK26;
            d2 += c;
            c = d2 >>> 26;
            h2 = d2 & MASK26;
            d3 += c;
            c = d3 >>> 26;
            h3 = d3 & MASK26;
            d4 += c;
            c = d4 >>> 26;
            h4 = d4 & MASK26;
            h0 += c * 5;
            c = h0 >>> 26;
            h0 &= MASK26;
            h1 += c;
        }
        this.h0 = h0;
        this.h1 = h1;
        this.h2 = h2;
        this.h3 = h3;
        this.h4 = h4;
    }

    /** Writes the tag: h fully reduced mod 2^130 - 5, plus s, mod 2^128. Wipes the state. */
    void finish(byte[] out, int offset) {
        long h0 = this.h0, h1 = this.h1, h2 = this.h2, h3 = this.h3, h4 = this.h4;
        long c = h1 >>> 26;
        h1 &= MASK26;
        h2 += c;
        c = h2 >>> 26;
        h2 &= MASK26;
        h3 += c;
        c = h3 >>> 26;
        h3 &= MASK26;
        h4 += c;
        c = h4 >>> 26;
        h4 &= MASK26;
        h0 += c * 5;
        c = h0 >>> 26;
        h0 &= MASK26;
        h1 += c;

        // g = h + 5 - 2^130; if that did not go negative, h >= p and g is the reduced value.
        long g0 = h0 + 5;
        c = g0 >>> 26;
        g0 &= MASK26;
        long g1 = h1 + c;
        c = g1 >>> 26;
        g1 &= MASK26;
        long g2 = h2 + c;
        c = g2 >>> 26;
        g2 &= MASK26;
        long g3 = h3 + c;
        c = g3 >>> 26;
        g3 &= MASK26;
        long g4 = h4 + c - (1L << 26);
        long useG = (g4 >>> 63) - 1; // all ones when g4 >= 0
        h0 = (h0 & ~useG) | (g0 & useG);
        h1 = (h1 & ~useG) | (g1 & useG);
        h2 = (h2 & ~useG) | (g2 & useG);
        h3 = (h3 & ~useG) | (g3 & useG);
        h4 = (h4 & ~useG) | (g4 & useG);

        long w0 = (h0 | (h1 << 26)) & 0xffffffffL;
        long w1 = ((h1 >>> 6) | (h2 << 20)) & 0xffffffffL;
        long w2 = ((h2 >>> 12) | (h3 << 14)) & 0xffffffffL;
        long w3 = ((h3 >>> 18) | (h4 << 8)) & 0xffffffffL;

        long f = w0 + (pad0 & 0xffffffffL);
        ChaCha20.putWord(out, offset, (int) f);
        f = w1 + (pad1 & 0xffffffffL) + (f >>> 32);
        ChaCha20.putWord(out, offset + 4, (int) f);
        f = w2 + (pad2 & 0xffffffffL) + (f >>> 32);
        ChaCha20.putWord(out, offset + 8, (int) f);
        f = w3 + (pad3 & 0xffffffffL) + (f >>> 32);
        ChaCha20.putWord(out, offset + 12, (int) f);
        this.h0 = this.h1 = this.h2 = this.h3 = this.h4 = 0;
    }
}
