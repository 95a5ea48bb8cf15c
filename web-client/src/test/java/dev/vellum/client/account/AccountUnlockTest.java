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
import dev.vellum.protocol.account.AccountKdf;
import dev.vellum.protocol.account.AccountSalt;
import dev.vellum.protocol.account.LoginChallenge;
import dev.vellum.protocol.account.LoginProof;
import dev.vellum.protocol.account.PassphraseKeys;
import dev.vellum.protocol.account.SealedKeys;
import dev.vellum.protocol.account.SealedKeys.Purpose;
import dev.vellum.protocol.account.SessionSecret;
import dev.vellum.protocol.account.Username;
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

    @Test
    void afterAPassphraseChangeElsewhere_theOldDeviceRecordDoesNotOpen_soTheBrowserBecomesANewDevice()
            throws Exception {
        LocalDeviceRecord local = signUp.localRecord(SessionSecret.random(RANDOM), RANDOM);
        AccountSalt newSalt = AccountSalt.random(RANDOM);
        PassphraseKeys changed = AccountKdf.derive("a whole new passphrase", newSalt);
        byte[] newBundle = signUp.account().sealPassphraseBundle(changed.wrappingKey(), RANDOM);
        AccountUnlock unlock = AccountUnlock.unlock(startWith(newBundle), Purpose.ACCOUNT_PASSPHRASE,
                changed.wrappingKey(), alice, local, changed.wrappingKey(), RANDOM, NOW, Timings.NONE);
        assertTrue(unlock.newDevice());

        LocalDeviceRecord resealed = local.withPassphrase(signUp.account(), newSalt, changed.wrappingKey(), RANDOM);
        AccountUnlock here = AccountUnlock.unlock(startWith(newBundle), Purpose.ACCOUNT_PASSPHRASE,
                changed.wrappingKey(), alice, resealed, changed.wrappingKey(), RANDOM, NOW, Timings.NONE);
        assertFalse(here.newDevice());
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
                dev.vellum.protocol.account.WrappingKey.ofSessionSecret(session), RANDOM);
        LocalDeviceRecord forged = new LocalDeviceRecord(signUp.account().accountId(), signUp.salt(),
                signUp.account().certificate(), new byte[0], sealed);
        assertThrows(KeysDoNotMatchException.class, () -> forged.openWithSession(session));
    }
}
