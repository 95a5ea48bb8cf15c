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
import dev.vellum.protocol.account.RecoveryKey;
import dev.vellum.protocol.account.Username;
import java.util.function.Consumer;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;
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

    SignUpView(Page page, RandomSource random, Consumer<UnlockedAccount> signedIn) {
        this.page = page;
        this.random = random;
        this.signedIn = signedIn;
        this.form = new AccountForm(page, "signup");
        this.strength = new StrengthMeter(page, "signup-passphrase", "signup", () -> form.value("signup-username"));
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
        String passphrase = form.value("signup-passphrase");
        String weakness = strength.problem();
        if (weakness != null) {
            form.fail(weakness);
            form.focus("signup-passphrase");
            return;
        }
        if (!passphrase.equals(form.value("signup-repeat"))) {
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
        RecoveryKey recoveryKey = material.recoveryKey();
        String display = recoveryKey.display();
        HTMLElement shown = page.element("recovery-key");
        HTMLDocument document = HTMLDocument.current();
        for (String group : display.split("-")) {
            HTMLElement span = document.createElement("span");
            span.setInnerText(group);
            shown.appendChild(span);
        }
        shown.setAttribute("aria-label", "Recovery key " + display);
        String fileUrl = BrowserPage.textFileUrl("Vellum recovery key for " + material.account().username().value()
                + "\n\n" + display + "\n\nWith it you can set a new passphrase if you forget yours. Keep it"
                + " somewhere safe; anyone who has it and your username can open your account.\n");
        HTMLElement download = page.element("recovery-download");
        download.setAttribute("href", fileUrl);
        HTMLElement copied = page.element("recovery-copied");
        page.element("recovery-copy").addEventListener("click", event -> BrowserPage.copyText(display,
                () -> copied.setInnerText("Copied."),
                () -> copied.setInnerText("Could not copy here: select the key, or download it.")));
        page.element("recovery-continue").addEventListener("click", event -> {
            BrowserPage.revokeUrl(fileUrl);
            download.removeAttribute("href");
            while (shown.getFirstChild() != null) {
                shown.removeChild(shown.getFirstChild());
            }
            recoveryKey.destroy();
            signedIn.accept(material.account());
        });
        page.show("recovery-key-view");
        page.element("recovery-copy").focus();
    }
}
