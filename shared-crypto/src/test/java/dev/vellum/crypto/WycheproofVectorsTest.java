package dev.vellum.crypto;

import static dev.vellum.testing.TestVectors.hex;
import static dev.vellum.testing.Wycheproof.Outcome.ACCEPTED_CORRECTLY;
import static dev.vellum.testing.Wycheproof.Outcome.ACCEPTED_WRONG_OUTPUT;
import static dev.vellum.testing.Wycheproof.Outcome.REJECTED;

import dev.vellum.crypto.aead.internal.InsecureNonceChaCha20Poly1305;
import dev.vellum.crypto.agree.X25519PrivateKey;
import dev.vellum.crypto.agree.X25519PublicKey;
import dev.vellum.crypto.hash.Hkdf;
import dev.vellum.crypto.hash.HmacSha256;
import dev.vellum.crypto.sign.Ed25519PublicKey;
import dev.vellum.error.AuthenticationFailedException;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidPublicKeyException;
import dev.vellum.error.InvalidSignatureException;
import dev.vellum.testing.Wycheproof;
import org.bouncycastle.util.Arrays;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

/** Every Wycheproof case for the primitives under Vellum's own API (XChaCha20-Poly1305 has its own test class). */
class WycheproofVectorsTest {
    @Test
    void x25519() {
        Wycheproof.assertAllCasesBehave("x25519_test.json", (group, test) -> {
            try {
                byte[] shared = X25519PrivateKey.fromBytes(hex(test, "private"))
                        .agree(X25519PublicKey.fromBytes(hex(test, "public")));
                return Arrays.areEqual(shared, hex(test, "shared")) ? ACCEPTED_CORRECTLY : ACCEPTED_WRONG_OUTPUT;
            } catch (InvalidPublicKeyException e) {
                return REJECTED;
            }
        });
    }

    @Test
    void ed25519Verify() {
        Wycheproof.assertAllCasesBehave("ed25519_test.json", (group, test) -> {
            try {
                Ed25519PublicKey key = Ed25519PublicKey.fromBytes(Hex.decode(group.get("publicKey").get("pk")
                        .asText()));
                key.verify(hex(test, "msg"), hex(test, "sig"));
                return ACCEPTED_CORRECTLY;
            } catch (InvalidSignatureException | InvalidPublicKeyException e) {
                return REJECTED;
            }
        });
    }

    @Test
    void chaCha20Poly1305() {
        Wycheproof.assertAllCasesBehave("chacha20_poly1305_test.json", (group, test) -> {
            byte[] sealed = Arrays.concatenate(hex(test, "ct"), hex(test, "tag"));
            try {
                InsecureNonceChaCha20Poly1305 cipher = new InsecureNonceChaCha20Poly1305(hex(test, "key"));
                byte[] opened = cipher.decrypt(hex(test, "iv"), sealed, 0, sealed.length, hex(test, "aad"));
                boolean sealsTheSame = Arrays.areEqual(sealed, cipher.encrypt(hex(test, "iv"), hex(test, "msg"),
                        hex(test, "aad")));
                return Arrays.areEqual(opened, hex(test, "msg")) && sealsTheSame
                        ? ACCEPTED_CORRECTLY : ACCEPTED_WRONG_OUTPUT;
            } catch (AuthenticationFailedException | InvalidMessageException | IllegalArgumentException e) {
                return REJECTED;
            }
        });
    }

    @Test
    void hkdfSha256() {
        Wycheproof.assertAllCasesBehave("hkdf_sha256_test.json", (group, test) -> {
            try {
                byte[] okm = Hkdf.derive(hex(test, "ikm"), hex(test, "salt"), hex(test, "info"),
                        test.get("size").asInt());
                return Arrays.areEqual(okm, hex(test, "okm")) ? ACCEPTED_CORRECTLY : ACCEPTED_WRONG_OUTPUT;
            } catch (IllegalArgumentException e) {
                return REJECTED;
            }
        });
    }

    @Test
    void hmacSha256() {
        Wycheproof.assertAllCasesBehave("hmac_sha256_test.json", (group, test) -> {
            // Some groups use truncated tags; compare the tag against the same-length prefix of the full MAC.
            byte[] expected = hex(test, "tag");
            byte[] mac = HmacSha256.mac(hex(test, "key"), hex(test, "msg"));
            boolean matches = expected.length <= mac.length
                    && Arrays.constantTimeAreEqual(expected, Arrays.copyOf(mac, expected.length));
            if (expected.length == mac.length) {
                // The full-length path is the one Vellum uses; it must agree with the prefix comparison.
                boolean verified = HmacSha256.verify(hex(test, "key"), hex(test, "msg"), expected);
                if (verified != matches) {
                    return ACCEPTED_WRONG_OUTPUT;
                }
            }
            return matches ? ACCEPTED_CORRECTLY : REJECTED;
        });
    }
}
