package dev.vellum.client.ui;

import dev.vellum.client.account.AccountApi;
import dev.vellum.client.account.AccountMessages;
import dev.vellum.client.account.LocalDeviceRecord;
import dev.vellum.client.account.SignUpMaterial;
import dev.vellum.client.account.Timings;
import dev.vellum.client.account.UnlockedAccount;
import dev.vellum.client.jso.AccountKeyStore;
import dev.vellum.client.jso.BrowserPage;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.error.InvalidUsernameException;
import dev.vellum.protocol.account.Username;
import java.util.function.Consumer;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * Sign-up: the username, a passphrase rated as it is typed, and then every key made here (see SignUpMaterial). Once
 * the server has the account, its recovery key is shown once, with a copy button and a file to download.
 */
final class SignUpView {
    private final Page page;
    private final RandomSource random;
    private final Consumer<UnlockedAccount> signedIn;
    private final AccountForm form;
    private final StrengthMeter strength;
    private final RecoveryKeyPanel recoveryPanel;

    SignUpView(Page page, RandomSource random, Consumer<UnlockedAccount> signedIn) {
        this.page = page;
        this.random = random;
        this.signedIn = signedIn;
        this.form = new AccountForm(page, "signup");
        this.strength = new StrengthMeter(page, "signup-passphrase", "signup", () -> form.value("signup-username"));
        this.recoveryPanel = new RecoveryKeyPanel(page, "recovery");
    }

    void show() {
        page.show("signup-view");
        form.onSubmit(this::submit);
        form.focus("signup-username");
    }

    private void submit() {
        Username username;
        try {
            username = Username.parse(form.value("signup-username").trim());
        } catch (InvalidUsernameException e) {
            form.fail(AccountMessages.usernameRule(e.getMessage()));
            form.focus("signup-username");
            return;
        }
        String passphrase = form.passphrase("signup-passphrase");
        String weakness = strength.problem();
        if (weakness != null) {
            form.fail(weakness);
            form.focus("signup-passphrase");
            return;
        }
        if (!passphrase.equals(form.passphrase("signup-repeat"))) {
            form.fail("The two passphrases differ. Type the same passphrase twice.");
            form.focus("signup-repeat");
            return;
        }
        form.working("Making your keys and locking them with your passphrase. This takes a moment, on purpose:"
                + " it makes guessing your passphrase slow.");
        BrowserPage.afterPaint(() -> {
            SignUpMaterial material = SignUpMaterial.create(username, passphrase, random,
                    (long) BrowserPage.nowMillis(), BrowserPage::mark);
            AccountApi.signUp(material.requestJson(), session -> {
                LocalDeviceRecord record = material.localRecord(session.sessionSecret(), random);
                AccountKeyStore.save(username.value(), Int8Array.copyFromJavaArray(record.encode()),
                        () -> showRecoveryKey(material));
            }, error -> {
                form.fail(AccountMessages.describe(error, false));
                form.focus(error.is("username-taken") || error.is("invalid-username")
                        ? "signup-username" : "signup-passphrase");
            });
        });
    }

    private void showRecoveryKey(SignUpMaterial material) {
        form.clear("signup-passphrase");
        form.clear("signup-repeat");
        recoveryPanel.show(material.recoveryKey(), material.account().username().value(),
                () -> signedIn.accept(material.account()));
        page.show("recovery-key-view");
        page.element("recovery-copy").focus();
    }
}
