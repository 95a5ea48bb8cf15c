package dev.vellum.encoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vellum.error.InvalidMessageException;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Base64UrlTest {
    @Test
    void encode_matchesJdkUnpaddedUrlEncoder_forEveryLengthUpTo64() throws Exception {
        Random seeded = new Random(42);
        for (int length = 0; length <= 64; length++) {
            byte[] data = new byte[length];
            seeded.nextBytes(data);
            String expected = Base64.getUrlEncoder().withoutPadding().encodeToString(data);

            assertEquals(expected, Base64Url.encode(data), "length " + length);
            assertArrayEquals(data, Base64Url.decode(expected, length), "length " + length);
        }
    }

    @Test
    void decode_nonCanonicalTrailingBits_throws() {
        // "AB" would decode to one byte 0x00 with stray low bits set: a second spelling of "AA".
        assertThrows(InvalidMessageException.class, () -> Base64Url.decode("AB", 1));
    }

    @Test
    void decode_paddingOrStandardAlphabet_throws() {
        assertThrows(InvalidMessageException.class, () -> Base64Url.decode("AA==", 1));
        assertThrows(InvalidMessageException.class, () -> Base64Url.decode("+/8", 2));
        assertThrows(InvalidMessageException.class, () -> Base64Url.decode("Aé", 1));
    }
}
