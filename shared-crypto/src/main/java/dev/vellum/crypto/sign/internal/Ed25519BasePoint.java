package dev.vellum.crypto.sign.internal;

import java.util.Arrays;
import org.bouncycastle.math.ec.rfc7748.X25519Field;

/**
 * Multiplication of Ed25519's base point by a secret scalar, the costly half of a signature, on BouncyCastle's field
 * arithmetic ({@link X25519Field}, public and constant-time) but with Vellum's own table and lookup.
 *
 * <p>Why not BouncyCastle's own: a CPU profile of signing in Chromium put 42% of the time in its base-point
 * multiplication outside the field multiplications, most of it the constant-time table lookups, which move every
 * limb of every candidate point through an array ({@code cmov}: two reads and a write per limb and candidate). In
 * TeaVM's WebAssembly GC output each of those is a bounds-checked access. Here a lookup ORs the masked candidates
 * into local variables and writes each limb once, a third of the array traffic.
 *
 * <p>The method is ref10's: the scalar in 64 signed radix-16 digits in [-8, 8], a table of {@code j * 256^i * B} for
 * i < 32 and j = 1..8, 32 mixed additions for the odd digits, four doublings, 32 for the even digits. Table points
 * are kept as ((y+x)/2, (y-x)/2, x*y*d) as BouncyCastle keeps its own, so a mixed addition needs no doubled
 * coordinate (projective coordinates absorb the halves). Every digit, zero included, costs the same lookup and
 * addition; a negative digit swaps two coordinates and negates the third by mask. {@code X25519Field} promises no
 * limb bounds: the additions and doublings feed it exactly as BouncyCastle 1.87's own {@code pointAdd} and
 * {@code pointDouble} do, which must be checked again on a BouncyCastle upgrade. Checked against BouncyCastle's
 * signatures on random keys and messages on the JVM ({@code Ed25519SigningTest}) and in Chromium (against the JVM),
 * and by RFC 8032's vectors in both.
 */
public final class Ed25519BasePoint {
    private static final int LIMBS = X25519Field.SIZE;
    private static final int POSITIONS = 32;
    private static final int MULTIPLES = 8;
    /** (y+x)/2, (y-x)/2 and x*y*d of one table point. */
    private static final int ENTRY = 3 * LIMBS;

    private Ed25519BasePoint() {
    }

    /**
     * {@code [scalar]B}, encoded as RFC 8032 encodes points. The scalar is 32 little-endian bytes below 2^255 (a
     * reduced nonce, a clamped secret scalar), so its top radix-16 digit, after the carries, is at most 8.
     */
    public static byte[] multiplyEncoded(byte[] scalar) {
        if (scalar.length != 32 || scalar[31] < 0) {
            throw new IllegalArgumentException("a scalar is 32 bytes below 2^255");
        }
        int[] digits = signedDigits(scalar);
        int[] table = Table.POINTS;
        Accumulator sum = new Accumulator();
        Precomputed point = new Precomputed();
        for (int i = 1; i < 64; i += 2) {
            lookup(table, i >> 1, digits[i], point);
            sum.add(point);
        }
        sum.twice();
        sum.twice();
        sum.twice();
        sum.twice();
        for (int i = 0; i < 64; i += 2) {
            lookup(table, i >> 1, digits[i], point);
            sum.add(point);
        }
        Arrays.fill(digits, 0);
        try {
            return sum.encode();
        } finally {
            sum.wipe();
            point.wipe();
        }
    }

    /** Whether affine (x, y) satisfies -x^2 + y^2 = 1 + d x^2 y^2; constant time. */
    static boolean onCurve(int[] x, int[] y) {
        int[] xx = X25519Field.create();
        int[] yy = X25519Field.create();
        int[] right = X25519Field.create();
        int[] left = X25519Field.create();
        X25519Field.sqr(x, xx);
        X25519Field.sqr(y, yy);
        X25519Field.mul(xx, yy, right);
        X25519Field.mul(right, Constants.D, right);
        X25519Field.addOne(right);
        X25519Field.sub(yy, xx, left);
        X25519Field.normalize(right);
        X25519Field.normalize(left);
        return X25519Field.areEqual(left, right) != 0;
    }

    /** The scalar as sum(digits[i] * 16^i) with every digit in [-8, 8), the top one in [0, 8]. */
    private static int[] signedDigits(byte[] scalar) {
        int[] digits = new int[64];
        for (int i = 0; i < 32; i++) {
            digits[2 * i] = scalar[i] & 15;
            digits[2 * i + 1] = (scalar[i] >>> 4) & 15;
        }
        int carry = 0;
        for (int i = 0; i < 63; i++) {
            digits[i] += carry;
            carry = (digits[i] + 8) >> 4;
            digits[i] -= carry << 4;
        }
        digits[63] += carry;
        return digits;
    }

    /**
     * {@code digit * 256^position * B} into {@code out}, reading all eight candidates whatever the digit: each limb is
     * the OR of the candidates' limbs masked by "is this the one", plus the neutral point's when the digit is 0.
     */
    private static void lookup(int[] table, int position, int digit, Precomputed out) {
        int negative = digit >>> 31;
        int magnitude = (digit ^ -negative) + negative;
        int m1 = ((magnitude ^ 1) - 1) >> 31;
        int m2 = ((magnitude ^ 2) - 1) >> 31;
        int m3 = ((magnitude ^ 3) - 1) >> 31;
        int m4 = ((magnitude ^ 4) - 1) >> 31;
        int m5 = ((magnitude ^ 5) - 1) >> 31;
        int m6 = ((magnitude ^ 6) - 1) >> 31;
        int m7 = ((magnitude ^ 7) - 1) >> 31;
        int m8 = ((magnitude ^ 8) - 1) >> 31;
        int neutral = (magnitude - 1) >> 31;
        int swap = -negative;
        int base = position * MULTIPLES * ENTRY;
        for (int limb = 0; limb < LIMBS; limb++) {
            int i = base + limb;
            int half = Constants.HALF[limb] & neutral;
            int ypx = (table[i] & m1) | (table[i + ENTRY] & m2) | (table[i + 2 * ENTRY] & m3)
                    | (table[i + 3 * ENTRY] & m4) | (table[i + 4 * ENTRY] & m5) | (table[i + 5 * ENTRY] & m6)
                    | (table[i + 6 * ENTRY] & m7) | (table[i + 7 * ENTRY] & m8) | half;
            i += LIMBS;
            int ymx = (table[i] & m1) | (table[i + ENTRY] & m2) | (table[i + 2 * ENTRY] & m3)
                    | (table[i + 3 * ENTRY] & m4) | (table[i + 4 * ENTRY] & m5) | (table[i + 5 * ENTRY] & m6)
                    | (table[i + 6 * ENTRY] & m7) | (table[i + 7 * ENTRY] & m8) | half;
            i += LIMBS;
            int xyd = (table[i] & m1) | (table[i + ENTRY] & m2) | (table[i + 2 * ENTRY] & m3)
                    | (table[i + 3 * ENTRY] & m4) | (table[i + 4 * ENTRY] & m5) | (table[i + 5 * ENTRY] & m6)
                    | (table[i + 6 * ENTRY] & m7) | (table[i + 7 * ENTRY] & m8);
            int exchanged = (ypx ^ ymx) & swap;
            out.ypx[limb] = ypx ^ exchanged;
            out.ymx[limb] = ymx ^ exchanged;
            out.xyd[limb] = xyd;
        }
        X25519Field.cnegate(negative, out.xyd);
    }

    /** A table point: ((y+x)/2, (y-x)/2, x*y*d) of an affine point. */
    private static final class Precomputed {
        final int[] ypx = X25519Field.create();
        final int[] ymx = X25519Field.create();
        final int[] xyd = X25519Field.create();

        void set(int[] x, int[] y) {
            X25519Field.apm(y, x, ypx, ymx);
            X25519Field.mul(ypx, Constants.HALF, ypx);
            X25519Field.mul(ymx, Constants.HALF, ymx);
            X25519Field.mul(x, y, xyd);
            X25519Field.mul(xyd, Constants.D, xyd);
            X25519Field.normalize(ypx);
            X25519Field.normalize(ymx);
            X25519Field.normalize(xyd);
        }

        void wipe() {
            X25519Field.zero(ypx);
            X25519Field.zero(ymx);
            X25519Field.zero(xyd);
        }
    }

    /** A point in extended coordinates (X : Y : Z : T), x = X/Z, y = Y/Z, x*y = T/Z, with scratch space. */
    private static final class Accumulator {
        final int[] x = X25519Field.create();
        final int[] y = X25519Field.create();
        final int[] z = X25519Field.create();
        final int[] t = X25519Field.create();
        private final int[] a = X25519Field.create();
        private final int[] b = X25519Field.create();
        private final int[] c = X25519Field.create();
        private final int[] e = X25519Field.create();
        private final int[] f = X25519Field.create();
        private final int[] g = X25519Field.create();
        private final int[] h = X25519Field.create();

        /** Starts at the neutral point (0 : 1 : 1 : 0). */
        Accumulator() {
            X25519Field.one(y);
            X25519Field.one(z);
        }

        void setAffine(int[] affineX, int[] affineY) {
            X25519Field.copy(affineX, 0, x, 0);
            X25519Field.copy(affineY, 0, y, 0);
            X25519Field.one(z);
            X25519Field.mul(affineX, affineY, t);
        }

        /** Mixed addition (HWCD 2008, a = -1) with a table point, its halves absorbed by the projective scale. */
        void add(Precomputed p) {
            X25519Field.apm(y, x, b, a);
            X25519Field.mul(a, p.ymx, a);
            X25519Field.mul(b, p.ypx, b);
            X25519Field.mul(t, p.xyd, c);
            X25519Field.apm(b, a, h, e);
            X25519Field.apm(z, c, g, f);
            X25519Field.mul(e, f, x);
            X25519Field.mul(g, h, y);
            X25519Field.mul(f, g, z);
            X25519Field.mul(e, h, t);
        }

        /** Doubling (HWCD 2008, a = -1), in BouncyCastle's order of operations and signs. */
        void twice() {
            X25519Field.add(x, y, e);
            X25519Field.sqr(x, a);
            X25519Field.sqr(y, b);
            X25519Field.sqr(z, c);
            X25519Field.add(c, c, c);
            X25519Field.apm(a, b, h, g);
            X25519Field.sqr(e, e);
            X25519Field.sub(h, e, e);
            X25519Field.add(c, g, f);
            X25519Field.carry(f);
            X25519Field.mul(f, g, z);
            X25519Field.mul(f, e, x);
            X25519Field.mul(g, h, y);
            X25519Field.mul(e, h, t);
        }

        /** The affine coordinates into {@code affineX} and {@code affineY}, normalized. */
        void toAffine(int[] affineX, int[] affineY) {
            X25519Field.inv(z, c);
            X25519Field.mul(x, c, affineX);
            X25519Field.mul(y, c, affineY);
            X25519Field.normalize(affineX);
            X25519Field.normalize(affineY);
        }

        /**
         * RFC 8032's encoding: y in 255 bits, the parity of x in the top bit. The point is first checked to be on the
         * curve, as BouncyCastle's signing checks its own: a computation fault (hardware, or a miscompiled build)
         * that gave a wrong R would make a signature that, beside a correct one over the same message, reveals the
         * secret scalar. Throws {@link IllegalStateException} then.
         */
        byte[] encode() {
            int[] affineX = X25519Field.create();
            int[] affineY = X25519Field.create();
            toAffine(affineX, affineY);
            if (!Ed25519BasePoint.onCurve(affineX, affineY)) {
                throw new IllegalStateException("the nonce's multiple left the curve: computation fault");
            }
            byte[] encoded = new byte[32];
            X25519Field.encode(affineY, encoded, 0);
            encoded[31] |= (byte) ((affineX[0] & 1) << 7);
            return encoded;
        }

        void wipe() {
            for (int[] limbs : new int[][] {x, y, z, t, a, b, c, e, f, g, h}) {
                X25519Field.zero(limbs);
            }
        }
    }

    /** Field constants, from their little-endian encodings. */
    static final class Constants {
        /** 1/2 mod p. */
        static final int[] HALF = decode("f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff3f");
        /** The curve constant d = -121665/121666. */
        static final int[] D = decode("a3785913ca4deb75abd841414d0a700098e879777940c78c73fe6f2bee6c0352");
        static final int[] BASE_X = decode("1ad5258f602d56c9b2a7259560c72c695cdcd6fd31e2a4c0fe536ecdd3366921");
        static final int[] BASE_Y = decode("5866666666666666666666666666666666666666666666666666666666666666");

        private static int[] decode(String hex) {
            byte[] bytes = new byte[32];
            for (int i = 0; i < 32; i++) {
                bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
            }
            int[] limbs = X25519Field.create();
            X25519Field.decode255(bytes, 0, limbs, 0);
            return limbs;
        }
    }

    /**
     * {@code (j+1) * 256^i * B} at {@code [i][j]}, built on first use (about 300 field inversions, once per page);
     * a holder class, so the JVM builds it once for all threads. Public values only.
     */
    private static final class Table {
        static final int[] POINTS = build();

        private static int[] build() {
            int[] points = new int[POSITIONS * MULTIPLES * ENTRY];
            int[] px = X25519Field.create();
            int[] py = X25519Field.create();
            X25519Field.copy(Constants.BASE_X, 0, px, 0);
            X25519Field.copy(Constants.BASE_Y, 0, py, 0);
            int[] ax = X25519Field.create();
            int[] ay = X25519Field.create();
            Precomputed base = new Precomputed();
            Precomputed multiple = new Precomputed();
            Accumulator sum = new Accumulator();
            for (int position = 0; position < POSITIONS; position++) {
                base.set(px, py);
                store(points, position, 0, base);
                sum.setAffine(px, py);
                for (int j = 1; j < MULTIPLES; j++) {
                    sum.add(base);
                    sum.toAffine(ax, ay);
                    multiple.set(ax, ay);
                    store(points, position, j, multiple);
                }
                sum.setAffine(px, py);
                for (int doubling = 0; doubling < 8; doubling++) {
                    sum.twice();
                }
                sum.toAffine(px, py);
            }
            return points;
        }

        private static void store(int[] points, int position, int index, Precomputed p) {
            int offset = (position * MULTIPLES + index) * ENTRY;
            X25519Field.copy(p.ypx, 0, points, offset);
            X25519Field.copy(p.ymx, 0, points, offset + LIMBS);
            X25519Field.copy(p.xyd, 0, points, offset + 2 * LIMBS);
        }
    }
}
