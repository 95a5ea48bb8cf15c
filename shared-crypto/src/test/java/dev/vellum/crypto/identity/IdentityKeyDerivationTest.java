package dev.vellum.crypto.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.vellum.crypto.agree.X25519PrivateKey;
import dev.vellum.crypto.hash.Hkdf;
import dev.vellum.crypto.hash.Label;
import dev.vellum.crypto.internal.KeyAccess;
import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.crypto.sign.Ed25519PrivateKey;
import dev.vellum.encoding.Bytes;
import java.util.Arrays;
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

    @Test
    void derive_isTheSameForTheSameKeysReopened_andDiffersForAnotherIdentityOrLabel() {
        IdentityKeyPair reopened = IdentityKeyPair.of(
                Ed25519PrivateKey.fromSeed(alice.signingKey().exportSeed(KeyAccess.get())),
                X25519PrivateKey.fromBytes(alice.agreementKey().exportBytes(KeyAccess.get())));
        byte[] key = IdentityKeyDerivation.derive(alice, Label.DEVICE_RECORD_WRAPPING_KEY, 32);

        assertArrayEquals(key, IdentityKeyDerivation.derive(reopened, Label.DEVICE_RECORD_WRAPPING_KEY, 32));
        assertFalse(Arrays.equals(key, IdentityKeyDerivation.derive(IdentityKeyPair.generate(random),
                Label.DEVICE_RECORD_WRAPPING_KEY, 32)));
        assertFalse(Arrays.equals(key, IdentityKeyDerivation.derive(alice, Label.SESSION_WRAPPING_KEY, 32)));
        assertEquals(32, key.length);
    }
}
