package dev.vellum.client.sync;

import dev.vellum.client.comment.ApplyResult;
import dev.vellum.client.comment.CommentBook;
import dev.vellum.client.comment.CommentOwner;
import dev.vellum.client.comment.CommentThread;
import dev.vellum.client.comment.CommentWarning;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidSignatureException;
import dev.vellum.protocol.comment.CommentAnchor;
import dev.vellum.protocol.comment.CommentBatch;
import dev.vellum.protocol.comment.CommentDraft;
import dev.vellum.protocol.comment.CommentRecord;
import dev.vellum.protocol.comment.CommentType;
import dev.vellum.protocol.id.CommentId;
import dev.vellum.protocol.item.NoteItem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The note's comments, as sync handles them. The person's actions (post, reply, edit, delete, resolve, reopen)
 * each become one comment record at once, signed by this tab's author key, merged into the {@link CommentBook},
 * queued in the {@link Outbox} (and so kept in the local copy) and sent when paced. Records from others come in
 * comment items and in snapshots; none is merged before it is checked: it verifies, names this note, and, in an item,
 * is signed by that item's author (the item's own checks, its signature, chain and membership, passed already). A
 * comment item that fails is not applied at all, with a warning, as an update that fails.
 *
 * <p>It never changes the text, and it shows threads only through {@link NoteView#showComments}, once they or their
 * ranges changed.
 */
final class CommentSync {
    /** Records whose signature verified, remembered so that a snapshot carrying them costs no second check. */
    private static final int MAX_VERIFIED = 4_096;

    private final SyncState state;
    private final Outbox outbox;
    private final SyncClock clock;
    /** After the person's own comment: keep the local copy, say it waits, send it when paced. */
    private final Runnable afterOwnComment;
    private final Set<CommentRecord> verified = new HashSet<>();
    /**
     * While the whole history is fetched again after the server lost items: the records its items and snapshots
     * still hold, so that this tab's that are missing go back to it; null otherwise.
     */
    private Set<CommentRecord> onServer;
    /** What the view shows, to tell it only of changes; null before the first time. */
    private List<CommentThread> shownThreads;
    private int shownOpen;

    CommentSync(SyncState state, Outbox outbox, SyncClock clock, Runnable afterOwnComment) {
        this.state = state;
        this.outbox = outbox;
        this.clock = clock;
        this.afterOwnComment = afterOwnComment;
        state.authorKeyChanged = this::afterNewAuthorKey;
    }

    // --- The person's actions ----------------------------------------------------------------------------------

    boolean canComment() {
        return state.mayComment();
    }

    /**
     * Starts a thread on the text from {@code start} to {@code end} (UTF-16 units, end exclusive) of the note as it
     * is now; returns the new thread's id.
     *
     * @throws IllegalStateException if this person may not comment now (see {@link #canComment})
     * @throws IllegalArgumentException for an empty or out-of-range selection, or a text the record cannot hold
     */
    CommentId post(int start, int end, String text) {
        requireMayComment();
        if (start < 0 || end > state.doc.length() || start >= end) {
            throw new IllegalArgumentException("a comment is on a selection of the text, not " + start + ".." + end);
        }
        CommentAnchor anchor = state.doc.anchorOf(start, end);
        return signAndQueue(CommentDraft.post(state.noteId(), anchor, text, state.book.nextClock(),
                clock.nowMillis(), authorName(), state.random())).threadId();
    }

    /** Replies to {@code parent} in {@code thread}; returns the reply's id. */
    CommentId reply(CommentId thread, CommentId parent, String text) {
        requireMayComment();
        return signAndQueue(CommentDraft.reply(state.noteId(), thread, parent, text, state.book.nextClock(),
                clock.nowMillis(), authorName(), state.random())).recordId();
    }

    /**
     * Signs a new version of {@code comment}, one of this person's: on any device of their account, or for an
     * anonymous visitor, posted with this visit's key.
     *
     * @throws IllegalArgumentException if the comment is unknown here or someone else's
     */
    void edit(CommentId comment, String text) {
        requireMayComment();
        signAndQueue(CommentDraft.edit(own(comment), text, state.book.nextClock(), clock.nowMillis()));
    }

    /**
     * Deletes {@code comment}, one of this person's (as {@link #edit}).
     *
     * @throws IllegalArgumentException if the comment is unknown here or someone else's
     */
    void delete(CommentId comment) {
        requireMayComment();
        signAndQueue(CommentDraft.delete(own(comment), state.book.nextClock(), clock.nowMillis()));
    }

    void resolve(CommentId thread) {
        requireMayComment();
        signAndQueue(CommentDraft.resolve(state.noteId(), thread, state.book.nextClock(), clock.nowMillis(),
                authorName(), state.random()));
    }

    void reopen(CommentId thread) {
        requireMayComment();
        signAndQueue(CommentDraft.reopen(state.noteId(), thread, state.book.nextClock(), clock.nowMillis(),
                authorName(), state.random()));
    }

    private void requireMayComment() {
        if (!canComment()) {
            throw new IllegalStateException("this person cannot comment now (the note is not loaded, could not be "
                    + "read, or their session ended)");
        }
    }

    /**
     * The latest record of {@code comment}, if this person wrote it (by the rule every reader applies to the edit,
     * {@link CommentOwner}).
     */
    private CommentRecord own(CommentId comment) {
        CommentRecord latest = state.book.comment(comment);
        if (latest == null || !state.commentOwner().owns(latest)) {
            throw new IllegalArgumentException("only a comment's author can change it");
        }
        return latest;
    }

    /** An anonymous visitor's chosen name goes in the record; an account's name comes from its certificate. */
    private String authorName() {
        return state.writer.hasAccount() ? "" : state.writer.chosenName();
    }

    private CommentRecord signAndQueue(CommentDraft draft) {
        CommentRecord record = state.cipher.signComment(draft);
        remember(record);
        state.book.apply(record);
        outbox.addComment(record);
        afterOwnComment.run();
        show();
        return record;
    }

    // --- The local copy ---------------------------------------------------------------------------------------------

    /**
     * Takes back what the local copy kept: every record held then, and this tab's unsent ones, which wait again. An
     * anonymous visitor writes under a new key on every visit, and readers take a record only from an item its own
     * key signed: so an unsent record of an earlier visit's key is signed again, as this visit's (a new comment,
     * reply or thread state, with fresh ids; an edit of such a comment, as an edit of the new one). An edit of a
     * comment the earlier key had already sent cannot be made by this key: it is dropped, as that visit's key is gone.
     */
    void restore(List<CommentRecord> held, List<CommentRecord> unsent) {
        List<CommentRecord> earlierKey = new ArrayList<>();
        for (CommentRecord record : unsent) {
            if (!record.authorKeyId().equals(state.self())) {
                earlierKey.add(record);
            }
        }
        List<CommentRecord> kept = new ArrayList<>(held);
        kept.removeAll(earlierKey);
        state.book.applyAll(kept);
        List<CommentRecord> queue = new ArrayList<>();
        Map<CommentId, CommentRecord> again = new HashMap<>();
        for (CommentRecord record : unsent) {
            CommentRecord toSend = earlierKey.contains(record) ? signAgain(record, again) : record;
            if (toSend != null) {
                state.book.apply(toSend);
                queue.add(toSend);
            }
        }
        outbox.putCommentsFirst(queue);
    }

    /**
     * The server would not continue this anonymous visitor's chain, so they write under a fresh key from now on (see
     * {@link SyncState#startFreshAuthor}): their unsent records go out signed anew by it, as after a reload, and their
     * earlier key's comments are no longer theirs to edit.
     */
    private void afterNewAuthorKey() {
        List<CommentRecord> held = state.book.currentRecords();
        state.book = new CommentBook(state.noteId(), state.commentOwner());
        restore(held, outbox.takePendingComments());
        show();
    }

    /**
     * {@code record}, of an earlier visit's key, as this key's; {@code again} maps the earlier ids to the records
     * signed again so far. Null if it cannot be.
     */
    private CommentRecord signAgain(CommentRecord record, Map<CommentId, CommentRecord> again) {
        long clock = state.book.nextClock();
        long now = clock();
        CommentId thread = idAgain(record.threadId(), again);
        CommentDraft draft;
        if (record.type() == CommentType.THREAD_STATE) {
            draft = record.resolved()
                    ? CommentDraft.resolve(state.noteId(), thread, clock, now, authorName(), state.random())
                    : CommentDraft.reopen(state.noteId(), thread, clock, now, authorName(), state.random());
        } else if (record.edit() > 0) {
            CommentRecord previous = again.get(record.recordId());
            if (previous == null) {
                return null;
            }
            draft = record.deleted() ? CommentDraft.delete(previous, clock, now)
                    : CommentDraft.edit(previous, record.text(), clock, now);
        } else if (record.startsThread()) {
            draft = CommentDraft.post(state.noteId(), record.anchor(), record.text(), clock, now, authorName(),
                    state.random());
        } else {
            draft = CommentDraft.reply(state.noteId(), thread, idAgain(record.parentId(), again), record.text(),
                    clock, now, authorName(), state.random());
        }
        CommentRecord signed = state.cipher.signComment(draft);
        remember(signed);
        if (record.type() == CommentType.COMMENT) {
            again.put(record.recordId(), signed);
        }
        return signed;
    }

    private static CommentId idAgain(CommentId earlier, Map<CommentId, CommentRecord> again) {
        CommentRecord signed = again.get(earlier);
        return signed == null ? earlier : signed.recordId();
    }

    private long clock() {
        return clock.nowMillis();
    }

    // --- A server that lost items -----------------------------------------------------------------------------------

    /** The whole history is fetched again: from now on, note which records the server still holds. */
    void startNotingServerRecords() {
        onServer = new HashSet<>();
    }

    /**
     * The history fetched again is all in: this tab's records in force that the server did not send back (it lost
     * them), other than {@code pending} (on their way already), to be sent again. A visitor whose key changed since
     * cannot send its earlier key's records again: only their own key may. Stops noting.
     */
    List<CommentRecord> ownRecordsTheServerLacks(List<CommentRecord> pending) {
        List<CommentRecord> lacking = new ArrayList<>();
        if (onServer != null) {
            for (CommentRecord record : state.book.currentRecords()) {
                // By key, not by account: readers take a record only in an item its own key signed, so another
                // device's records go back from that device.
                if (record.authorKeyId().equals(state.self()) && !onServer.contains(record)
                        && !pending.contains(record)) {
                    lacking.add(record);
                }
            }
        }
        onServer = null;
        return lacking;
    }

    private void noteOnServer(List<CommentRecord> records) {
        if (onServer != null) {
            onServer.addAll(records);
        }
    }

    // --- Records from others -----------------------------------------------------------------------------------

    /**
     * The records of a comment item that passed the item checks; null after warning if any of them fails its own
     * (then none is applied): each must parse, name this note, be signed by the item's author key (with the same
     * certificate, if any, which the item checks verified), and verify.
     */
    List<CommentRecord> openBatch(NoteItem item, byte[] body) {
        String who = state.credentials.labelOf(item);
        List<CommentRecord> records;
        try {
            records = CommentBatch.parse(body);
        } catch (InvalidMessageException e) {
            state.view.showWarning(SyncWarning.badComment(who, "they could not be read"));
            return null;
        }
        for (CommentRecord record : records) {
            String problem = problemWith(record);
            if (problem == null && !record.authorKeyId().equals(item.header().authorKeyId())) {
                problem = "a comment in their change is signed by someone else";
            }
            if (problem == null && !sameCertificate(record, item)) {
                problem = "a comment in their change names another account than the change";
            }
            if (problem != null) {
                state.view.showWarning(SyncWarning.badComment(who, problem));
                return null;
            }
        }
        noteOnServer(records);
        return records;
    }

    /**
     * The records a snapshot carries that verify and name this note; the others are left out, with one warning
     * naming the snapshot's author (who put them there).
     */
    List<CommentRecord> verifiedCarried(List<CommentRecord> carried, String snapshotAuthor) {
        List<CommentRecord> good = new ArrayList<>(carried.size());
        String problem = null;
        for (CommentRecord record : carried) {
            String wrong = problemWith(record);
            if (wrong == null) {
                good.add(record);
            } else if (problem == null) {
                problem = wrong;
            }
        }
        if (problem != null) {
            state.view.showWarning(SyncWarning.badCommentInVersion(snapshotAuthor, problem));
        }
        noteOnServer(good);
        return good;
    }

    /** Why a record may not be merged (another note's, or a signature that fails), or null. */
    private String problemWith(CommentRecord record) {
        if (!record.noteId().equals(state.noteId())) {
            return "a comment names another note (the server may have moved it)";
        }
        if (!verifies(record)) {
            return "a comment's signature does not verify";
        }
        return null;
    }

    private static boolean sameCertificate(CommentRecord record, NoteItem item) {
        if (record.credential() == null || item.credential() == null) {
            return record.credential() == null && item.credential() == null;
        }
        return record.credential().equals(item.credential());
    }

    private boolean verifies(CommentRecord record) {
        if (verified.contains(record)) {
            return true;
        }
        try {
            record.verify();
        } catch (InvalidSignatureException e) {
            return false;
        }
        remember(record);
        return true;
    }

    private void remember(CommentRecord record) {
        if (verified.size() >= MAX_VERIFIED) {
            verified.clear();
        }
        verified.add(record);
    }

    /**
     * Merges checked records; a forged edit or an equivocation the merge finds is warned about. Returns whether
     * anything changed.
     */
    boolean apply(List<CommentRecord> records) {
        ApplyResult result = state.book.applyAll(records);
        for (CommentWarning warning : result.warnings()) {
            state.view.showWarning(SyncWarning.fromComment(warning));
        }
        return result.changed();
    }

    // --- Showing ------------------------------------------------------------------------------------------------

    /** Tells the view the threads as they stand in the text now, if they or their ranges changed. */
    void show() {
        if (!state.loaded) {
            return;
        }
        List<CommentThread> threads = state.book.threads(state.doc);
        int open = state.book.openThreadCount();
        if (threads.equals(shownThreads) && open == shownOpen) {
            return;
        }
        shownThreads = threads;
        shownOpen = open;
        state.view.showComments(threads, open);
    }
}
