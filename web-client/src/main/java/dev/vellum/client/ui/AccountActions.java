package dev.vellum.client.ui;

import dev.vellum.client.account.AccountApi;
import dev.vellum.client.account.LocalDeviceRecord;
import dev.vellum.client.jso.AccountKeyStore;
import dev.vellum.client.jso.BrowserPage;
import dev.vellum.client.jso.LocalNoteStore;
import dev.vellum.error.InvalidMessageException;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * Logging out, from the start page or the account page. Both end the server's session; this browser then drops the
 * keys it sealed under that session (they would open nothing anyway), and "forget" also drops the device and the
 * offline copies of notes. The page then loads afresh, so no key stays in memory.
 */
final class AccountActions {
    private AccountActions() {
    }

    static void logOut(String username) {
        AccountApi.logout(() -> dropSessionKeys(username), error -> dropSessionKeys(username));
    }

    static void logOutAndForget(String username) {
        Runnable forget = () -> AccountKeyStore.delete(username,
                () -> LocalNoteStore.deleteAll(() -> BrowserPage.go("/")));
        AccountApi.logout(forget, error -> forget.run());
    }

    /** After the account was deleted or this device revoked: its keys do not stay here. */
    static void forgetKeys(String username) {
        AccountKeyStore.delete(username, () -> BrowserPage.go("/"));
    }

    private static void dropSessionKeys(String username) {
        AccountKeyStore.load(username, stored -> {
            if (stored == null) {
                BrowserPage.go("/");
                return;
            }
            try {
                LocalDeviceRecord record = LocalDeviceRecord.decode(stored.copyToJavaArray()).withoutSession();
                AccountKeyStore.save(username, Int8Array.copyFromJavaArray(record.encode()), () -> BrowserPage.go("/"));
            } catch (InvalidMessageException e) {
                AccountKeyStore.delete(username, () -> BrowserPage.go("/"));
            }
        });
    }
}
