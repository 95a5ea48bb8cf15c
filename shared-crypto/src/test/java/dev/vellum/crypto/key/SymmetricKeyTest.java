package dev.vellum.crypto.key;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.internal.KeyAccess;
import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.error.InvalidMessageException;
import org.junit.jupiter.api.Test;

class SymmetricKeyTest {
    private final SymmetricKey key = SymmetricKey.generate(new JvmSecureRandomSource());

    @Test
    void toString_revealsNoKeyMaterial() {
        assertEquals("SymmetricKey[redacted]", key.toString());
        assertFalse(key.toString().contains(key.toBase64Url()));
    }

    @Test
    void base64Url_roundTripsIn43Characters() throws Exception {
        String text = key.toBase64Url();

        assertEquals(43, text.length());
        assertArrayEquals(key.exportBytes(), SymmetricKey.fromBase64Url(text).exportBytes());
    }

    @Test
    void fromBase64Url_wrongLengthOrAlphabet_throws() {
        assertThrows(InvalidMessageException.class, () -> SymmetricKey.fromBase64Url("abc"));
        assertThrows(InvalidMessageException.class,
                () -> SymmetricKey.fromBase64Url("+".repeat(43)));
    }

    @Test
    void destroy_zeroesAndRefusesFurtherUse() {
        byte[] live = key.bytesForUse(KeyAccess.get());
        key.destroy();

        assertTrue(key.isDestroyed());
        assertArrayEquals(new byte[SymmetricKey.LENGTH], live);
        assertThrows(IllegalStateException.class, key::exportBytes);
    }

    @Test
    void fromBytes_wrongLength_throws() {
        assertThrows(IllegalArgumentException.class, () -> SymmetricKey.fromBytes(new byte[31]));
    }
}
