package dev.vellum.client.comment;

import dev.vellum.protocol.comment.CommentRecord;
import dev.vellum.protocol.id.CommentId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Records that wait for a comment to arrive, as text ops wait for the characters they name: replies (and their
 * edits) for the comment they answer, thread states for the thread's first comment. Duplicates are kept once.
 */
final class WaitingRecords {
    /** Records kept at most; honest writers never come near it, as a reply is sent after what it answers. */
    static final int MAX_WAITING = 4096;

    private final Map<CommentId, Set<CommentRecord>> byAwaited = new HashMap<>();
    private int size;

    /** Keeps {@code record} until {@code awaited} arrives; false if it was already kept or there is no room. */
    boolean add(CommentId awaited, CommentRecord record) {
        if (size >= MAX_WAITING) {
            return false;
        }
        if (!byAwaited.computeIfAbsent(awaited, id -> new LinkedHashSet<>()).add(record)) {
            return false;
        }
        size++;
        return true;
    }

    /** The records that waited for {@code arrived}, which no longer wait. */
    List<CommentRecord> release(CommentId arrived) {
        Set<CommentRecord> released = byAwaited.remove(arrived);
        if (released == null) {
            return List.of();
        }
        size -= released.size();
        return new ArrayList<>(released);
    }

    boolean contains(CommentRecord record) {
        for (Set<CommentRecord> records : byAwaited.values()) {
            if (records.contains(record)) {
                return true;
            }
        }
        return false;
    }

    List<CommentRecord> all() {
        List<CommentRecord> all = new ArrayList<>(size);
        for (Set<CommentRecord> records : byAwaited.values()) {
            all.addAll(records);
        }
        return all;
    }

    int size() {
        return size;
    }
}
