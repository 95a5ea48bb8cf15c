package dev.vellum.crypto.sign.internal;

import java.util.Arrays;

/**
 * Arithmetic modulo the order L = 2^252 + 27742317777372353535851937790883648493 of Ed25519's base point, on 32-bit
 * words: Barrett reduction (HAC 14.42, base 2^32, k = 8) then two subtractions of L that are applied or not by mask.
 * Constant time: loops have fixed bounds and no branch or index depends on the values (signing reduces secret
 * nonces). Checked against BigInteger on random and edge inputs by {@code Ed25519ScalarsTest}.
 */
public final class Ed25519Scalars {
    private static final long WORD = 0xffffffffL;
    /** L, little-endian words. */
    private static final int[] L = {
            0x5cf5d3ed, 0x5812631a, 0xa2f79cd6, 0x14def9de, 0x00000000, 0x00000000, 0x00000000, 0x10000000};
    /** floor(2^512 / L), little-endian words. */
    private static final int[] MU = {
            0x0a2c131b, 0xed9ce5a3, 0x086329a7, 0x2106215d, 0xffffffeb, 0xffffffff, 0xffffffff, 0xffffffff,
            0x0000000f};

    private Ed25519Scalars() {
    }

    /** A 64-byte little-endian number (a SHA-512 output) reduced modulo L, as 32 little-endian bytes. */
    public static byte[] reduce(byte[] wide) {
        if (wide.length != 64) {
            throw new IllegalArgumentException("a wide scalar is 64 bytes");
        }
        int[] words = words(wide, 16);
        byte[] reduced = toBytes(barrett(words));
        Arrays.fill(words, 0);
        return reduced;
    }

    /**
     * {@code (a * b + c) mod L} for 32-byte little-endian {@code a}, {@code b} and {@code c}, where {@code a} and
     * {@code b} are below 2^255 (a reduced scalar, a clamped secret scalar), so the sum fits in 512 bits.
     */
    public static byte[] mulAdd(byte[] a, byte[] b, byte[] c) {
        if (a.length != 32 || b.length != 32 || c.length != 32 || (a[31] | b[31]) < 0) {
            throw new IllegalArgumentException("scalars are 32 bytes below 2^255");
        }
        int[] x = words(a, 8);
        int[] y = words(b, 8);
        int[] z = words(c, 8);
        int[] wide = new int[16];
        for (int i = 0; i < 8; i++) {
            long carry = 0;
            long xi = x[i] & WORD;
            for (int j = 0; j < 8; j++) {
                long t = xi * (y[j] & WORD) + (wide[i + j] & WORD) + carry;
                wide[i + j] = (int) t;
                carry = t >>> 32;
            }
            wide[i + 8] = (int) carry;
        }
        long carry = 0;
        for (int i = 0; i < 16; i++) {
            long t = (wide[i] & WORD) + (i < 8 ? z[i] & WORD : 0) + carry;
            wide[i] = (int) t;
            carry = t >>> 32;
        }
        byte[] result = toBytes(barrett(wide));
        Arrays.fill(x, 0);
        Arrays.fill(y, 0);
        Arrays.fill(z, 0);
        Arrays.fill(wide, 0);
        return result;
    }

    /** {@code x mod L} for a 16-word {@code x}; HAC 14.42 leaves a remainder below 3L, two masked subtractions finish. */
    private static int[] barrett(int[] x) {
        // q2 = floor(x / 2^224) * MU; only its words 9..17 (q3 = floor(q2 / 2^288)) are used.
        int[] q2 = new int[18];
        for (int i = 0; i < 9; i++) {
            long carry = 0;
            long xi = x[7 + i] & WORD;
            for (int j = 0; j < 9; j++) {
                long t = xi * (MU[j] & WORD) + (q2[i + j] & WORD) + carry;
                q2[i + j] = (int) t;
                carry = t >>> 32;
            }
            q2[i + 9] = (int) carry;
        }
        // r2 = q3 * L mod 2^288.
        int[] r2 = new int[9];
        for (int i = 0; i < 9; i++) {
            long carry = 0;
            long qi = q2[9 + i] & WORD;
            for (int j = 0; j < 8 && i + j < 9; j++) {
                long t = qi * (L[j] & WORD) + (r2[i + j] & WORD) + carry;
                r2[i + j] = (int) t;
                carry = t >>> 32;
            }
            if (i == 0) {
                r2[8] = (int) carry;
            }
        }
        // r = (x mod 2^288) - r2 mod 2^288, which is below 3L.
        int[] r = new int[9];
        long borrow = 0;
        for (int i = 0; i < 9; i++) {
            long t = (x[i] & WORD) - (r2[i] & WORD) - borrow;
            r[i] = (int) t;
            borrow = t >>> 63;
        }
        subtractLUnlessBelow(r);
        subtractLUnlessBelow(r);
        Arrays.fill(q2, 0);
        Arrays.fill(r2, 0);
        return r;
    }

    private static void subtractLUnlessBelow(int[] r) {
        int[] difference = new int[9];
        long borrow = 0;
        for (int i = 0; i < 9; i++) {
            long t = (r[i] & WORD) - (i < 8 ? L[i] & WORD : 0) - borrow;
            difference[i] = (int) t;
            borrow = t >>> 63;
        }
        int keep = (int) -borrow;
        for (int i = 0; i < 9; i++) {
            r[i] = (r[i] & keep) | (difference[i] & ~keep);
        }
        Arrays.fill(difference, 0);
    }

    private static int[] words(byte[] bytes, int count) {
        int[] words = new int[count];
        for (int i = 0; i < count; i++) {
            int p = 4 * i;
            words[i] = (bytes[p] & 0xff) | (bytes[p + 1] & 0xff) << 8 | (bytes[p + 2] & 0xff) << 16
                    | (bytes[p + 3] & 0xff) << 24;
        }
        return words;
    }

    /** The low eight words as 32 bytes; the ninth is zero once reduced. */
    private static byte[] toBytes(int[] words) {
        byte[] bytes = new byte[32];
        for (int i = 0; i < 8; i++) {
            int w = words[i];
            bytes[4 * i] = (byte) w;
            bytes[4 * i + 1] = (byte) (w >>> 8);
            bytes[4 * i + 2] = (byte) (w >>> 16);
            bytes[4 * i + 3] = (byte) (w >>> 24);
        }
        Arrays.fill(words, 0);
        return bytes;
    }
}
