package dev.vellum.crypto.aead;

import static dev.vellum.testing.TestVectors.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vellum.crypto.aead.internal.HChaCha20;
import dev.vellum.crypto.aead.internal.InsecureNonceXChaCha20Poly1305;
import dev.vellum.crypto.key.SymmetricKey;
import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.error.AuthenticationFailedException;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.testing.FixedRandomSource;
import dev.vellum.testing.TestVectors;
import dev.vellum.testing.Wycheproof;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.util.Arrays;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class XChaCha20Poly1305Test {
    private static final RandomSource RANDOM = new JvmSecureRandomSource();
    private static final byte[] AD = "note:1".getBytes(StandardCharsets.UTF_8);

    private final SymmetricKey key = SymmetricKey.generate(RANDOM);
    private final XChaCha20Poly1305 aead = new XChaCha20Poly1305(key, RANDOM);

    @Test
    void encryptThenDecrypt_returnsPlaintext() throws Exception {
        byte[] plaintext = "Meet at the lighthouse at six".getBytes(StandardCharsets.UTF_8);
        byte[] ciphertext = aead.encrypt(plaintext, AD);

        assertEquals(plaintext.length + XChaCha20Poly1305.OVERHEAD, ciphertext.length);
        assertArrayEquals(plaintext, aead.decrypt(ciphertext, AD));
    }

    @Test
    void encryptTwice_usesFreshNonces() {
        byte[] plaintext = new byte[32];
        byte[] first = aead.encrypt(plaintext, AD);
        byte[] second = aead.encrypt(plaintext, AD);

        assertFalse(Arrays.areEqual(Arrays.copyOf(first, 24), Arrays.copyOf(second, 24)));
    }

    @Test
    void encryptEmptyPlaintext_roundTrips() throws Exception {
        assertArrayEquals(new byte[0], aead.decrypt(aead.encrypt(new byte[0], new byte[0]), new byte[0]));
    }

    @Nested
    class Tampering {
        private final byte[] ciphertext = aead.encrypt(new byte[100], AD);

        @Test
        void decrypt_tamperedNonce_throws() {
            assertRejected(flip(ciphertext, 3), AD);
        }

        @Test
        void decrypt_tamperedCiphertext_throws() {
            assertRejected(flip(ciphertext, 24 + 50), AD);
        }

        @Test
        void decrypt_tamperedTag_throws() {
            assertRejected(flip(ciphertext, ciphertext.length - 1), AD);
        }

        @Test
        void decrypt_wrongAssociatedData_throws() {
            assertRejected(ciphertext, "note:2".getBytes(StandardCharsets.UTF_8));
        }

        @Test
        void decrypt_wrongKey_throws() {
            XChaCha20Poly1305 other = new XChaCha20Poly1305(SymmetricKey.generate(RANDOM), RANDOM);
            assertThrows(AuthenticationFailedException.class, () -> other.decrypt(ciphertext, AD));
        }

        @Test
        void decrypt_truncatedBelowOverhead_throwsInvalidMessage() {
            byte[] truncated = Arrays.copyOf(ciphertext, XChaCha20Poly1305.OVERHEAD - 1);
            assertThrows(InvalidMessageException.class, () -> aead.decrypt(truncated, AD));
        }

        @Test
        void decrypt_truncatedByOneByte_throws() {
            assertRejected(Arrays.copyOf(ciphertext, ciphertext.length - 1), AD);
        }

        private void assertRejected(byte[] candidate, byte[] ad) {
            assertThrows(AuthenticationFailedException.class, () -> aead.decrypt(candidate, ad));
        }
    }

    @Nested
    class DraftXChaChaVectors {
        private final JsonNode vectors = TestVectors.load("xchacha/draft-irtf-cfrg-xchacha-03.json");

        @Test
        void hChaCha20_matchesSection221() {
            for (JsonNode v : vectors.get("hchacha20")) {
                assertArrayEquals(hex(v, "subkey"), HChaCha20.deriveSubkey(hex(v, "key"), hex(v, "nonce"), 0),
                        v.get("tcId").asText());
            }
        }

        @Test
        void aead_matchesAppendixA31() throws Exception {
            for (JsonNode v : vectors.get("aead")) {
                SymmetricKey vectorKey = SymmetricKey.fromBytes(hex(v, "key"));
                XChaCha20Poly1305 cipher = new XChaCha20Poly1305(vectorKey, new FixedRandomSource(hex(v, "nonce")));
                byte[] expected = Arrays.concatenate(hex(v, "nonce"), hex(v, "ciphertext"), hex(v, "tag"));

                assertArrayEquals(expected, cipher.encrypt(hex(v, "plaintext"), hex(v, "aad")));
                assertArrayEquals(hex(v, "plaintext"), cipher.decrypt(expected, hex(v, "aad")));
            }
        }
    }

    @Test
    void wycheproof_acceptsEveryValidCaseAndRejectsEveryInvalidOne() {
        Wycheproof.assertAllCasesBehave("xchacha20_poly1305_test.json", (group, test) -> {
            byte[] nonce = hex(test, "iv");
            byte[] expected = Arrays.concatenate(hex(test, "ct"), hex(test, "tag"));
            try {
                InsecureNonceXChaCha20Poly1305 cipher =
                        new InsecureNonceXChaCha20Poly1305(SymmetricKey.fromBytes(hex(test, "key")));
                byte[] plaintext = cipher.decrypt(nonce, expected, 0, expected.length, hex(test, "aad"));
                boolean sealsTheSame = Arrays.areEqual(expected, cipher.encrypt(nonce, hex(test, "msg"),
                        hex(test, "aad")));
                return Arrays.areEqual(plaintext, hex(test, "msg")) && sealsTheSame
                        ? Wycheproof.Outcome.ACCEPTED_CORRECTLY : Wycheproof.Outcome.ACCEPTED_WRONG_OUTPUT;
            } catch (AuthenticationFailedException | InvalidMessageException | IllegalArgumentException e) {
                return Wycheproof.Outcome.REJECTED;
            }
        });
    }

    private static byte[] flip(byte[] input, int index) {
        byte[] copy = input.clone();
        copy[index] ^= 0x01;
        return copy;
    }
}
