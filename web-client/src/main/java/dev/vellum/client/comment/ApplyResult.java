package dev.vellum.client.comment;

import dev.vellum.protocol.comment.CommentRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * What applying comment records did: the records now in force (including replies that were waiting for the parent
 * that just arrived), those that wait for their parent, and the warnings to show. A duplicate, or an older version
 * of a comment, changes nothing and warns of nothing.
 *
 * @param applied records that changed what the panel shows, in the order they were applied
 * @param waiting records that wait for the comment they answer (or the thread they resolve) to arrive
 * @param warnings records refused or settled, to tell the person about
 */
public record ApplyResult(List<CommentRecord> applied, List<CommentRecord> waiting, List<CommentWarning> warnings) {
    public ApplyResult {
        applied = List.copyOf(applied);
        waiting = List.copyOf(waiting);
        warnings = List.copyOf(warnings);
    }

    /** Whether the threads changed: the panel needs drawing again. */
    public boolean changed() {
        return !applied.isEmpty();
    }

    /** This result followed by {@code later}. */
    public ApplyResult and(ApplyResult later) {
        return new ApplyResult(concat(applied, later.applied), concat(waiting, later.waiting),
                concat(warnings, later.warnings));
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
