package dev.vellum.crypto.hpke;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vellum.crypto.agree.X25519PrivateKey;
import dev.vellum.crypto.internal.KeyAccess;
import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.error.AuthenticationFailedException;
import dev.vellum.error.InvalidMessageException;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.hpke.HPKE;
import org.junit.jupiter.api.Test;

class HpkeTest {
    private static final byte[] INFO = "info".getBytes(StandardCharsets.UTF_8);
    private static final byte[] AAD = "aad".getBytes(StandardCharsets.UTF_8);

    private final JvmSecureRandomSource random = new JvmSecureRandomSource();
    private final Hpke hpke = new Hpke(random);
    private final X25519PrivateKey recipient = X25519PrivateKey.generate(random);
    private final X25519PrivateKey sender = X25519PrivateKey.generate(random);
    private final byte[] plaintext = "workspace key".getBytes(StandardCharsets.UTF_8);

    @Test
    void baseAndAuth_roundTrip() throws Exception {
        HpkeCiphertext base = hpke.sealBase(recipient.publicKey(), INFO, AAD, plaintext);
        HpkeCiphertext auth = hpke.sealAuth(recipient.publicKey(), sender, INFO, AAD, plaintext);

        assertArrayEquals(plaintext, Hpke.openBase(base, recipient, INFO, AAD));
        assertArrayEquals(plaintext, Hpke.openAuth(auth, recipient, sender.publicKey(), INFO, AAD));
    }

    @Test
    void authMode_withAnotherClaimedSender_orWrongContext_isRejected() throws Exception {
        HpkeCiphertext auth = hpke.sealAuth(recipient.publicKey(), sender, INFO, AAD, plaintext);
        X25519PrivateKey impostor = X25519PrivateKey.generate(random);

        assertThrows(AuthenticationFailedException.class,
                () -> Hpke.openAuth(auth, recipient, impostor.publicKey(), INFO, AAD));
        assertThrows(AuthenticationFailedException.class,
                () -> Hpke.openAuth(auth, recipient, sender.publicKey(), new byte[0], AAD));
        assertThrows(AuthenticationFailedException.class,
                () -> Hpke.openAuth(auth, recipient, sender.publicKey(), INFO, new byte[0]));
        assertThrows(AuthenticationFailedException.class,
                () -> Hpke.openBase(auth, recipient, INFO, AAD));
    }

    @Test
    void smallOrderEncOrTruncation_isRejected() {
        assertThrows(AuthenticationFailedException.class,
                () -> Hpke.openBase(new HpkeCiphertext(new byte[32], new byte[20]), recipient, INFO, AAD));
        assertThrows(InvalidMessageException.class,
                () -> Hpke.openBase(new HpkeCiphertext(new byte[31], new byte[20]), recipient, INFO, AAD));
        assertThrows(InvalidMessageException.class,
                () -> Hpke.openBase(new HpkeCiphertext(new byte[32], new byte[15]), recipient, INFO, AAD));
    }

    @Test
    void interoperatesWithBouncyCastlesHpke_inBothModesAndDirections() throws Exception {
        HPKE baseBc = new HPKE(HPKE.mode_base, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256,
                HPKE.aead_CHACHA20_POLY1305);
        HPKE authBc = new HPKE(HPKE.mode_auth, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256,
                HPKE.aead_CHACHA20_POLY1305);
        AsymmetricCipherKeyPair recipientBc =
                baseBc.deserializePrivateKey(recipient.exportBytes(KeyAccess.get()), recipient.publicKey().toBytes());
        AsymmetricCipherKeyPair senderBc =
                authBc.deserializePrivateKey(sender.exportBytes(KeyAccess.get()), sender.publicKey().toBytes());

        HpkeCiphertext ours = hpke.sealBase(recipient.publicKey(), INFO, AAD, plaintext);
        assertArrayEquals(plaintext, baseBc.open(ours.enc(), recipientBc, INFO, AAD, ours.ciphertext(), null, null,
                null));
        HpkeCiphertext oursAuth = hpke.sealAuth(recipient.publicKey(), sender, INFO, AAD, plaintext);
        assertArrayEquals(plaintext, authBc.open(oursAuth.enc(), recipientBc, INFO, AAD, oursAuth.ciphertext(),
                null, null, senderBc.getPublic()));

        byte[][] theirs = authBc.seal(recipientBc.getPublic(), INFO, AAD, plaintext, null, null, senderBc);
        assertArrayEquals(plaintext, Hpke.openAuth(new HpkeCiphertext(theirs[1], theirs[0]), recipient,
                sender.publicKey(), INFO, AAD));
    }
}
