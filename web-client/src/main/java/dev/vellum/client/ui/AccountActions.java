package dev.vellum.client.ui;

import dev.vellum.client.account.AccountApi;
import dev.vellum.client.account.AccountMessages;
import dev.vellum.client.account.LocalDeviceRecord;
import dev.vellum.client.jso.AccountKeyStore;
import dev.vellum.client.jso.BrowserPage;
import dev.vellum.client.jso.LocalNoteStore;
import dev.vellum.error.InvalidMessageException;
import java.util.function.Consumer;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * Logging out, from the start page or the account page. Both end the server's session; this browser then drops the
 * keys it sealed under that session (they would open nothing anyway), and "forget" also drops the device and the
 * offline copies of notes. The page then loads afresh, so no key stays in memory. When the server cannot be
 * reached the session there stays live, so a logout does not pretend to have worked: nothing changes here and the
 * person is told to try again; "forget" still deletes this browser's keys, as asked, and says the session is live.
 */
final class AccountActions {
    private AccountActions() {
    }

    /** @param problem shows a sentence when the server could not be told; the page stays as it is */
    static void logOut(String username, Consumer<String> problem) {
        AccountApi.logout(() -> dropSessionKeys(username),
                error -> problem.accept(AccountMessages.LOGOUT_NOT_REACHED));
    }

    /** @param problem shows a sentence when this browser forgot the device but the server could not be told */
    static void logOutAndForget(String username, Consumer<String> problem) {
        AccountApi.logout(() -> forget(username, () -> BrowserPage.go("/")),
                error -> forget(username, () -> problem.accept(AccountMessages.FORGOTTEN_BUT_SESSION_LIVE)));
    }

    private static void forget(String username, Runnable then) {
        AccountKeyStore.delete(username, () -> LocalNoteStore.deleteAll(then::run));
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
