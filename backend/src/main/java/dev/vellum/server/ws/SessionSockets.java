package dev.vellum.server.ws;

import dev.vellum.server.account.SessionEvents;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open note sockets that belong to a session, so that a session's end (logout, revocation of its device,
 * deletion of its account) closes them at once, with code 4401 "session ended". One per verticle, told by
 * {@link SessionEvents} over the event bus. Anonymous sockets are not held here.
 */
public final class SessionSockets {
    private final Set<NoteSession> open = ConcurrentHashMap.newKeySet();

    void add(NoteSession session) {
        open.add(session);
    }

    void remove(NoteSession session) {
        open.remove(session);
    }

    /** Closes every socket whose session {@code ended} ends. */
    public void end(SessionEvents.Ended ended) {
        for (NoteSession session : open) {
            if (ended.ends(session.accountSession())) {
                open.remove(session);
                session.endSession();
            }
        }
    }

    /** Sockets of sessions open now. */
    public int open() {
        return open.size();
    }
}
