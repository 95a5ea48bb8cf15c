package dev.vellum.client.account;

import dev.vellum.client.jso.AccountKeyStore;
import dev.vellum.error.InvalidMessageException;
import java.util.function.Consumer;

/**
 * Who is logged in in this browser, found again after a reload: the server's session ({@code GET /api/session})
 * hands back the session's secret, which opens this device's keys as this browser sealed them at login
 * ({@code DEVICE_SESSION}). Without a live session (logged out, revoked, deleted) nothing opens, whatever the disk
 * holds.
 */
public final class AccountSession {
    /**
     * The session as this browser sees it: an open account, or a live session whose keys this browser cannot open
     * (its storage was cleared, or it holds another device's record), or nobody.
     */
    public record State(UnlockedAccount account, String lockedUsername) {
        public static final State LOGGED_OUT = new State(null, null);

        public boolean signedIn() {
            return account != null;
        }

        /** A session lives on the server, but this browser holds no keys that open for it. */
        public boolean locked() {
            return account == null && lockedUsername != null;
        }
    }

    private AccountSession() {
    }

    /** Gives the signed-in device, or null when nobody is logged in here or the keys could not be unlocked. */
    public static void load(Consumer<SignedInDevice> callback) {
        check(state -> callback.accept(state.signedIn() ? state.account().signedInDevice() : null));
    }

    public static void check(Consumer<State> callback) {
        AccountApi.session(session -> AccountKeyStore.load(session.username(), stored -> {
            if (stored == null) {
                callback.accept(new State(null, session.username()));
                return;
            }
            try {
                UnlockedAccount account = LocalDeviceRecord.decode(stored.copyToJavaArray())
                        .openWithSession(session.sessionSecret());
                if (!account.accountId().equals(session.accountId())
                        || !account.device().publicIdentity().signingKey().equals(session.deviceSigningKey())) {
                    throw new KeysDoNotMatchException("this browser's keys belong to another device or account");
                }
                callback.accept(new State(account, null));
            } catch (InvalidMessageException | KeysDoNotMatchException e) {
                callback.accept(new State(null, session.username()));
            }
        }), error -> callback.accept(State.LOGGED_OUT));
    }
}
