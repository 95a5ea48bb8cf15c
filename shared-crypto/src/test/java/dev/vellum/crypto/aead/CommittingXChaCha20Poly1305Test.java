package dev.vellum.crypto.aead;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vellum.crypto.key.SymmetricKey;
import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.error.AuthenticationFailedException;
import dev.vellum.error.InvalidMessageException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CommittingXChaCha20Poly1305Test {
    private static final byte[] AD = "doc:1".getBytes(StandardCharsets.UTF_8);

    private final JvmSecureRandomSource random = new JvmSecureRandomSource();
    private final SymmetricKey key = SymmetricKey.generate(random);
    private final CommittingXChaCha20Poly1305 aead = new CommittingXChaCha20Poly1305(key, random);

    @Test
    void roundTrip_withOverheadOf72Bytes() throws Exception {
        byte[] plaintext = "shared content".getBytes(StandardCharsets.UTF_8);
        byte[] ciphertext = aead.encrypt(plaintext, AD);

        assertEquals(plaintext.length + 72, ciphertext.length);
        assertArrayEquals(plaintext, aead.decrypt(ciphertext, AD));
        assertArrayEquals(plaintext, CommittingXChaCha20Poly1305.decryptOnly(key).decrypt(ciphertext, AD));
    }

    @Test
    void oneCiphertext_opensUnderOneKeyOnly() {
        byte[] ciphertext = aead.encrypt(new byte[64], AD);
        for (int i = 0; i < 50; i++) {
            SymmetricKey other = SymmetricKey.generate(random);
            assertThrows(AuthenticationFailedException.class,
                    () -> CommittingXChaCha20Poly1305.decryptOnly(other).decrypt(ciphertext, AD));
        }
    }

    @Test
    void ciphertextUnderAnotherKeyWithForeignCommitment_isRejectedBeforeDecrypting() throws Exception {
        // Take a valid ciphertext under key B and swap in A's commitment for the same nonce: the commitment check
        // fails for A (it is B's body) and for B (it is A's commitment).
        SymmetricKey keyB = SymmetricKey.generate(random);
        byte[] nonce = random.randomBytes(24);
        byte[] underA = aead.encryptWithNonce(nonce, new byte[16], AD);
        byte[] underB = new CommittingXChaCha20Poly1305(keyB, random).encryptWithNonce(nonce, new byte[16], AD);
        System.arraycopy(underA, 24, underB, 24, 32);

        assertThrows(AuthenticationFailedException.class, () -> aead.decrypt(underB, AD));
        assertThrows(AuthenticationFailedException.class,
                () -> CommittingXChaCha20Poly1305.decryptOnly(keyB).decrypt(underB, AD));
    }

    @Test
    void tamperedCommitmentOrAd_throws() {
        byte[] ciphertext = aead.encrypt(new byte[10], AD);
        byte[] tampered = ciphertext.clone();
        tampered[30] ^= 1;

        assertThrows(AuthenticationFailedException.class, () -> aead.decrypt(tampered, AD));
        assertThrows(AuthenticationFailedException.class, () -> aead.decrypt(ciphertext, new byte[0]));
    }

    @Test
    void tooShort_throwsInvalidMessage() {
        assertThrows(InvalidMessageException.class, () -> aead.decrypt(new byte[71], AD));
    }

    @Test
    void decryptOnlyInstance_refusesToEncrypt() {
        assertThrows(IllegalStateException.class,
                () -> CommittingXChaCha20Poly1305.decryptOnly(key).encrypt(new byte[1], AD));
    }
}
