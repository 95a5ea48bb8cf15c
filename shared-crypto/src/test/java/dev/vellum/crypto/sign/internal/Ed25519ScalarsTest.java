package dev.vellum.crypto.sign.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Reduction and multiply-add modulo L against BigInteger, on random inputs and on the edges of each range. */
class Ed25519ScalarsTest {
    private static final BigInteger L = BigInteger.ONE.shiftLeft(252)
            .add(new BigInteger("27742317777372353535851937790883648493"));

    @Test
    void reducesWideNumbersAsBigIntegerDoes() {
        Random random = new Random(252);
        List<BigInteger> inputs = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            inputs.add(new BigInteger(512, random));
        }
        BigInteger max = BigInteger.ONE.shiftLeft(512).subtract(BigInteger.ONE);
        for (int k : new int[] {0, 1, 2, 3, 1000}) {
            BigInteger multiple = L.multiply(BigInteger.valueOf(k));
            inputs.add(multiple);
            inputs.add(multiple.add(BigInteger.ONE));
            if (k > 0) {
                inputs.add(multiple.subtract(BigInteger.ONE));
            }
        }
        inputs.add(max);
        inputs.add(max.divide(L).multiply(L));
        inputs.add(max.divide(L).multiply(L).subtract(BigInteger.ONE));
        inputs.add(BigInteger.ONE.shiftLeft(252));
        inputs.add(BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE));
        inputs.add(BigInteger.ONE.shiftLeft(288).subtract(BigInteger.ONE));
        for (int i = 0; i < 2_000; i++) {
            // Just below and above multiples of L across the whole range.
            BigInteger multiple = new BigInteger(259, random).multiply(L);
            inputs.add(multiple.subtract(BigInteger.valueOf(random.nextInt(3))).max(BigInteger.ZERO));
            inputs.add(multiple.add(BigInteger.valueOf(random.nextInt(3))).min(max));
        }
        for (BigInteger x : inputs) {
            assertArrayEquals(littleEndian(x.mod(L), 32), Ed25519Scalars.reduce(littleEndian(x, 64)), x.toString(16));
        }
    }

    @Test
    void multipliesAndAddsAsBigIntegerDoes() {
        Random random = new Random(255);
        BigInteger belowTop = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.ONE);
        for (int i = 0; i < 20_000; i++) {
            BigInteger a = i % 3 == 0 ? new BigInteger(253, random).mod(L) : new BigInteger(255, random);
            BigInteger b = i % 5 == 0 ? belowTop : new BigInteger(255, random);
            BigInteger c = i % 7 == 0 ? L.subtract(BigInteger.ONE) : new BigInteger(253, random).mod(L);
            assertArrayEquals(littleEndian(a.multiply(b).add(c).mod(L), 32),
                    Ed25519Scalars.mulAdd(littleEndian(a, 32), littleEndian(b, 32), littleEndian(c, 32)));
        }
        assertArrayEquals(littleEndian(belowTop.multiply(belowTop).add(belowTop).mod(L), 32),
                Ed25519Scalars.mulAdd(littleEndian(belowTop, 32), littleEndian(belowTop, 32),
                        littleEndian(belowTop, 32)));
    }

    @Test
    void inputsOutsideTheirRangesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Ed25519Scalars.reduce(new byte[63]));
        byte[] top = new byte[32];
        top[31] = (byte) 0x80;
        assertThrows(IllegalArgumentException.class, () -> Ed25519Scalars.mulAdd(top, new byte[32], new byte[32]));
        assertThrows(IllegalArgumentException.class, () -> Ed25519Scalars.mulAdd(new byte[32], top, new byte[32]));
        assertThrows(IllegalArgumentException.class, () -> Ed25519Scalars.mulAdd(new byte[32], new byte[31],
                new byte[32]));
    }

    static byte[] littleEndian(BigInteger value, int length) {
        byte[] bigEndian = value.toByteArray();
        byte[] out = new byte[length];
        for (int i = 0; i < bigEndian.length && i < length; i++) {
            out[i] = bigEndian[bigEndian.length - 1 - i];
        }
        return out;
    }
}
