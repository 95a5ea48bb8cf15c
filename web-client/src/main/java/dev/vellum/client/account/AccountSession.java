package dev.vellum.client.account;

import dev.vellum.client.jso.AccountKeyStore;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * Who is logged in in this browser, found again after a reload: the server's session ({@code GET /api/session})
 * hands back the session's secret, which opens this device's keys as this browser sealed them at login
 * ({@code DEVICE_SESSION}). Without a live session (logged out, revoked, deleted) nothing opens, whatever the disk
 * holds; when the server says the session ended, that session-sealed copy is deleted here too, so this disk and a
 * leaked copy of the ended session's secret together open nothing either. "Could not ask the server" is told apart
 * from "not logged in" (see {@link SessionCheck}).
 */
public final class AccountSession {
    /** How this browser stands with its session. */
    public enum Standing {
        /** The keys are open: the person writes as themselves. */
        SIGNED_IN,
        /** Nobody is logged in in this browser. */
        LOGGED_OUT,
        /** A session lives on the server, but this browser holds no keys that open for it. */
        LOCKED,
        /** This browser was logged in, but the server could not be asked, so the keys cannot be opened now. */
        UNREACHABLE,
        /** This browser was logged in, and the server says the session ended (revoked, deleted, expired). */
        SESSION_ENDED
    }

    /**
     * The session as this browser sees it.
     *
     * @param account  the open account when {@link Standing#SIGNED_IN}, else null
     * @param username who is (or was) logged in, when known; null when {@link Standing#LOGGED_OUT}
     */
    public record State(Standing standing, UnlockedAccount account, String username) {
        public static final State LOGGED_OUT = new State(Standing.LOGGED_OUT, null, null);

        public static State signedIn(UnlockedAccount account) {
            return new State(Standing.SIGNED_IN, account, account.username().value());
        }

        static State locked(String username) {
            return new State(Standing.LOCKED, null, username);
        }

        static State unreachable(String username) {
            return new State(Standing.UNREACHABLE, null, username);
        }

        static State sessionEnded(String username) {
            return new State(Standing.SESSION_ENDED, null, username);
        }

        public boolean signedIn() {
            return standing == Standing.SIGNED_IN;
        }

        /** A session lives on the server, but this browser holds no keys that open for it. */
        public boolean locked() {
            return standing == Standing.LOCKED;
        }

        public String lockedUsername() {
            return locked() ? username : null;
        }

        /**
         * Someone is (or was) logged in here whose keys cannot be opened now (offline, their session ended, or this
         * browser no longer holds them): a note must not write for them under another key.
         */
        public boolean keysUnavailable() {
            return standing == Standing.UNREACHABLE || standing == Standing.SESSION_ENDED
                    || standing == Standing.LOCKED;
        }
    }

    private AccountSession() {
    }

    public static void check(Consumer<State> callback) {
        // This device's records are read while the session request is out, not after it: IndexedDB and the server
        // then take their time together.
        JSObject ahead = AccountKeyStore.readAll();
        AccountApi.session(session -> AccountKeyStore.recordOf(ahead, session.username(), early -> {
                    State state = SessionCheck.answered(session, early == null ? null : early.copyToJavaArray());
                    if (state.signedIn()) {
                        callback.accept(state);
                        return;
                    }
                    // Read before the session answered: a login in another tab may have replaced the record since.
                    // Read it again, as this check always did after the answer, before calling this browser locked.
                    AccountKeyStore.load(session.username(), stored -> callback.accept(SessionCheck.answered(session,
                            stored == null ? null : stored.copyToJavaArray())));
                }),
                error -> AccountKeyStore.loadAll(records -> {
                    List<byte[]> stored = new ArrayList<>();
                    for (int i = 0; i < records.getLength(); i++) {
                        stored.add(records.get(i).copyToJavaArray());
                    }
                    State state = SessionCheck.notAnswered(error, stored);
                    dropEndedSessionKeys(SessionCheck.withoutEndedSessionKeys(error, stored).entrySet().iterator(),
                            () -> callback.accept(state));
                }));
    }

    /** Saves each rewritten record in turn (IndexedDB answers one at a time), then goes on. */
    private static void dropEndedSessionKeys(Iterator<Map.Entry<String, byte[]>> records, Runnable then) {
        if (!records.hasNext()) {
            then.run();
            return;
        }
        Map.Entry<String, byte[]> record = records.next();
        AccountKeyStore.save(record.getKey(), Int8Array.copyFromJavaArray(record.getValue()),
                () -> dropEndedSessionKeys(records, then));
    }
}
