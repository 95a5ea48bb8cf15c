package dev.vellum.client.sync;

import dev.vellum.client.comment.CommentBook;
import dev.vellum.protocol.comment.CommentRecord;
import dev.vellum.protocol.id.IdentityKeyId;
import java.util.List;

/**
 * The comment records a set of items adds up to under the merge rules (docs/protocol.md, "Comments"): each comment
 * at its author's latest edit, each thread's winning state. {@link SnapshotAudit} keeps one beside its shadow text,
 * so that a snapshot which drops a comment, rolls one back to an earlier edit, or brings back an earlier thread state
 * is caught like a snapshot whose text was altered. The merge is the {@link CommentBook}'s own, so that this check
 * and what readers show can never disagree; records are verified before they come in.
 */
final class CommentHeads {
    /** Created with the first record, for its note (every record here was checked to name the reader's note). */
    private CommentBook book;

    CommentHeads() {
    }

    CommentHeads(List<CommentRecord> records) {
        addAll(records);
    }

    void addAll(List<CommentRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        if (book == null) {
            book = new CommentBook(records.get(0).noteId(), IdentityKeyId.ANONYMOUS);
        }
        book.applyAll(records);
    }

    /**
     * Whether {@code records} (a snapshot's) hold every record in force here, or one that supersedes it: a later edit
     * by the comment's author, or a thread state that wins over this one. Each record here is merged into a book of
     * the snapshot's, which must hold it or supersede it by the same author's key (a record of another key under the
     * same comment id, which would refuse this one as a forged edit, does not count).
     */
    boolean allHeldOrSupersededIn(List<CommentRecord> records) {
        if (book == null) {
            return true;
        }
        List<CommentRecord> mine = book.currentRecords();
        CommentBook theirs = new CommentBook(mine.get(0).noteId(), IdentityKeyId.ANONYMOUS);
        theirs.applyAll(records);
        for (CommentRecord record : mine) {
            if (!theirs.holdsOrSupersedes(record)) {
                return false;
            }
        }
        return true;
    }
}
