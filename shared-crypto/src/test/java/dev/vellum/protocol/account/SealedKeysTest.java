package dev.vellum.protocol.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.identity.IdentityKeyWrap;
import dev.vellum.error.AuthenticationFailedException;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.UnsupportedVersionException;
import dev.vellum.error.VellumCryptoException;
import dev.vellum.protocol.account.SealedKeys.Purpose;
import dev.vellum.protocol.id.AccountId;
import dev.vellum.testing.TestAccount;
import java.util.List;
import org.junit.jupiter.api.Test;

class SealedKeysTest {
    private final TestAccount alice = new TestAccount("alice", "correct horse battery staple");

    @Test
    void open_givesBackTheSealedPairs_underThePassphraseAndTheRecoveryKey() throws Exception {
        List<IdentityKeyPair> byPassphrase = SealedKeys.open(alice.passphraseBundle, Purpose.ACCOUNT_PASSPHRASE,
                alice.accountId, alice.keys.wrappingKey());
        List<IdentityKeyPair> byRecovery = SealedKeys.open(alice.recoveryBundle, Purpose.ACCOUNT_RECOVERY,
                alice.accountId, RecoveryKey.parse(alice.recoveryKey.display()).wrappingKey());

        assertEquals(alice.identity.publicIdentity(), byPassphrase.get(0).publicIdentity());
        assertEquals(alice.identity.publicIdentity(), byRecovery.get(0).publicIdentity());
    }

    @Test
    void open_keepsTheOrderOfSeveralPairs() throws Exception {
        byte[] sealed = SealedKeys.seal(Purpose.DEVICE_LOCAL, alice.accountId, List.of(alice.device, alice.identity),
                alice.keys.wrappingKey(), alice.random);

        List<IdentityKeyPair> opened = SealedKeys.open(sealed, Purpose.DEVICE_LOCAL, alice.accountId,
                alice.keys.wrappingKey());

        assertEquals(alice.device.publicIdentity(), opened.get(0).publicIdentity());
        assertEquals(alice.identity.publicIdentity(), opened.get(1).publicIdentity());
    }

    @Test
    void deviceRecordKey_opensWhatItSealed_afterAPassphraseChange_butNotUnderAnotherIdentity() throws Exception {
        byte[] sealed = SealedKeys.seal(Purpose.DEVICE_IDENTITY, alice.accountId,
                List.of(alice.device, alice.identity), WrappingKey.ofDeviceRecord(alice.identity), alice.random);
        // The identity as a login with a new passphrase finds it: reopened from a re-sealed bundle.
        WrappingKey newPassphrase = AccountKdf.derive("a wholly new passphrase", AccountSalt.random(alice.random),
                TestAccount.CHEAP).wrappingKey();
        byte[] newBundle = SealedKeys.seal(Purpose.ACCOUNT_PASSPHRASE, alice.accountId, List.of(alice.identity),
                newPassphrase, alice.random);
        IdentityKeyPair reopened = SealedKeys.open(newBundle, Purpose.ACCOUNT_PASSPHRASE, alice.accountId,
                newPassphrase).get(0);

        List<IdentityKeyPair> opened = SealedKeys.open(sealed, Purpose.DEVICE_IDENTITY, alice.accountId,
                WrappingKey.ofDeviceRecord(reopened));

        assertEquals(alice.device.publicIdentity(), opened.get(0).publicIdentity());
        assertThrows(AuthenticationFailedException.class, () -> SealedKeys.open(sealed, Purpose.DEVICE_IDENTITY,
                alice.accountId, WrappingKey.ofDeviceRecord(IdentityKeyPair.generate(alice.random))));
        assertThrows(InvalidMessageException.class, () -> SealedKeys.open(sealed, Purpose.DEVICE_LOCAL,
                alice.accountId, WrappingKey.ofDeviceRecord(reopened)));
    }

    @Test
    void open_underAWrongPassphrase_failsAuthentication() {
        WrappingKey wrong = AccountKdf.derive("correct horse battery stapler", alice.salt, TestAccount.CHEAP)
                .wrappingKey();

        assertThrows(AuthenticationFailedException.class, () -> SealedKeys.open(alice.passphraseBundle,
                Purpose.ACCOUNT_PASSPHRASE, alice.accountId, wrong));
    }

    @Test
    void everyChangedByte_isDetected_andNoKeyIsReturned() {
        byte[] bundle = alice.passphraseBundle;
        for (int i = 0; i < bundle.length; i++) {
            byte[] tampered = bundle.clone();
            tampered[i] ^= 0x01;
            int at = i;
            assertThrows(VellumCryptoException.class, () -> SealedKeys.open(tampered, Purpose.ACCOUNT_PASSPHRASE,
                    alice.accountId, alice.keys.wrappingKey()), () -> "byte " + at);
        }
    }

    @Test
    void aBundleFor_anotherPurposeOrAccount_isRefused() {
        assertThrows(InvalidMessageException.class, () -> SealedKeys.open(alice.recoveryBundle,
                Purpose.ACCOUNT_PASSPHRASE, alice.accountId, alice.recoveryKey.wrappingKey()));
        assertThrows(InvalidMessageException.class, () -> SealedKeys.open(alice.passphraseBundle,
                Purpose.ACCOUNT_PASSPHRASE, AccountId.random(alice.random), alice.keys.wrappingKey()));
    }

    @Test
    void swappingTheClearPublicKeys_failsEvenWithTheRightKey() {
        TestAccount mallory = new TestAccount("mallory", "another passphrase");
        byte[] swapped = alice.passphraseBundle.clone();
        System.arraycopy(mallory.identity.publicIdentity().toBytes(), 0, swapped, 19, 64);

        assertThrows(AuthenticationFailedException.class, () -> SealedKeys.open(swapped, Purpose.ACCOUNT_PASSPHRASE,
                alice.accountId, alice.keys.wrappingKey()));
    }

    @Test
    void checkForm_acceptsRealBundles_andRefusesMalformedOnes() throws Exception {
        SealedKeys.checkForm(alice.passphraseBundle, Purpose.ACCOUNT_PASSPHRASE);
        SealedKeys.checkForm(alice.recoveryBundle, Purpose.ACCOUNT_RECOVERY);

        byte[] otherVersion = alice.passphraseBundle.clone();
        otherVersion[0] = 2;
        assertThrows(UnsupportedVersionException.class,
                () -> SealedKeys.checkForm(otherVersion, Purpose.ACCOUNT_PASSPHRASE));
        byte[] noPairs = alice.passphraseBundle.clone();
        noPairs[18] = 0;
        assertThrows(InvalidMessageException.class, () -> SealedKeys.checkForm(noPairs, Purpose.ACCOUNT_PASSPHRASE));
        byte[] truncated = java.util.Arrays.copyOf(alice.passphraseBundle, alice.passphraseBundle.length - 1);
        assertThrows(InvalidMessageException.class,
                () -> SealedKeys.checkForm(truncated, Purpose.ACCOUNT_PASSPHRASE));
        assertThrows(InvalidMessageException.class, () -> SealedKeys.checkForm(new byte[5000],
                Purpose.ACCOUNT_PASSPHRASE));
        assertEquals(19 + 64 + 64 + IdentityKeyWrap.OVERHEAD, alice.passphraseBundle.length);
    }
}
