package dev.vellum.protocol.account;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.error.InvalidRecoveryKeyException;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

class RecoveryKeyTest {
    private final RecoveryKey key = RecoveryKey.generate(new JvmSecureRandomSource());

    @Test
    void display_isEightGroupsOfFourCrockfordCharacters() {
        assertTrue(key.display().matches("([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}"), key.display());
    }

    @Test
    void parse_readsBackTheDisplayedKey_asTypedCarelessly() throws Exception {
        String shown = key.display();
        String typed = " " + shown.toLowerCase().replace("-", " ").replace('1', 'l').replace('0', 'O') + "\n";

        assertArrayEquals(key.authKey().toBytes(), RecoveryKey.parse(shown).authKey().toBytes());
        assertArrayEquals(key.authKey().toBytes(), RecoveryKey.parse(typed).authKey().toBytes());
    }

    @Test
    void parse_knowsTheAllZeroAndAllOneKeys() throws Exception {
        assertEquals("0000-0000-0000-0000-0000-0000-0000-0000",
                RecoveryKey.parse("00000000000000000000000000000000").display());
        assertEquals("ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ",
                RecoveryKey.parse("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz").display());
    }

    @Test
    void parse_refusesWrongLengthsAndForeignCharacters() {
        String shown = key.display();
        assertThrows(InvalidRecoveryKeyException.class, () -> RecoveryKey.parse(shown.substring(1)));
        assertThrows(InvalidRecoveryKeyException.class, () -> RecoveryKey.parse(shown + "A"));
        assertThrows(InvalidRecoveryKeyException.class, () -> RecoveryKey.parse("U" + shown.substring(1)));
        assertThrows(InvalidRecoveryKeyException.class, () -> RecoveryKey.parse(""));
    }

    @Test
    void itsAuthKey_isNotItsWrappingKey() {
        byte[] wrapping = key.wrappingKey().key().exportBytes();
        assertNotEquals(Hex.toHexString(wrapping), Hex.toHexString(key.authKey().toBytes()));
    }
}
