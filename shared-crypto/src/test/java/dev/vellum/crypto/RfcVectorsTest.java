package dev.vellum.crypto;

import static dev.vellum.testing.TestVectors.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vellum.crypto.aead.internal.InsecureNonceChaCha20Poly1305;
import dev.vellum.crypto.agree.X25519PrivateKey;
import dev.vellum.crypto.agree.X25519PublicKey;
import dev.vellum.crypto.hash.Blake2b;
import dev.vellum.crypto.hash.Hkdf;
import dev.vellum.crypto.kdf.Argon2id;
import dev.vellum.crypto.kdf.Argon2idParameters;
import dev.vellum.crypto.sign.Ed25519PrivateKey;
import dev.vellum.testing.TestVectors;
import org.bouncycastle.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The published RFC test vectors (transcribed into {@code testvectors/rfc/}, see its README) against Vellum's own
 * API. HPKE's vectors are in {@code HpkeRfc9180Test}, which needs package access for fixed ephemeral keys.
 */
class RfcVectorsTest {
    @Test
    void rfc7748_x25519_functionAndIterationsAndDiffieHellman() throws Exception {
        JsonNode file = TestVectors.load("rfc/rfc7748-x25519.json");
        for (JsonNode v : file.get("tests")) {
            byte[] out = X25519PrivateKey.fromBytes(hex(v, "scalar")).agree(X25519PublicKey.fromBytes(hex(v, "u")));
            assertArrayEquals(hex(v, "output"), out, v.get("tcId").asText());
        }
        for (JsonNode v : file.get("iterated")) {
            byte[] k = new byte[32];
            k[0] = 9;
            byte[] u = k.clone();
            for (int i = 0; i < v.get("iterations").asInt(); i++) {
                byte[] next = X25519PrivateKey.fromBytes(k).agree(X25519PublicKey.fromBytes(u));
                u = k;
                k = next;
            }
            assertArrayEquals(hex(v, "output"), k, v.get("tcId").asText());
        }
        JsonNode dh = file.get("dh").get(0);
        X25519PrivateKey alice = X25519PrivateKey.fromBytes(hex(dh, "alicePrivate"));
        X25519PrivateKey bob = X25519PrivateKey.fromBytes(hex(dh, "bobPrivate"));
        assertArrayEquals(hex(dh, "alicePublic"), alice.publicKey().toBytes());
        assertArrayEquals(hex(dh, "bobPublic"), bob.publicKey().toBytes());
        assertArrayEquals(hex(dh, "shared"), alice.agree(bob.publicKey()));
        assertArrayEquals(hex(dh, "shared"), bob.agree(alice.publicKey()));
    }

    @Test
    void rfc8032_ed25519_publicKeySignatureAndVerification() throws Exception {
        for (JsonNode v : TestVectors.load("rfc/rfc8032-ed25519.json").get("tests")) {
            Ed25519PrivateKey key = Ed25519PrivateKey.fromSeed(hex(v, "secretKey"));
            String id = v.get("tcId").asText();
            assertArrayEquals(hex(v, "publicKey"), key.publicKey().toBytes(), id);
            assertArrayEquals(hex(v, "signature"), key.sign(hex(v, "message")), id);
            key.publicKey().verify(hex(v, "message"), hex(v, "signature"));
        }
    }

    @Test
    void rfc8439_chacha20Poly1305_sealAndOpen() throws Exception {
        for (JsonNode v : TestVectors.load("rfc/rfc8439-chacha20poly1305.json").get("tests")) {
            InsecureNonceChaCha20Poly1305 cipher = new InsecureNonceChaCha20Poly1305(hex(v, "key"));
            byte[] sealed = Arrays.concatenate(hex(v, "ciphertext"), hex(v, "tag"));
            String id = v.get("tcId").asText();
            assertArrayEquals(sealed, cipher.encrypt(hex(v, "nonce"), hex(v, "plaintext"), hex(v, "aad")), id);
            assertArrayEquals(hex(v, "plaintext"),
                    cipher.decrypt(hex(v, "nonce"), sealed, 0, sealed.length, hex(v, "aad")), id);
        }
    }

    @Test
    void rfc5869_hkdfSha256_extractExpandAndDerive() {
        for (JsonNode v : TestVectors.load("rfc/rfc5869-hkdf-sha256.json").get("tests")) {
            String id = v.get("tcId").asText();
            int length = v.get("length").asInt();
            byte[] prk = Hkdf.extract(hex(v, "salt"), hex(v, "ikm"));
            assertArrayEquals(hex(v, "prk"), prk, id);
            assertArrayEquals(hex(v, "okm"), Hkdf.expand(prk, hex(v, "info"), length), id);
            assertArrayEquals(hex(v, "okm"), Hkdf.derive(hex(v, "ikm"), hex(v, "salt"), hex(v, "info"), length), id);
        }
    }

    @Test
    void rfc9106_argon2id() {
        JsonNode v = TestVectors.load("rfc/rfc9106-argon2id.json").get("tests").get(0);
        Argon2idParameters cost = new Argon2idParameters(v.get("memoryKiB").asInt(), v.get("passes").asInt(),
                v.get("parallelism").asInt());

        assertArrayEquals(hex(v, "tag"), Argon2id.hash(hex(v, "password"), hex(v, "salt"), hex(v, "secret"),
                hex(v, "associatedData"), cost, v.get("tagLength").asInt()));
    }

    @Test
    void rfc7693_blake2b512() {
        JsonNode v = TestVectors.load("rfc/rfc7693-blake2b.json").get("tests").get(0);

        assertArrayEquals(hex(v, "digest"), Blake2b.hash(hex(v, "message"), v.get("digestLength").asInt()));
        assertEquals(64, hex(v, "digest").length);
    }
}
