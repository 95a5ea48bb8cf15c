package dev.vellum.crypto.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.vellum.crypto.agree.X25519PrivateKey;
import dev.vellum.crypto.hash.Hkdf;
import dev.vellum.crypto.hash.Label;
import dev.vellum.crypto.internal.KeyAccess;
import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.crypto.sign.Ed25519PrivateKey;
import dev.vellum.encoding.Bytes;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

class IdentityKeyDerivationTest {
    private final JvmSecureRandomSource random = new JvmSecureRandomSource();
    private final IdentityKeyPair alice = IdentityKeyPair.generate(random);

    @Test
    void derive_isHkdfOverTheSeedAndTheAgreementKey_underTheLabel() {
        byte[] ikm = Bytes.concat(alice.signingKey().exportSeed(KeyAccess.get()),
                alice.agreementKey().exportBytes(KeyAccess.get()));
        byte[] expected = Hkdf.derive(ikm, new byte[0], Label.DEVICE_RECORD_WRAPPING_KEY.bytes(), 32);

        assertArrayEquals(expected, IdentityKeyDerivation.derive(alice, Label.DEVICE_RECORD_WRAPPING_KEY, 32));
    }

    /**
     * Known answer: seed bytes 0x01..0x20, X25519 private key bytes 0x21..0x40. Expected value from Node's own HKDF,
     * {@code crypto.hkdfSync('sha256', ikm, Buffer.alloc(0), 'vellum/v1/device-record/wrapping-key', 32)}.
     */
    @Test
    void derive_knownAnswer_fromAnIndependentHkdf() {
        byte[] seed = new byte[32];
        byte[] scalar = new byte[32];
        for (int i = 0; i < 32; i++) {
            seed[i] = (byte) (i + 1);
            scalar[i] = (byte) (i + 33);
        }
        IdentityKeyPair fixed = IdentityKeyPair.of(Ed25519PrivateKey.fromSeed(seed),
                X25519PrivateKey.fromBytes(scalar));

        assertEquals("c77666d44085ce7190c6eeb502ec4e160d3c6b943891039556aeee58d7ed1684",
                Hex.toHexString(IdentityKeyDerivation.derive(fixed, Label.DEVICE_RECORD_WRAPPING_KEY, 32)));
    }

    @Test
    void derive_isTheSameForTheSameKeysReopened_andDiffersForAnotherIdentityOrLabel() {
        IdentityKeyPair reopened = IdentityKeyPair.of(
                Ed25519PrivateKey.fromSeed(alice.signingKey().exportSeed(KeyAccess.get())),
                X25519PrivateKey.fromBytes(alice.agreementKey().exportBytes(KeyAccess.get())));
        byte[] key = IdentityKeyDerivation.derive(alice, Label.DEVICE_RECORD_WRAPPING_KEY, 32);

        assertArrayEquals(key, IdentityKeyDerivation.derive(reopened, Label.DEVICE_RECORD_WRAPPING_KEY, 32));
        assertNotEquals(Hex.toHexString(key), Hex.toHexString(IdentityKeyDerivation.derive(
                IdentityKeyPair.generate(random), Label.DEVICE_RECORD_WRAPPING_KEY, 32)));
        assertNotEquals(Hex.toHexString(key),
                Hex.toHexString(IdentityKeyDerivation.derive(alice, Label.SESSION_WRAPPING_KEY, 32)));
        assertEquals(32, key.length);
    }
}
