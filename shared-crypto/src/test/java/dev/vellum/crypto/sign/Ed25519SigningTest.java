package dev.vellum.crypto.sign;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.junit.jupiter.api.Test;

/**
 * Vellum's signing (its own nonce multiplication and scalar arithmetic) gives BouncyCastle's signatures byte for byte:
 * Ed25519 is deterministic, so any difference is a bug. RFC 8032's vectors are in the known-answer tests.
 */
class Ed25519SigningTest {
    @Test
    void signaturesAreBouncyCastlesForRandomKeysAndMessages() {
        Random random = new Random(8032);
        for (int i = 0; i < 1_000; i++) {
            byte[] seed = new byte[32];
            random.nextBytes(seed);
            byte[] message = new byte[i < 300 ? i : random.nextInt(5_000)];
            random.nextBytes(message);
            Ed25519PrivateKey key = Ed25519PrivateKey.fromSeed(seed);

            byte[] ours = key.sign(message);

            byte[] theirs = new byte[64];
            Ed25519.sign(seed, 0, message, 0, message.length, theirs, 0);
            assertArrayEquals(theirs, ours, "key " + i);
            assertTrue(Ed25519.verify(ours, 0, key.publicKey().toBytes(), 0, message, 0, message.length));
        }
    }
}
