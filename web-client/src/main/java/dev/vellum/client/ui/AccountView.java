package dev.vellum.client.ui;

import dev.vellum.client.account.AccountApi;
import dev.vellum.client.account.AccountApi.Device;
import dev.vellum.client.account.AccountMessages;
import dev.vellum.client.account.ApiError;
import dev.vellum.client.account.JsonText;
import dev.vellum.client.account.LocalDeviceRecord;
import dev.vellum.client.account.RecoveryKeyReplacement;
import dev.vellum.client.account.UnlockedAccount;
import dev.vellum.client.jso.AccountKeyStore;
import dev.vellum.client.jso.BrowserPage;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.encoding.Base64Url;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.account.AccountKdf;
import dev.vellum.protocol.account.AccountSalt;
import dev.vellum.protocol.account.PassphraseKeys;
import java.util.List;
import java.util.function.Consumer;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * The account page: this account's devices (revocable), a passphrase change (the identity is sealed again under the
 * new passphrase; devices keep their keys and sessions), a new recovery key (shown once), logging out, and deleting
 * the account once the passphrase is confirmed.
 */
final class AccountView {
    private final Page page;
    private final RandomSource random;
    private final UnlockedAccount account;
    private final String username;
    private final AccountForm change;
    private final AccountForm delete;
    private final AccountForm rekey;
    private final RecoveryKeyPanel newRecoveryKey;
    private final StrengthMeter strength;

    AccountView(Page page, RandomSource random, UnlockedAccount account) {
        this.page = page;
        this.random = random;
        this.account = account;
        this.username = account.username().value();
        this.change = new AccountForm(page, "change");
        this.delete = new AccountForm(page, "delete");
        this.rekey = new AccountForm(page, "rekey");
        this.newRecoveryKey = new RecoveryKeyPanel(page, "rekey");
        this.strength = new StrengthMeter(page, "change-new", "change", () -> username);
    }

    void show() {
        page.element("account-username").setInnerText(username);
        page.show("account-view");
        change.onSubmit(this::changePassphrase);
        delete.onSubmit(this::deleteAccount);
        rekey.onSubmit(this::replaceRecoveryKey);
        page.element("account-logout").addEventListener("click",
                event -> AccountActions.logOut(username, this::logoutProblem));
        page.element("account-forget").addEventListener("click",
                event -> AccountActions.logOutAndForget(username, this::logoutProblem));
        loadDevices();
    }

    private void loadDevices() {
        AccountApi.devices(this::showDevices, error -> {
            if (error.is("device-revoked")) {
                AccountActions.forgetKeys(username);
                return;
            } else if (error.is("not-signed-in")) {
                BrowserPage.go("/login");
                return;
            }
            HTMLElement problem = page.element("devices-error");
            problem.setInnerText(AccountMessages.describe(error, false));
            problem.setHidden(false);
        });
    }

    private void showDevices(List<Device> devices) {
        HTMLElement list = page.element("device-list");
        while (list.getFirstChild() != null) {
            list.removeChild(list.getFirstChild());
        }
        HTMLDocument document = HTMLDocument.current();
        // This device first, then the others in the server's order, revoked ones last.
        List<Device> ordered = new java.util.ArrayList<>(devices);
        ordered.sort(java.util.Comparator.comparingInt(
                (Device d) -> d.current() ? 0 : d.revokedAt() == null ? 1 : 2));
        for (Device device : ordered) {
            String name = "Device " + Base64Url.encode(device.signingKey().toBytes()).substring(0, 8);
            HTMLElement item = document.createElement("li");
            item.setAttribute("data-current", device.current() ? "true" : "false");
            item.setAttribute("data-revoked", device.revokedAt() != null ? "true" : "false");
            HTMLElement about = document.createElement("div");
            HTMLElement title = document.createElement("div");
            title.setClassName("device-name");
            title.appendChild(document.createTextNode(device.current() ? "This device " : "Device "));
            HTMLElement code = document.createElement("code");
            code.setInnerText(name.substring("Device ".length()));
            title.appendChild(code);
            if (device.revokedAt() != null) {
                HTMLElement badge = document.createElement("span");
                badge.setClassName("badge badge-revoked");
                badge.setInnerText("Revoked");
                title.appendChild(badge);
            }
            HTMLElement times = document.createElement("div");
            times.setClassName("device-times");
            StringBuilder text = new StringBuilder("Added ").append(BrowserPage.localTime(device.addedAt()));
            if (device.lastSeenAt() != null) {
                text.append(" · last seen ").append(BrowserPage.localTime(device.lastSeenAt()));
            }
            if (device.revokedAt() != null) {
                text.append(" · revoked ").append(BrowserPage.localTime(device.revokedAt()));
            }
            times.setInnerText(text.toString());
            about.appendChild(title);
            about.appendChild(times);
            item.appendChild(about);
            if (device.revokedAt() == null) {
                HTMLElement revoke = document.createElement("button");
                revoke.setAttribute("type", "button");
                revoke.setInnerText(device.current() ? "Revoke and log out" : "Revoke");
                revoke.setAttribute("aria-label", device.current() ? "Revoke this device" : "Revoke " + name);
                revoke.addEventListener("click", event -> revoke(device));
                item.appendChild(revoke);
            }
            list.appendChild(item);
        }
    }

    private void revoke(Device device) {
        AccountApi.revoke(device.signingKey(), () -> {
            if (device.current()) {
                AccountActions.forgetKeys(username);
            } else {
                notice("The device was revoked: its sessions have ended, and it can no longer write as you.");
                loadDevices();
            }
        }, error -> {
            HTMLElement problem = page.element("devices-error");
            problem.setInnerText(AccountMessages.describe(error, false));
            problem.setHidden(false);
        });
    }

    private void changePassphrase() {
        String current = change.passphrase("change-current");
        String next = change.passphrase("change-new");
        if (current.isEmpty()) {
            change.fail("Type your current passphrase.");
            change.focus("change-current");
            return;
        }
        String weakness = strength.problem();
        if (weakness != null) {
            change.fail(weakness);
            change.focus("change-new");
            return;
        }
        if (!next.equals(change.passphrase("change-repeat"))) {
            change.fail("The two new passphrases differ. Type the same passphrase twice.");
            change.focus("change-repeat");
            return;
        }
        change.working("Checking your current passphrase and locking your keys with the new one…");
        AccountApi.salt(account.username(), salt -> BrowserPage.afterPaint(() -> {
            PassphraseKeys currentKeys = AccountKdf.derive(current, salt);
            AccountSalt newSalt = AccountSalt.random(random);
            PassphraseKeys newKeys = AccountKdf.derive(next, newSalt);
            String body = JsonText.object()
                    .put("currentAuthKey", currentKeys.authKey().toBytes())
                    .put("salt", newSalt.toBytes())
                    .put("authKey", newKeys.authKey().toBytes())
                    .put("passphraseBundle", account.sealPassphraseBundle(newKeys.wrappingKey(), random))
                    .toString();
            AccountApi.changePassphrase(body, () -> keepNewSalt(newSalt), error -> {
                change.fail(error.is("wrong-credentials") ? "The current passphrase is wrong."
                        : AccountMessages.describe(error, false));
                change.focus("change-current");
            });
        }), error -> change.fail(AccountMessages.describe(error, false)));
    }

    /** This browser's record learns the new salt (its device keys, sealed under the identity, stay as they are). */
    private void keepNewSalt(AccountSalt newSalt) {
        Runnable done = () -> {
            change.clear("change-current");
            change.clear("change-new");
            change.clear("change-repeat");
            change.idle();
            notice("Your passphrase is changed. Your other devices stay logged in.");
        };
        AccountKeyStore.load(username, stored -> {
            if (stored == null) {
                done.run();
                return;
            }
            try {
                LocalDeviceRecord record = LocalDeviceRecord.decode(stored.copyToJavaArray())
                        .withPassphrase(account, newSalt, random);
                AccountKeyStore.save(username, Int8Array.copyFromJavaArray(record.encode()), done::run);
            } catch (InvalidMessageException e) {
                done.run();
            }
        });
    }

    /**
     * Makes a new recovery key once the passphrase is confirmed, and shows it once, as sign-up does; the old key
     * stops working as soon as the server has the new one.
     */
    private void replaceRecoveryKey() {
        String passphrase = rekey.passphrase("rekey-passphrase");
        if (passphrase.isEmpty()) {
            rekey.fail("Type your passphrase to confirm.");
            rekey.focus("rekey-passphrase");
            return;
        }
        rekey.working("Checking your passphrase and making a new recovery key…");
        Consumer<ApiError> refused = error -> {
            rekey.fail(error.is("wrong-credentials") ? "The passphrase is wrong."
                    : AccountMessages.describe(error, false));
            rekey.focus("rekey-passphrase");
        };
        AccountApi.salt(account.username(), salt -> BrowserPage.afterPaint(() -> {
            PassphraseKeys keys = AccountKdf.derive(passphrase, salt);
            RecoveryKeyReplacement replacement = RecoveryKeyReplacement.create(account, keys.authKey(), random);
            AccountApi.replaceRecoveryKey(replacement.requestJson(), () -> {
                rekey.clear("rekey-passphrase");
                rekey.idle();
                page.element("rekey-form").setHidden(true);
                page.element("rekey-shown").setHidden(false);
                newRecoveryKey.show(replacement.recoveryKey(), username, () -> {
                    page.element("rekey-shown").setHidden(true);
                    page.element("rekey-form").setHidden(false);
                    notice("Your new recovery key is saved. The old one no longer works.");
                });
                page.element("rekey-copy").focus();
            }, error -> {
                replacement.recoveryKey().destroy();
                refused.accept(error);
            });
        }), refused);
    }

    private void logoutProblem(String message) {
        HTMLElement problem = page.element("account-logout-problem");
        problem.setInnerText(message);
        problem.setHidden(false);
    }

    private void deleteAccount() {
        String passphrase = delete.passphrase("delete-passphrase");
        if (passphrase.isEmpty()) {
            delete.fail("Type your passphrase to confirm.");
            delete.focus("delete-passphrase");
            return;
        }
        delete.working("Checking your passphrase…");
        Consumer<ApiError> refused = error -> {
            delete.fail(AccountMessages.describe(error, false));
            delete.focus("delete-passphrase");
        };
        AccountApi.salt(account.username(), salt -> BrowserPage.afterPaint(() -> {
            PassphraseKeys keys = AccountKdf.derive(passphrase, salt);
            AccountApi.deleteAccount(keys.authKey(), () -> AccountActions.forgetKeys(username), refused);
        }), refused);
    }

    private void notice(String message) {
        HTMLElement notice = page.element("account-notice");
        notice.setInnerText(message);
        notice.setHidden(false);
    }
}
