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
import dev.vellum.error.InvalidUsernameException;
import dev.vellum.protocol.account.AccountKdf;
import dev.vellum.protocol.account.AccountSalt;
import dev.vellum.protocol.account.PassphraseKeys;
import dev.vellum.protocol.account.SealedKeys.Purpose;
import dev.vellum.protocol.account.Username;
import java.util.function.Consumer;

/**
 * Login: the salt, Argon2id here, the bundle opened here, this browser's device key (or a new, certified one), and
 * the server's challenge signed with it. The passphrase never leaves the page; only the authentication key does.
 */
final class LoginView {
    private final Page page;
    private final RandomSource random;
    private final Consumer<UnlockedAccount> signedIn;
    private final AccountForm form;

    LoginView(Page page, RandomSource random, Consumer<UnlockedAccount> signedIn) {
        this.page = page;
        this.random = random;
        this.signedIn = signedIn;
        this.form = new AccountForm(page, "login");
    }

    void show() {
        page.show("login-view");
        form.onSubmit(this::submit);
        form.focus("login-username");
    }

    private void submit() {
        BrowserPage.mark("login-pressed");
        Username username;
        try {
            username = Username.parse(form.value("login-username").trim());
        } catch (InvalidUsernameException e) {
            form.fail(AccountMessages.usernameRule(e.getMessage()));
            form.focus("login-username");
            return;
        }
        String passphrase = form.passphrase("login-passphrase");
        if (passphrase.isEmpty()) {
            form.fail("Type your passphrase.");
            form.focus("login-passphrase");
            return;
        }
        form.working("Unlocking your keys…");
        AccountApi.salt(username, salt -> BrowserPage.afterPaint(() -> {
            BrowserPage.mark("argon2id-start");
            PassphraseKeys keys = AccountKdf.derive(passphrase, salt);
            BrowserPage.mark("argon2id-end");
            AccountApi.loginStart(username, keys.authKey(),
                    start -> AccountKeyStore.load(username.value(), stored -> finish(username, salt, keys, start,
                            stored == null ? null : stored.copyToJavaArray())),
                    this::refused);
        }), this::refused);
    }

    private void finish(Username username, AccountSalt salt, PassphraseKeys keys, LoginStart start, byte[] stored) {
        LocalDeviceRecord local = null;
        if (stored != null) {
            try {
                local = LocalDeviceRecord.decode(stored);
            } catch (InvalidMessageException e) {
                local = null; // unreadable: this browser becomes a new device, and the record is replaced
            }
        }
        AccountUnlock unlock;
        try {
            unlock = AccountUnlock.unlock(start, Purpose.ACCOUNT_PASSPHRASE, keys.wrappingKey(), username, local,
                    keys.wrappingKey(), random, (long) BrowserPage.nowMillis(), BrowserPage::mark);
        } catch (KeysDoNotMatchException e) {
            form.fail(AccountMessages.UNOPENABLE_KEYS);
            return;
        }
        BrowserPage.mark("challenge-start");
        AccountApi.loginFinish(unlock.finishJson(start), session -> {
            BrowserPage.mark("challenge-end");
            // Written in the current version, so a record sealed under the passphrase is replaced by one that the
            // identity opens, whatever the passphrase becomes.
            LocalDeviceRecord record = LocalDeviceRecord.of(unlock.account(), salt, session.sessionSecret(), random);
            DeviceRecordSteps.keep(username, record, () -> {
                form.clear("login-passphrase");
                form.idle();
                signedIn.accept(unlock.account());
            });
        }, DeviceRecordSteps.forgettingRevokedDevice(username, this::refused));
    }

    private void refused(ApiError error) {
        form.fail(AccountMessages.describe(error, false));
        form.focus(error.is("invalid-username") ? "login-username" : "login-passphrase");
    }
}
