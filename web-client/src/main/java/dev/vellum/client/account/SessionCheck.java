package dev.vellum.client.account;

import dev.vellum.client.account.AccountSession.State;
import dev.vellum.error.InvalidMessageException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides how this browser stands with its session from what {@code GET /api/session} answered and what this
 * browser keeps: the part of {@link AccountSession} that needs no browser, so every case is tested on the JVM.
 *
 * <p>Only the server's own "not signed in" (401) means nobody is logged in. When the server could not be asked
 * (offline, down, an answer that does not parse), a browser whose device record still holds session keys was logged
 * in when it last knew: it is {@link AccountSession.Standing#UNREACHABLE}, never "logged out", so that a note does not
 * quietly open as an anonymous visitor. A 401 for a browser that still holds session keys means the session ended
 * elsewhere (revoked, deleted, expired), not that the person logged out here (which empties them).
 */
final class SessionCheck {
    private SessionCheck() {
    }

    /** The server answered with a live session; {@code stored} is this browser's record for its username, or null. */
    static State answered(AccountApi.Session session, byte[] stored) {
        if (stored == null) {
            return State.locked(session.username());
        }
        try {
            UnlockedAccount account = LocalDeviceRecord.decode(stored).openWithSession(session.sessionSecret());
            if (!account.accountId().equals(session.accountId())
                    || !account.device().publicIdentity().signingKey().equals(session.deviceSigningKey())) {
                throw new KeysDoNotMatchException("this browser's keys belong to another device or account");
            }
            return State.signedIn(account);
        } catch (InvalidMessageException | KeysDoNotMatchException e) {
            return State.locked(session.username());
        }
    }

    /**
     * The server did not answer with a session.
     *
     * @param stored every device record this browser keeps (any username)
     */
    static State notAnswered(ApiError error, List<byte[]> stored) {
        String username = usernameWithSessionKeys(stored);
        if (username == null) {
            return State.LOGGED_OUT; // nobody was logged in here: exactly as before accounts
        }
        boolean notSignedIn = error.status() == 401 && error.is("not-signed-in");
        return notSignedIn ? State.sessionEnded(username) : State.unreachable(username);
    }

    /**
     * What this browser must rewrite when the server says its session has ended (401 {@code not-signed-in}): every
     * record that still holds keys sealed under a session, without them. The server deletes an ended session's
     * secret; a copy of it (a backup of the database, a log) together with this disk would otherwise still open them.
     * Any other failure changes nothing: the session may well be live.
     *
     * @return username to the record to save in its place; empty when nothing is to change
     */
    static Map<String, byte[]> withoutEndedSessionKeys(ApiError error, List<byte[]> stored) {
        Map<String, byte[]> rewritten = new LinkedHashMap<>();
        if (!(error.status() == 401 && error.is("not-signed-in"))) {
            return rewritten;
        }
        for (byte[] bytes : stored) {
            try {
                LocalDeviceRecord record = LocalDeviceRecord.decode(bytes);
                if (record.hasSession()) {
                    rewritten.put(record.username().value(), record.withoutSession().encode());
                }
            } catch (InvalidMessageException e) {
                // unreadable: nothing in it opens anyway
            }
        }
        return rewritten;
    }

    private static String usernameWithSessionKeys(List<byte[]> stored) {
        for (byte[] bytes : stored) {
            try {
                LocalDeviceRecord record = LocalDeviceRecord.decode(bytes);
                if (record.hasSession()) {
                    return record.username().value();
                }
            } catch (InvalidMessageException e) {
                // unreadable: says nothing about who was logged in
            }
        }
        return null;
    }
}
