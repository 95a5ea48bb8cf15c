package dev.vellum.server.ws;

import dev.vellum.protocol.id.NoteId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How much presence one note may relay, across all its connections to this server: {@value #PER_NOTE_PER_SECOND}
 * messages a second sustained, bursts up to twice that. Each connection has its own, smaller budget too
 * ({@link NoteSession#PRESENCE_PER_SECOND}); this one bounds what many connections to one note can make every reader
 * receive. Budgets are kept for the {@value #MAX_NOTES} notes that sent presence last: a note forgotten and heard
 * again starts with a full bucket, which allows one burst more, no more. Thread-safe: sessions run on several event
 * loops.
 */
final class PresenceBudget {
    /** A dozen people moving their carets as fast as a client may (4 a second) and their heartbeats. */
    static final int PER_NOTE_PER_SECOND = 50;
    static final int MAX_NOTES = 10_000;

    private final int perSecond;
    private final Map<NoteId, FrameRateLimiter> notes = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<NoteId, FrameRateLimiter> eldest) {
            return size() > MAX_NOTES;
        }
    };

    PresenceBudget(int perSecond) {
        this.perSecond = perSecond;
    }

    /** Takes one message from the note's budget if there is one left. */
    synchronized boolean tryAcquire(NoteId noteId, long nowNanos) {
        return notes.computeIfAbsent(noteId, id -> new FrameRateLimiter(perSecond, nowNanos)).tryAcquire(nowNanos);
    }
}
