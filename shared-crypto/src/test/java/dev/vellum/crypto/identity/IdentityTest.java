package dev.vellum.crypto.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.agree.X25519PrivateKey;
import dev.vellum.crypto.agree.X25519PublicKey;
import dev.vellum.crypto.internal.KeyAccess;
import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.crypto.sign.Ed25519PrivateKey;
import dev.vellum.crypto.sign.Ed25519PublicKey;
import dev.vellum.error.InvalidPublicKeyException;
import dev.vellum.error.InvalidSignatureException;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

class IdentityTest {
    private final JvmSecureRandomSource random = new JvmSecureRandomSource();
    private final IdentityKeyPair alice = IdentityKeyPair.generate(random);
    private final IdentityKeyPair bob = IdentityKeyPair.generate(random);

    @Test
    void safetyNumber_isTheSameOnBothSides_andSixtyDigits() {
        SafetyNumber fromAlice = SafetyNumber.of(alice.publicIdentity(), bob.publicIdentity());
        SafetyNumber fromBob = SafetyNumber.of(bob.publicIdentity(), alice.publicIdentity());

        assertEquals(fromAlice, fromBob);
        assertTrue(fromAlice.digits().matches("[0-9]{60}"), fromAlice.digits());
        assertEquals(3, fromAlice.displayText().split("\n").length);
    }

    @Test
    void safetyNumber_changesWhenEitherKeyChanges() {
        SafetyNumber before = SafetyNumber.of(alice.publicIdentity(), bob.publicIdentity());
        PublicIdentity bobWithNewAgreementKey =
                new PublicIdentity(bob.publicIdentity().signingKey(), X25519PrivateKey.generate(random).publicKey());

        assertNotEquals(before, SafetyNumber.of(alice.publicIdentity(), bobWithNewAgreementKey));
    }

    @Test
    void fingerprintAndKeyId_areStableAndDistinct() {
        PublicIdentity identity = alice.publicIdentity();
        PublicIdentity sameKeys = new PublicIdentity(identity.signingKey(), identity.agreementKey());

        assertEquals(32, identity.fingerprint().length);
        assertEquals(Hex.toHexString(identity.fingerprint()), Hex.toHexString(sameKeys.fingerprint()));
        assertNotEquals(Hex.toHexString(identity.fingerprint()), Hex.toHexString(bob.publicIdentity().fingerprint()));
        assertEquals(16, identity.keyId().length);
        assertNotEquals(Hex.toHexString(identity.keyId()), Hex.toHexString(identity.fingerprint()).substring(0, 32));
        assertNotEquals(Hex.toHexString(identity.keyId()), Hex.toHexString(bob.publicIdentity().keyId()));
    }

    @Test
    void privateKeys_neverPrintTheirSecret() {
        String seed = Hex.toHexString(alice.signingKey().exportSeed(KeyAccess.get()));
        String scalar = Hex.toHexString(alice.agreementKey().exportBytes(KeyAccess.get()));

        for (Object key : new Object[] {alice, alice.signingKey(), alice.agreementKey()}) {
            assertTrue(key.toString().contains("redacted"), key.toString());
            assertFalse(key.toString().contains(seed));
            assertFalse(key.toString().contains(scalar));
        }
    }

    @Test
    void signatureOverOtherMessage_orByOtherKey_isRejected() throws Exception {
        byte[] signature = alice.signingKey().sign(new byte[] {1, 2, 3});

        alice.signingKey().publicKey().verify(new byte[] {1, 2, 3}, signature);
        assertThrows(InvalidSignatureException.class,
                () -> alice.signingKey().publicKey().verify(new byte[] {1, 2, 4}, signature));
        assertThrows(InvalidSignatureException.class,
                () -> bob.signingKey().publicKey().verify(new byte[] {1, 2, 3}, signature));
        assertThrows(InvalidSignatureException.class,
                () -> alice.signingKey().publicKey().verify(new byte[] {1, 2, 3}, new byte[63]));
    }

    @Test
    void x25519_smallOrderPeer_isRejected_andHonestPeersAgree() throws Exception {
        X25519PublicKey zero = X25519PublicKey.fromBytes(new byte[32]);
        assertThrows(InvalidPublicKeyException.class, () -> alice.agreementKey().agree(zero));

        assertEquals(Hex.toHexString(alice.agreementKey().agree(bob.publicIdentity().agreementKey())),
                Hex.toHexString(bob.agreementKey().agree(alice.publicIdentity().agreementKey())));
    }

    @Test
    void destroyedKeys_refuseToWork() {
        Ed25519PrivateKey key = Ed25519PrivateKey.generate(random);
        key.destroy();

        assertThrows(IllegalStateException.class, () -> key.sign(new byte[1]));
    }

    @Test
    void malformedPublicKeys_areRejected() {
        assertThrows(InvalidPublicKeyException.class, () -> Ed25519PublicKey.fromBytes(new byte[31]));
        assertThrows(InvalidPublicKeyException.class, () -> X25519PublicKey.fromBytes(new byte[33]));
    }
}
