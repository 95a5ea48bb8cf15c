package org.teavm.classlib.org.bouncycastle.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.bouncycastle.util.Strings;
import org.junit.jupiter.api.Test;

/** The browser's stand-in answers as BouncyCastle's own {@code Strings} does, which the JVM keeps using. */
class TStringsTest {
    private static final String[] SAMPLES = {"", "abc", "ABC", "MiXeD-Case_09", "Ärger ß İ ı", "z{|}~@[\\]^`"};

    @Test
    void caseChanges_matchBouncyCastle() {
        for (String sample : SAMPLES) {
            assertEquals(Strings.toLowerCase(sample), TStrings.toLowerCase(sample), sample);
            assertEquals(Strings.toUpperCase(sample), TStrings.toUpperCase(sample), sample);
        }
    }

    @Test
    void aStringWithNothingToChange_isReturnedAsItIs() {
        String lower = "already lower 1";
        assertSame(lower, TStrings.toLowerCase(lower));
    }

    @Test
    void fromByteArray_matchesBouncyCastleForEveryByte() {
        byte[] every = new byte[256];
        for (int i = 0; i < every.length; i++) {
            every[i] = (byte) i;
        }
        assertEquals(Strings.fromByteArray(every), TStrings.fromByteArray(every));
    }

    @Test
    void toByteArray_matchesBouncyCastle() {
        for (String sample : SAMPLES) {
            assertArrayEquals(Strings.toByteArray(sample), TStrings.toByteArray(sample), sample);
        }
    }
}
