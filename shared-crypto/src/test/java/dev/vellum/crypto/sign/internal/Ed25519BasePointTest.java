package dev.vellum.crypto.sign.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.Random;
import org.bouncycastle.math.ec.rfc7748.X25519Field;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.junit.jupiter.api.Test;

/** The base-point multiplication against BouncyCastle's, and at the scalars whose results are known. */
class Ed25519BasePointTest {
    private static final BigInteger L = BigInteger.ONE.shiftLeft(252)
            .add(new BigInteger("27742317777372353535851937790883648493"));
    private static final String BASE = "5866666666666666666666666666666666666666666666666666666666666666";

    @Test
    void multipliesClampedScalarsAsBouncyCastleDerivesPublicKeys() {
        Random random = new Random(25519);
        for (int i = 0; i < 500; i++) {
            byte[] k = new byte[32];
            random.nextBytes(k);
            byte[][] expectedAndScalar = clampedBothWays(k);

            assertArrayEquals(expectedAndScalar[0], Ed25519BasePoint.multiplyEncoded(expectedAndScalar[1]));
        }
    }

    @Test
    void knownMultiplesOfTheBasePoint() {
        assertArrayEquals(hex("01" + "00".repeat(31)), Ed25519BasePoint.multiplyEncoded(new byte[32]), "0 B");
        assertArrayEquals(hex(BASE), Ed25519BasePoint.multiplyEncoded(scalar(BigInteger.ONE)), "1 B");
        byte[] minusBase = hex(BASE);
        minusBase[31] |= (byte) 0x80;
        assertArrayEquals(minusBase, Ed25519BasePoint.multiplyEncoded(scalar(L.subtract(BigInteger.ONE))), "-B");
        assertArrayEquals(hex("01" + "00".repeat(31)), Ed25519BasePoint.multiplyEncoded(scalar(L)), "L B");
        // Runs of one digit value after the signed recoding (0, 8 and -8, 7 and -1 among them).
        for (String pattern : new String[] {"88", "77", "ff", "0f", "f0", "80", "08", "00", "99"}) {
            byte[][] expectedAndScalar = clampedBothWays(hex(pattern.repeat(32)));
            assertArrayEquals(expectedAndScalar[0], Ed25519BasePoint.multiplyEncoded(expectedAndScalar[1]), pattern);
        }
    }

    @Test
    void theCurveCheckBeforeEncodingAcceptsTheBasePointAndRefusesAPointOffTheCurve() {
        int[] x = X25519Field.create();
        int[] y = X25519Field.create();
        X25519Field.copy(Ed25519BasePoint.Constants.BASE_X, 0, x, 0);
        X25519Field.copy(Ed25519BasePoint.Constants.BASE_Y, 0, y, 0);
        assertTrue(Ed25519BasePoint.onCurve(x, y));

        X25519Field.addOne(y);
        assertFalse(Ed25519BasePoint.onCurve(x, y));
    }

    @Test
    void scalarsOfTwoHundredFiftyFiveBitsOrMoreAreRefused() {
        byte[] top = new byte[32];
        top[31] = (byte) 0x80;
        assertThrows(IllegalArgumentException.class, () -> Ed25519BasePoint.multiplyEncoded(top));
        assertThrows(IllegalArgumentException.class, () -> Ed25519BasePoint.multiplyEncoded(new byte[31]));
    }

    /** BouncyCastle's [k]B for {@code k} clamped as RFC 8032 clamps (its public-key derivation), and k clamped. */
    private static byte[][] clampedBothWays(byte[] k) {
        byte[] expanded = java.util.Arrays.copyOf(k, 64);
        byte[] expected = new byte[32];
        Ed25519.ExpandedKey.generatePublicKey(expanded, 0, expected, 0);
        byte[] clamped = k.clone();
        clamped[0] &= (byte) 0xf8;
        clamped[31] &= 0x7f;
        clamped[31] |= 0x40;
        return new byte[][] {expected, clamped};
    }

    private static byte[] scalar(BigInteger value) {
        return Ed25519ScalarsTest.littleEndian(value, 32);
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }
}
