package dev.vellum.protocol.account;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidSignatureException;
import dev.vellum.error.VellumCryptoException;
import dev.vellum.protocol.id.AccountId;
import dev.vellum.testing.TestAccount;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DeviceCertificateTest {
    private final TestAccount alice = new TestAccount("alice", "correct horse battery staple");

    @Test
    void parse_readsBackWhatWasIssued_andItVerifies() throws Exception {
        DeviceCertificate parsed = DeviceCertificate.parse(alice.certificate.encode());

        parsed.verify();
        assertEquals(alice.accountId, parsed.accountId());
        assertEquals("alice", parsed.username().value());
        assertEquals(alice.identity.publicIdentity(), parsed.identity());
        assertEquals(alice.device.publicIdentity(), parsed.device());
        assertEquals(alice.certificate.issuedAtMillis(), parsed.issuedAtMillis());
        assertArrayEquals(alice.certificate.encode(), parsed.encode());
        assertTrue(parsed.length() <= DeviceCertificate.MAX_LENGTH);
    }

    @Test
    void everyChangedByte_failsParsingOrVerification() {
        byte[] encoded = alice.certificate.encode();
        for (int i = 0; i < encoded.length; i++) {
            byte[] tampered = encoded.clone();
            tampered[i] ^= 0x01;
            int at = i;
            assertThrows(VellumCryptoException.class, () -> DeviceCertificate.parse(tampered).verify(),
                    () -> "byte " + at);
        }
    }

    @Test
    void aCertificateSignedByAnotherIdentity_doesNotVerify() throws Exception {
        IdentityKeyPair impostor = IdentityKeyPair.generate(alice.random);
        DeviceCertificate forged = DeviceCertificate.issue(impostor, alice.accountId, alice.username,
                alice.device.publicIdentity(), 1L);
        byte[] relabelled = forged.encode();
        // Claim Alice's identity key while keeping the impostor's signature.
        System.arraycopy(alice.identity.publicIdentity().toBytes(), 0, relabelled, 18 + 5, 64);

        assertThrows(InvalidSignatureException.class, () -> DeviceCertificate.parse(relabelled).verify());
    }

    @Test
    void parse_refusesAUsernameNotInNormalForm() {
        byte[] encoded = alice.certificate.encode();
        byte[] upper = "ALICE".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(upper, 0, encoded, 18, upper.length);

        assertThrows(InvalidMessageException.class, () -> DeviceCertificate.parse(encoded));
    }

    @Test
    void loginProof_verifiesOnlyForItsChallengeAccountAndDevice() throws Exception {
        LoginChallenge challenge = LoginChallenge.random(alice.random);
        byte[] proof = LoginProof.sign(alice.device, challenge, alice.accountId);

        LoginProof.verify(alice.device.publicIdentity(), challenge, alice.accountId, proof);
        assertThrows(InvalidSignatureException.class, () -> LoginProof.verify(alice.device.publicIdentity(),
                LoginChallenge.random(alice.random), alice.accountId, proof));
        assertThrows(InvalidSignatureException.class, () -> LoginProof.verify(alice.device.publicIdentity(),
                challenge, AccountId.random(alice.random), proof));
        assertThrows(InvalidSignatureException.class, () -> LoginProof.verify(alice.identity.publicIdentity(),
                challenge, alice.accountId, proof));
    }
}
