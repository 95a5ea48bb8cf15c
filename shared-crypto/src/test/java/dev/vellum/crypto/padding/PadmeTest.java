package dev.vellum.crypto.padding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.error.InvalidMessageException;
import org.junit.jupiter.api.Test;

class PadmeTest {
    @Test
    void padmeLength_matchesDefinitionWorkedByHand() {
        // Worked by hand from the definition: 1000 has E = 9, S = 4, so its low 5 bits round up.
        assertEquals(10, Padme.padmeLength(9));
        assertEquals(1024, Padme.padmeLength(1000));
        assertEquals(1088, Padme.padmeLength(1025)); // E = 10, S = 4: 6 low bits
        assertEquals(0, Padme.padmeLength(0));
        assertEquals(1, Padme.padmeLength(1));
    }

    @Test
    void padmeLength_neverShrinks_andWastesAtMost12Percent() {
        for (int length = 2; length < 200_000; length += 7) {
            int padded = Padme.padmeLength(length);
            assertTrue(padded >= length);
            assertTrue(padded - length <= length * 0.12 + 1, "length " + length + " -> " + padded);
        }
    }

    @Test
    void padThenUnpad_roundTripsEveryLengthUpTo600() throws Exception {
        for (int length = 0; length < 600; length++) {
            byte[] data = new byte[length];
            java.util.Arrays.fill(data, (byte) 0x80); // the marker value itself inside the data
            byte[] padded = Padme.pad(data);
            assertEquals(Padme.padmeLength(length + 1), padded.length);
            assertArrayEquals(data, Padme.unpad(padded));
        }
    }

    @Test
    void unpad_withoutMarker_throws() {
        assertThrows(InvalidMessageException.class, () -> Padme.unpad(new byte[8]));
        assertThrows(InvalidMessageException.class, () -> Padme.unpad(new byte[] {1, 2, 3, 0x7f, 0}));
        assertThrows(InvalidMessageException.class, () -> Padme.unpad(new byte[0]));
    }
}
