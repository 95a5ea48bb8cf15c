package dev.vellum.protocol.comment;

import dev.vellum.crypto.random.RandomSource;
import dev.vellum.encoding.Utf8;
import dev.vellum.protocol.id.CommentId;
import dev.vellum.protocol.id.NoteId;

/**
 * A comment record before its author signs it: everything but the author's keys, certificate and signature. Made by
 * the static factories (post, reply, edit, delete, resolve, reopen), which fill in ids and counters as the protocol
 * wants them; the constructor checks every rule a reader's {@link CommentRecord#parse} checks, so a draft that exists
 * signs into a record that parses.
 *
 * <p>Strings are kept as their author's device will show them after the round trip: unpaired surrogates become
 * U+FFFD (see {@link #text()}).
 */
public final class CommentDraft {
    /** A comment's largest text, in bytes of UTF-8. */
    public static final int MAX_TEXT_BYTES = 20_000;
    /** An anonymous author's largest chosen name, in bytes of UTF-8 (as in presence and snapshots). */
    public static final int MAX_NAME_BYTES = 60;

    private final CommentType type;
    private final NoteId noteId;
    private final CommentId threadId;
    private final CommentId recordId;
    private final CommentId parentId;
    private final int edit;
    private final long clock;
    private final long createdAtMillis;
    private final boolean deleted;
    private final boolean resolved;
    private final CommentAnchor anchor;
    private final String text;
    private final String authorName;

    /**
     * Any draft the format allows; prefer the factories.
     *
     * @param parentId {@link CommentId#ZERO} for a thread's first comment and for a thread state
     * @param deleted for a comment only: its author took it back (then its text is empty and {@code edit} at least 1)
     * @param resolved for a thread state only: resolved if set, reopened if clear
     * @param anchor present exactly for a thread's first comment
     * @param authorName an anonymous author's chosen name (may be empty); empty for an account's device
     * @throws IllegalArgumentException if the fields break a rule of the format (see docs/protocol.md, "Comments")
     */
    public CommentDraft(CommentType type, NoteId noteId, CommentId threadId, CommentId recordId, CommentId parentId,
                        int edit, long clock, long createdAtMillis, boolean deleted, boolean resolved,
                        CommentAnchor anchor, String text, String authorName) {
        if (type == null || noteId == null || threadId == null || recordId == null || parentId == null
                || text == null || authorName == null) {
            throw new NullPointerException("a comment draft has a type, ids, a text and a name (perhaps empty)");
        }
        this.type = type;
        this.noteId = noteId;
        this.threadId = threadId;
        this.recordId = recordId;
        this.parentId = parentId;
        this.edit = edit;
        this.clock = clock;
        this.createdAtMillis = createdAtMillis;
        this.deleted = deleted;
        this.resolved = resolved;
        this.anchor = anchor;
        this.text = CommentText.wellFormed(text);
        this.authorName = CommentText.wellFormed(authorName);
        check();
    }

    private void check() {
        if (threadId.isZero() || recordId.isZero()) {
            throw new IllegalArgumentException("a comment record names its thread and itself by non-zero ids");
        }
        if (edit < 0 || clock < 1 || createdAtMillis < 0) {
            throw new IllegalArgumentException("edit " + edit + ", clock " + clock + " and creation time "
                    + createdAtMillis + " must be at least 0, 1 and 0");
        }
        int textBytes = Utf8.encode(text).length;
        if (textBytes > MAX_TEXT_BYTES) {
            throw new IllegalArgumentException("a comment is at most " + MAX_TEXT_BYTES + " bytes, not " + textBytes);
        }
        int nameBytes = Utf8.encode(authorName).length;
        if (nameBytes > MAX_NAME_BYTES) {
            throw new IllegalArgumentException("an author name is at most " + MAX_NAME_BYTES + " bytes, not "
                    + nameBytes);
        }
        if (type == CommentType.COMMENT) {
            checkComment();
        } else {
            checkThreadState();
        }
    }

    private void checkComment() {
        if (resolved) {
            throw new IllegalArgumentException("only a thread state is resolved");
        }
        boolean startsThread = parentId.isZero();
        if (startsThread != (anchor != null)) {
            throw new IllegalArgumentException(startsThread ? "a thread's first comment carries its anchor"
                    : "a reply carries no anchor");
        }
        if (startsThread ? !threadId.equals(recordId)
                : threadId.equals(recordId) || parentId.equals(recordId)) {
            throw new IllegalArgumentException(startsThread ? "a thread is named by its first comment's id"
                    : "a reply has an id of its own, other than its thread's and its parent's");
        }
        if (deleted ? !text.isEmpty() || edit < 1 : text.isEmpty()) {
            throw new IllegalArgumentException(deleted ? "a deletion is a later edit, with no text"
                    : "a comment says something");
        }
    }

    private void checkThreadState() {
        if (deleted || edit != 0 || !parentId.isZero() || anchor != null || !text.isEmpty()) {
            throw new IllegalArgumentException("a thread state has no deletion, edit, parent, anchor or text");
        }
        if (recordId.equals(threadId)) {
            throw new IllegalArgumentException("a thread state has an id of its own, other than its thread's");
        }
    }

    /** A new thread: its first comment, anchored; the thread's id is the comment's, fresh. */
    public static CommentDraft post(NoteId noteId, CommentAnchor anchor, String text, long clock, long now,
                                    String name, RandomSource random) {
        CommentId id = CommentId.random(random);
        return new CommentDraft(CommentType.COMMENT, noteId, id, id, CommentId.ZERO, 0, clock, now, false, false,
                anchor, text, name);
    }

    /** A reply to {@code parentId} (the thread's first comment or another reply) in thread {@code threadId}. */
    public static CommentDraft reply(NoteId noteId, CommentId threadId, CommentId parentId, String text, long clock,
                                     long now, String name, RandomSource random) {
        if (parentId.isZero()) {
            throw new IllegalArgumentException("a reply names the comment it answers");
        }
        return new CommentDraft(CommentType.COMMENT, noteId, threadId, freshOtherThan(random, threadId, parentId),
                parentId, 0, clock, now, false, false, null, text, name);
    }

    /**
     * The next version of the author's own comment: same ids, parent, anchor and name, {@code edit} one higher. Only
     * the key that signed {@code previous} can sign it so that readers apply it.
     *
     * @throws IllegalArgumentException if {@code previous} is a thread state or a deleted comment
     */
    public static CommentDraft edit(CommentRecord previous, String text, long clock, long now) {
        return next(previous, text, false, clock, now);
    }

    /** The author taking back their own comment: {@code edit} one higher, no text; the thread keeps its place. */
    public static CommentDraft delete(CommentRecord previous, long clock, long now) {
        return next(previous, "", true, clock, now);
    }

    private static CommentDraft next(CommentRecord previous, String text, boolean deleted, long clock, long now) {
        if (previous.type() != CommentType.COMMENT || previous.deleted()) {
            throw new IllegalArgumentException("only a comment that is not deleted can be edited or deleted");
        }
        if (previous.edit() == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("this comment has been edited as often as the format counts");
        }
        return new CommentDraft(CommentType.COMMENT, previous.noteId(), previous.threadId(), previous.recordId(),
                previous.parentId(), previous.edit() + 1, clock, now, deleted, false, previous.anchor(), text,
                previous.authorName());
    }

    /** The thread marked resolved, by anyone who may comment. */
    public static CommentDraft resolve(NoteId noteId, CommentId threadId, long clock, long now, String name,
                                       RandomSource random) {
        return threadState(noteId, threadId, true, clock, now, name, random);
    }

    /** The thread opened again, by anyone who may comment. */
    public static CommentDraft reopen(NoteId noteId, CommentId threadId, long clock, long now, String name,
                                      RandomSource random) {
        return threadState(noteId, threadId, false, clock, now, name, random);
    }

    private static CommentDraft threadState(NoteId noteId, CommentId threadId, boolean resolved, long clock, long now,
                                            String name, RandomSource random) {
        return new CommentDraft(CommentType.THREAD_STATE, noteId, threadId, freshOtherThan(random, threadId, null),
                CommentId.ZERO, 0, clock, now, false, resolved, null, "", name);
    }

    private static CommentId freshOtherThan(RandomSource random, CommentId first, CommentId second) {
        CommentId id;
        do {
            id = CommentId.random(random);
        } while (id.equals(first) || id.equals(second));
        return id;
    }

    public CommentType type() {
        return type;
    }

    public NoteId noteId() {
        return noteId;
    }

    public CommentId threadId() {
        return threadId;
    }

    /** For a comment, its comment id (the same in all its edits); for a thread state, a fresh id of its own. */
    public CommentId recordId() {
        return recordId;
    }

    /** The comment replied to, or {@link CommentId#ZERO} for a thread's first comment and for a thread state. */
    public CommentId parentId() {
        return parentId;
    }

    /** 0 when posted, one more per edit or deletion; 0 for a thread state. */
    public int edit() {
        return edit;
    }

    /** The Lamport clock: one more than the highest clock among the records the author's device held. */
    public long clock() {
        return clock;
    }

    /** Milliseconds since 1970 by the author's clock, as they claim it. */
    public long createdAtMillis() {
        return createdAtMillis;
    }

    public boolean deleted() {
        return deleted;
    }

    public boolean resolved() {
        return resolved;
    }

    /** The thread's anchor, on a thread's first comment; null otherwise. */
    public CommentAnchor anchor() {
        return anchor;
    }

    /** The comment's text; empty when deleted and for a thread state. */
    public String text() {
        return text;
    }

    /** An anonymous author's chosen name, or empty. */
    public String authorName() {
        return authorName;
    }

    /** Ids and counters only: the text is note content, which never belongs in a log. */
    @Override
    public String toString() {
        return "CommentDraft[" + type + " " + recordId + " in thread " + threadId + ", edit " + edit + ", clock "
                + clock + "]";
    }
}
