package dev.vellum.client.ui;

import dev.vellum.client.account.AccountApi;
import dev.vellum.client.account.AccountMessages;
import dev.vellum.client.account.AccountUnlock;
import dev.vellum.client.account.ApiError;
import dev.vellum.client.account.KeysDoNotMatchException;
import dev.vellum.client.account.LocalDeviceRecord;
import dev.vellum.client.account.LoginStart;
import dev.vellum.client.account.UnlockedAccount;
import dev.vellum.client.jso.AccountKeyStore;
import dev.vellum.client.jso.BrowserPage;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidRecoveryKeyException;
import dev.vellum.error.InvalidUsernameException;
import dev.vellum.protocol.account.AccountKdf;
import dev.vellum.protocol.account.AccountSalt;
import dev.vellum.protocol.account.PassphraseKeys;
import dev.vellum.protocol.account.RecoveryKey;
import dev.vellum.protocol.account.SealedKeys.Purpose;
import dev.vellum.protocol.account.Username;
import java.util.function.Consumer;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * Recovery: the recovery key opens the identity again (its own bundle, no Argon2id: the key is 160 random bits), a
 * new passphrase seals it anew, and this browser logs in: as its own device again if it holds one (sealed under the
 * identity), else as a new device. The identity, and so everything sealed to it, stays the same.
 */
final class RecoverView {
    private final Page page;
    private final RandomSource random;
    private final Consumer<UnlockedAccount> signedIn;
    private final AccountForm form;
    private final StrengthMeter strength;

    RecoverView(Page page, RandomSource random, Consumer<UnlockedAccount> signedIn) {
        this.page = page;
        this.random = random;
        this.signedIn = signedIn;
        this.form = new AccountForm(page, "recover");
        this.strength = new StrengthMeter(page, "recover-passphrase", "recover",
                () -> form.value("recover-username"));
    }

    void show() {
        page.show("recover-view");
        form.onSubmit(this::submit);
        form.focus("recover-username");
    }

    private void submit() {
        Username username;
        try {
            username = Username.parse(form.value("recover-username").trim());
        } catch (InvalidUsernameException e) {
            form.fail(AccountMessages.usernameRule(e.getMessage()));
            form.focus("recover-username");
            return;
        }
        RecoveryKey recoveryKey;
        try {
            recoveryKey = RecoveryKey.parse(form.value("recover-key"));
        } catch (InvalidRecoveryKeyException e) {
            form.fail("This is not a recovery key: it is 32 letters and digits, in 8 groups of 4.");
            form.focus("recover-key");
            return;
        }
        String passphrase = form.passphrase("recover-passphrase");
        String weakness = strength.problem();
        if (weakness != null) {
            form.fail(weakness);
            form.focus("recover-passphrase");
            return;
        }
        if (!passphrase.equals(form.passphrase("recover-repeat"))) {
            form.fail("The two new passphrases differ. Type the same passphrase twice.");
            form.focus("recover-repeat");
            return;
        }
        form.working("Unlocking your keys with the recovery key and locking them with your new passphrase…");
        AccountApi.recoveryStart(username, recoveryKey.authKey(),
                start -> AccountKeyStore.load(username.value(), stored -> BrowserPage.afterPaint(
                        () -> finish(username, recoveryKey, passphrase, start, localRecord(stored)))),
                this::refused);
    }

    private static LocalDeviceRecord localRecord(Int8Array stored) {
        if (stored == null) {
            return null;
        }
        try {
            return LocalDeviceRecord.decode(stored.copyToJavaArray());
        } catch (InvalidMessageException e) {
            return null; // unreadable: this browser becomes a new device, and the record is replaced
        }
    }

    private void finish(Username username, RecoveryKey recoveryKey, String passphrase, LoginStart start,
                        LocalDeviceRecord local) {
        AccountUnlock unlock;
        try {
            unlock = AccountUnlock.unlock(start, Purpose.ACCOUNT_RECOVERY, recoveryKey.wrappingKey(), username,
                    local, null, random, (long) BrowserPage.nowMillis(), BrowserPage::mark);
        } catch (KeysDoNotMatchException e) {
            form.fail(AccountMessages.UNOPENABLE_RECOVERY_KEYS);
            return;
        }
        AccountSalt salt = AccountSalt.random(random);
        PassphraseKeys keys = AccountKdf.derive(passphrase, salt);
        String body = unlock.finishFields(start)
                .put("salt", salt.toBytes())
                .put("authKey", keys.authKey().toBytes())
                .put("passphraseBundle", unlock.account().sealPassphraseBundle(keys.wrappingKey(), random))
                .toString();
        AccountApi.recoveryFinish(body, session -> {
            LocalDeviceRecord record = LocalDeviceRecord.of(unlock.account(), salt, session.sessionSecret(), random);
            DeviceRecordSteps.keep(username, record, () -> {
                recoveryKey.destroy();
                form.clear("recover-key");
                form.clear("recover-passphrase");
                form.clear("recover-repeat");
                form.idle();
                signedIn.accept(unlock.account());
            });
        }, DeviceRecordSteps.forgettingRevokedDevice(username, this::refused));
    }

    private void refused(ApiError error) {
        form.fail(AccountMessages.describe(error, true));
        form.focus(error.is("invalid-username") ? "recover-username" : "recover-key");
    }
}
