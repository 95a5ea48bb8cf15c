package dev.vellum.server.ws;

import dev.vellum.server.account.SessionEvents;
import dev.vellum.server.workspace.WorkspaceEvents;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The open note sockets that belong to a session, so that a session's end (logout, revocation of its device,
 * deletion of its account) closes them at once, with code 4401 "session ended". One per verticle, told by
 * {@link SessionEvents} over the event bus. Anonymous sockets are not held here. A workspace member's removal
 * ({@link WorkspaceEvents}) closes their sockets on the workspace's notes the same way, with 4403 "removed".
 */
public final class SessionSockets {
    private final Set<NoteSession> open = ConcurrentHashMap.newKeySet();
    /**
     * Counts endings. A socket's session is looked up before the socket is registered here; an ending in between
     * finds nothing to close. The handler reads this before the lookup and again after registering: if it moved,
     * it looks the session up again. {@link #end} counts before it looks at {@link #open}, and a socket is
     * registered before the count is read again, so every ending either finds the socket or moves the count.
     */
    private final AtomicLong endings = new AtomicLong();

    /** How many endings this registry has been told of; see {@link #endedSince}. */
    long endings() {
        return endings.get();
    }

    /** Whether any session ended since {@link #endings()} was {@code seen}. */
    boolean endedSince(long seen) {
        return endings.get() != seen;
    }

    void add(NoteSession session) {
        open.add(session);
    }

    void remove(NoteSession session) {
        open.remove(session);
    }

    /** Closes every socket whose session {@code ended} ends. */
    public void end(SessionEvents.Ended ended) {
        endings.incrementAndGet();
        for (NoteSession session : open) {
            if (ended.ends(session.accountSession())) {
                open.remove(session);
                session.endSession();
            }
        }
    }

    /** Closes every socket of the removed account on the workspace's notes, with 4403 "removed". */
    public void removed(WorkspaceEvents.Removed removed) {
        endings.incrementAndGet();
        for (NoteSession session : open) {
            if (removed.workspaceId().equals(session.workspaceId())
                    && session.accountSession().accountId().equals(removed.accountId())) {
                open.remove(session);
                session.removedFromWorkspace();
            }
        }
    }

    /** Sockets of sessions open now. */
    public int open() {
        return open.size();
    }
}
