package dev.vellum.server.store;

import dev.vellum.protocol.id.NoteId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The latest revision of the notes appended to lately, so an append does not look for it: the least recently used
 * note goes once {@code capacity} are kept, and is read from the database at its next append. Only a hint checked by
 * the database: a stale number fails on the items' key and is read again ({@link JdbcNoteItemRepository}). A
 * capacity of 0 keeps nothing: on a database other nodes write to, every append reads the number.
 */
final class LatestRevisions {
    /** About 100 bytes a note: a few megabytes for the notes a busy server writes to. */
    static final int DEFAULT_NOTES = 65_536;

    private final Map<NoteId, Long> latest;

    LatestRevisions(int capacity) {
        this.latest = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<NoteId, Long> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The note's latest revision as last stored here, or -1 if not known. */
    synchronized long get(NoteId noteId) {
        Long revision = latest.get(noteId);
        return revision == null ? -1 : revision;
    }

    synchronized void put(NoteId noteId, long revision) {
        latest.put(noteId, revision);
    }

    synchronized void forget(NoteId noteId) {
        latest.remove(noteId);
    }
}
