package dev.vellum.client.account;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.encoding.ByteWriter;
import dev.vellum.protocol.account.AccountKdf;
import dev.vellum.protocol.account.AccountSalt;
import dev.vellum.protocol.account.LoginChallenge;
import dev.vellum.protocol.account.LoginProof;
import dev.vellum.protocol.account.PassphraseKeys;
import dev.vellum.protocol.account.SealedKeys;
import dev.vellum.protocol.account.SealedKeys.Purpose;
import dev.vellum.protocol.account.SessionSecret;
import dev.vellum.protocol.account.Username;
import dev.vellum.protocol.account.WrappingKey;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The browser's half of sign-up, login, recovery and reload, on the JVM, with what a server would hand back: the
 * sign-up request's bundles, and fresh challenges.
 */
class AccountUnlockTest {
    private static final RandomSource RANDOM = new JvmSecureRandomSource();
    private static final String PASSPHRASE = "tin kettle wanders north";
    private static final long NOW = 1_796_000_000_000L;

    private static Username alice;
    private static SignUpMaterial signUp;
    private static PassphraseKeys keys;

    @BeforeAll
    static void signUp() throws Exception {
        alice = Username.parse("alice");
        signUp = SignUpMaterial.create(alice, PASSPHRASE, RANDOM, NOW, Timings.NONE);
        keys = AccountKdf.derive(PASSPHRASE, signUp.salt());
    }

    private static LoginStart startWith(byte[] bundle) {
        return new LoginStart(signUp.account().accountId(), signUp.account().identity().publicIdentity(), bundle,
                LoginChallenge.random(RANDOM));
    }

    @Test
    void signUp_certifiesTheDevice_andTheBundlesOpenOnlyWithTheirKeys() throws Exception {
        UnlockedAccount account = signUp.account();
        account.certificate().verify();
        assertEquals(alice, account.certificate().username());
        List<IdentityKeyPair> opened = SealedKeys.open(signUp.passphraseBundle(), Purpose.ACCOUNT_PASSPHRASE,
                account.accountId(), keys.wrappingKey());
        assertEquals(account.identity().publicIdentity(), opened.get(0).publicIdentity());
        List<IdentityKeyPair> recovered = SealedKeys.open(signUp.recoveryBundle(), Purpose.ACCOUNT_RECOVERY,
                account.accountId(), signUp.recoveryKey().wrappingKey());
        assertEquals(account.identity().publicIdentity(), recovered.get(0).publicIdentity());
        assertNotEquals(account.identity().publicIdentity(), account.device().publicIdentity());
    }

    @Test
    void signUpRequest_carriesNoPassphraseNorPrivateKey() {
        String json = signUp.requestJson();
        assertFalse(json.contains(PASSPHRASE));
        assertTrue(json.contains("\"username\":\"alice\""), json);
        for (String field : List.of("salt", "authKey", "recoveryAuthKey", "accountId", "identitySigningKey",
                "identityAgreementKey", "passphraseBundle", "recoveryBundle", "deviceCertificate")) {
            assertTrue(json.contains("\"" + field + "\":\""), field);
        }
    }

    @Test
    void loginOnTheSameBrowser_reusesTheDevice_andItsProofVerifies() throws Exception {
        LocalDeviceRecord local = signUp.localRecord(SessionSecret.random(RANDOM), RANDOM);
        LoginStart start = startWith(signUp.passphraseBundle());
        AccountUnlock unlock = AccountUnlock.unlock(start, Purpose.ACCOUNT_PASSPHRASE, keys.wrappingKey(), alice,
                LocalDeviceRecord.decode(local.encode()), keys.wrappingKey(), RANDOM, NOW, Timings.NONE);
        assertFalse(unlock.newDevice());
        assertEquals(signUp.account().device().publicIdentity(), unlock.account().device().publicIdentity());
        assertArrayEquals(signUp.account().certificate().encode(), unlock.account().certificate().encode());
        String finish = unlock.finishJson(start);
        assertTrue(finish.contains("\"signature\":\""), finish);
        LoginProof.verify(unlock.account().device().publicIdentity(), start.challenge(), start.accountId(),
                LoginProof.sign(unlock.account().device(), start.challenge(), start.accountId()));
    }

    @Test
    void loginOnANewBrowser_makesANewDevice_certifiedByTheSameIdentity() throws Exception {
        AccountUnlock unlock = AccountUnlock.unlock(startWith(signUp.passphraseBundle()), Purpose.ACCOUNT_PASSPHRASE,
                keys.wrappingKey(), alice, null, keys.wrappingKey(), RANDOM, NOW, Timings.NONE);
        assertTrue(unlock.newDevice());
        assertNotEquals(signUp.account().device().publicIdentity(), unlock.account().device().publicIdentity());
        assertEquals(signUp.account().identity().publicIdentity(), unlock.account().certificate().identity());
        unlock.account().certificate().verify();
    }

    @Test
    void tamperedBundle_isRefused_neverUsed() {
        byte[] bundle = signUp.passphraseBundle();
        bundle[bundle.length - 5] ^= 1;
        assertThrows(KeysDoNotMatchException.class, () -> AccountUnlock.unlock(startWith(bundle),
                Purpose.ACCOUNT_PASSPHRASE, keys.wrappingKey(), alice, null, null, RANDOM, NOW, Timings.NONE));
    }

    @Test
    void bundleOfAnotherIdentity_thanAnnounced_isRefused() {
        LoginStart lying = new LoginStart(signUp.account().accountId(),
                IdentityKeyPair.generate(RANDOM).publicIdentity(), signUp.passphraseBundle(),
                LoginChallenge.random(RANDOM));
        assertThrows(KeysDoNotMatchException.class, () -> AccountUnlock.unlock(lying, Purpose.ACCOUNT_PASSPHRASE,
                keys.wrappingKey(), alice, null, null, RANDOM, NOW, Timings.NONE));
    }

    @Test
    void wrongPassphrase_opensNothing() {
        PassphraseKeys wrong = AccountKdf.derive("tin kettle wanders south", signUp.salt());
        assertThrows(KeysDoNotMatchException.class, () -> AccountUnlock.unlock(startWith(signUp.passphraseBundle()),
                Purpose.ACCOUNT_PASSPHRASE, wrong.wrappingKey(), alice, null, null, RANDOM, NOW, Timings.NONE));
    }

    @Test
    void recovery_opensTheSameIdentity_asANewDevice() throws Exception {
        AccountUnlock unlock = AccountUnlock.unlock(startWith(signUp.recoveryBundle()), Purpose.ACCOUNT_RECOVERY,
                signUp.recoveryKey().wrappingKey(), alice, null, null, RANDOM, NOW, Timings.NONE);
        assertTrue(unlock.newDevice());
        assertEquals(signUp.account().identity().publicIdentity(), unlock.account().identity().publicIdentity());
    }

    /** What a login with the new passphrase finds: the same identity, in a bundle sealed under the new passphrase. */
    private static byte[] bundleAfterPassphraseChange(PassphraseKeys changed) {
        return signUp.account().sealPassphraseBundle(changed.wrappingKey(), RANDOM);
    }

    @Test
    void passphraseChangedOnDeviceB_deviceALogsInWithTheNewOne_andKeepsItsDevice() throws Exception {
        LocalDeviceRecord onA = LocalDeviceRecord.decode(signUp.localRecord(SessionSecret.random(RANDOM), RANDOM)
                .withoutSession().encode());
        // Device B changes the passphrase: a new salt and bundle on the server; A's record is untouched.
        AccountSalt newSalt = AccountSalt.random(RANDOM);
        PassphraseKeys changed = AccountKdf.derive("a whole new passphrase", newSalt);
        LoginStart start = startWith(bundleAfterPassphraseChange(changed));

        AccountUnlock unlock = AccountUnlock.unlock(start, Purpose.ACCOUNT_PASSPHRASE, changed.wrappingKey(), alice,
                onA, changed.wrappingKey(), RANDOM, NOW, Timings.NONE);

        assertFalse(unlock.newDevice(), "A is the same device: no new one is registered");
        assertEquals(signUp.account().device().publicIdentity(), unlock.account().device().publicIdentity());
        assertArrayEquals(signUp.account().certificate().encode(), unlock.account().certificate().encode());
        LoginProof.verify(signUp.account().device().publicIdentity(), start.challenge(), start.accountId(),
                LoginProof.sign(unlock.account().device(), start.challenge(), start.accountId()));
    }

    @Test
    void recoveryMadeElsewhere_thenALoginHere_keepsThisDevice() throws Exception {
        LocalDeviceRecord here = signUp.localRecord(SessionSecret.random(RANDOM), RANDOM);
        AccountUnlock recovered = AccountUnlock.unlock(startWith(signUp.recoveryBundle()), Purpose.ACCOUNT_RECOVERY,
                signUp.recoveryKey().wrappingKey(), alice, null, null, RANDOM, NOW, Timings.NONE);
        PassphraseKeys chosen = AccountKdf.derive("chosen while recovering", AccountSalt.random(RANDOM));
        byte[] bundle = recovered.account().sealPassphraseBundle(chosen.wrappingKey(), RANDOM);

        AccountUnlock unlock = AccountUnlock.unlock(startWith(bundle), Purpose.ACCOUNT_PASSPHRASE,
                chosen.wrappingKey(), alice, here, chosen.wrappingKey(), RANDOM, NOW, Timings.NONE);

        assertFalse(unlock.newDevice());
        assertEquals(signUp.account().device().publicIdentity(), unlock.account().device().publicIdentity());
    }

    @Test
    void recoveryOnThisBrowser_keepsItsDevice() throws Exception {
        LocalDeviceRecord here = signUp.localRecord(SessionSecret.random(RANDOM), RANDOM);
        AccountUnlock unlock = AccountUnlock.unlock(startWith(signUp.recoveryBundle()), Purpose.ACCOUNT_RECOVERY,
                signUp.recoveryKey().wrappingKey(), alice, here, null, RANDOM, NOW, Timings.NONE);

        assertFalse(unlock.newDevice());
        assertEquals(signUp.account().device().publicIdentity(), unlock.account().device().publicIdentity());
    }

    @Test
    void recordOfAnotherAccountsIdentity_isNotReused() throws Exception {
        SignUpMaterial other = SignUpMaterial.create(alice, PASSPHRASE, RANDOM, NOW, Timings.NONE);
        LocalDeviceRecord foreign = other.localRecord(SessionSecret.random(RANDOM), RANDOM);
        // Same account id, so only the identity tells them apart.
        LocalDeviceRecord posing = new LocalDeviceRecord(signUp.account().accountId(), foreign.salt(),
                foreign.certificate(), SealedKeys.seal(Purpose.DEVICE_IDENTITY, signUp.account().accountId(),
                List.of(other.account().device(), other.account().identity()),
                WrappingKey.ofDeviceRecord(other.account().identity()), RANDOM), null);

        AccountUnlock unlock = AccountUnlock.unlock(startWith(signUp.passphraseBundle()), Purpose.ACCOUNT_PASSPHRASE,
                keys.wrappingKey(), alice, posing, keys.wrappingKey(), RANDOM, NOW, Timings.NONE);

        assertTrue(unlock.newDevice());
    }

    /** A record as this browser wrote it before version 2: the device keys sealed under the passphrase. */
    private static byte[] versionOneRecord(PassphraseKeys passphrase) {
        return versionOneRecord(passphrase, new byte[0]);
    }

    private static byte[] versionOneRecord(PassphraseKeys passphrase, byte[] sessionKeys) {
        byte[] sealed = signUp.account().sealDeviceKeys(Purpose.DEVICE_LOCAL, passphrase.wrappingKey(), RANDOM);
        byte[] certificate = signUp.account().certificate().encode();
        return new ByteWriter().writeByte(1).writeBytes(signUp.account().accountId().toBytes())
                .writeBytes(signUp.salt().toBytes())
                .writeShort(certificate.length).writeBytes(certificate)
                .writeShort(sealed.length).writeBytes(sealed)
                .writeShort(sessionKeys.length).writeBytes(sessionKeys)
                .toByteArray();
    }

    @Test
    void versionOneRecord_opensWithThePassphrase_andIsRewrittenUnderTheIdentity() throws Exception {
        LocalDeviceRecord old = LocalDeviceRecord.decode(versionOneRecord(keys));
        assertTrue(old.sealedUnderPassphrase());

        AccountUnlock unlock = AccountUnlock.unlock(startWith(signUp.passphraseBundle()), Purpose.ACCOUNT_PASSPHRASE,
                keys.wrappingKey(), alice, old, keys.wrappingKey(), RANDOM, NOW, Timings.NONE);
        assertFalse(unlock.newDevice());
        assertEquals(signUp.account().device().publicIdentity(), unlock.account().device().publicIdentity());

        LocalDeviceRecord rewritten = LocalDeviceRecord.decode(LocalDeviceRecord.of(unlock.account(), signUp.salt(),
                SessionSecret.random(RANDOM), RANDOM).encode());
        assertFalse(rewritten.sealedUnderPassphrase());
        assertEquals(2, rewritten.encode()[0]);
        PassphraseKeys later = AccountKdf.derive("changed after the upgrade", AccountSalt.random(RANDOM));
        AccountUnlock afterChange = AccountUnlock.unlock(startWith(bundleAfterPassphraseChange(later)),
                Purpose.ACCOUNT_PASSPHRASE, later.wrappingKey(), alice, rewritten, later.wrappingKey(), RANDOM, NOW,
                Timings.NONE);
        assertFalse(afterChange.newDevice());
    }

    @Test
    void versionOneRecord_underAPassphraseChangedSince_cannotOpen_soTheBrowserBecomesANewDevice() throws Exception {
        LocalDeviceRecord old = LocalDeviceRecord.decode(versionOneRecord(keys));
        PassphraseKeys changed = AccountKdf.derive("a whole new passphrase", AccountSalt.random(RANDOM));

        AccountUnlock unlock = AccountUnlock.unlock(startWith(bundleAfterPassphraseChange(changed)),
                Purpose.ACCOUNT_PASSPHRASE, changed.wrappingKey(), alice, old, changed.wrappingKey(), RANDOM, NOW,
                Timings.NONE);

        assertTrue(unlock.newDevice());
    }

    @Test
    void passphraseChangeOnThisBrowser_keepsTheSession_andTheRecordNeedsNoPassphrase() throws Exception {
        SessionSecret session = SessionSecret.random(RANDOM);
        LocalDeviceRecord old = LocalDeviceRecord.decode(versionOneRecord(keys,
                signUp.account().sealForSession(session, RANDOM)));
        AccountSalt newSalt = AccountSalt.random(RANDOM);

        LocalDeviceRecord changed = LocalDeviceRecord.decode(
                old.withPassphrase(signUp.account(), newSalt, RANDOM).encode());

        assertEquals(newSalt, changed.salt());
        assertFalse(changed.sealedUnderPassphrase());
        assertEquals(signUp.account().device().publicIdentity(), changed.openWithSession(session).device()
                .publicIdentity());
        assertEquals(signUp.account().device().publicIdentity(),
                changed.openWithIdentity(signUp.account().identity(), null).device().publicIdentity());
    }

    @Test
    void reload_opensTheDeviceWithTheSessionSecret_andOnlyWithIt() throws Exception {
        SessionSecret session = SessionSecret.random(RANDOM);
        LocalDeviceRecord record = LocalDeviceRecord.decode(signUp.localRecord(session, RANDOM).encode());
        UnlockedAccount reopened = record.openWithSession(session);
        assertEquals(signUp.account().device().publicIdentity(), reopened.device().publicIdentity());
        assertEquals(alice, reopened.signedInDevice().username());

        assertThrows(KeysDoNotMatchException.class, () -> record.openWithSession(SessionSecret.random(RANDOM)));
        LocalDeviceRecord loggedOut = LocalDeviceRecord.decode(record.withoutSession().encode());
        assertFalse(loggedOut.hasSession());
        assertThrows(KeysDoNotMatchException.class, () -> loggedOut.openWithSession(session));
        assertEquals(signUp.salt(), loggedOut.salt());
    }

    @Test
    void deviceRecordPairingAnotherDevice_isRefused() {
        List<IdentityKeyPair> swapped = new ArrayList<>(List.of(IdentityKeyPair.generate(RANDOM),
                signUp.account().identity()));
        SessionSecret session = SessionSecret.random(RANDOM);
        byte[] sealed = SealedKeys.seal(Purpose.DEVICE_SESSION, signUp.account().accountId(), swapped,
                WrappingKey.ofSessionSecret(session), RANDOM);
        LocalDeviceRecord forged = new LocalDeviceRecord(signUp.account().accountId(), signUp.salt(),
                signUp.account().certificate(), new byte[0], sealed);
        assertThrows(KeysDoNotMatchException.class, () -> forged.openWithSession(session));
    }
}
