package dev.vellum.crypto.sign;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vellum.crypto.internal.KeyAccess;
import dev.vellum.crypto.random.JvmSecureRandomSource;
import org.junit.jupiter.api.Test;

/** The public key is derived once per key object; these pin that a held key keeps signing as a fresh one would. */
class Ed25519PrivateKeyTest {
    private final JvmSecureRandomSource random = new JvmSecureRandomSource();

    @Test
    void heldKey_signsEveryMessageAsAFreshKeyFromTheSameSeed_andVerifiesUnderItsPublicKey() {
        Ed25519PrivateKey held = Ed25519PrivateKey.generate(random);
        byte[] seed = held.exportSeed(KeyAccess.get());
        for (byte[] message : new byte[][] {new byte[0], random.randomBytes(1), random.randomBytes(1023)}) {
            byte[] signature = held.sign(message);

            assertArrayEquals(Ed25519PrivateKey.fromSeed(seed).sign(message), signature);
            assertDoesNotThrow(() -> held.publicKey().verify(message, signature));
        }
    }

    @Test
    void destroyedKey_refusesToSignOrExport_andStaysRedacted() {
        Ed25519PrivateKey key = Ed25519PrivateKey.generate(random);
        key.sign(new byte[1]);
        key.destroy();

        assertThrows(IllegalStateException.class, () -> key.sign(new byte[1]));
        assertThrows(IllegalStateException.class, () -> key.exportSeed(KeyAccess.get()));
        assertEquals("Ed25519PrivateKey[redacted]", key.toString());
    }
}
