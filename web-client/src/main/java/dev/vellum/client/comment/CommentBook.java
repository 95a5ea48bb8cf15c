package dev.vellum.client.comment;

import dev.vellum.client.crdt.TextDocument;
import dev.vellum.protocol.comment.CommentRecord;
import dev.vellum.protocol.comment.CommentType;
import dev.vellum.protocol.id.CommentId;
import dev.vellum.protocol.id.IdentityKeyId;
import dev.vellum.protocol.id.NoteId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A note's comments, as one reader holds them: applies signed comment records from anywhere (items, snapshots, this
 * reader's own) by the merge rules of {@link MergedComments}, keeps replies that wait for what they answer, and
 * shows the threads against the current text. Pure Java: it never verifies signatures (the sync layer applies only
 * records it verified, that name this note and were signed by the key of the item carrying them), never sends
 * anything and never touches the page. Not thread-safe.
 */
public final class CommentBook {
    private final NoteId noteId;
    private final CommentAuthors authors;
    private final MergedComments merged = new MergedComments();
    private final WaitingRecords waiting = new WaitingRecords();
    private final ThreadAssembly assembly;
    /** Warnings already given, so that a refused record delivered again is not reported again. */
    private final Set<String> warned = new HashSet<>();

    /**
     * A book naming accounts by their certificates ({@link CommentAuthors#byCertificate()}), for a reader known only
     * by the key they sign with (an anonymous visitor; {@link IdentityKeyId#ANONYMOUS} for nobody).
     */
    public CommentBook(NoteId noteId, IdentityKeyId self) {
        this(noteId, CommentOwner.writingWith(self, null));
    }

    /** A book naming accounts by their certificates ({@link CommentAuthors#byCertificate()}). */
    public CommentBook(NoteId noteId, CommentOwner self) {
        this(noteId, self, CommentAuthors.byCertificate());
    }

    /**
     * @param noteId the note whose comments these are: records naming another note are refused
     * @param self this reader: the comments it {@linkplain CommentOwner#owns owns} (on any device of their account)
     *             are {@linkplain CommentView#mine() theirs} to edit
     * @param authors how authors are named
     */
    public CommentBook(NoteId noteId, CommentOwner self, CommentAuthors authors) {
        this.noteId = noteId;
        this.authors = authors;
        this.assembly = new ThreadAssembly(merged, self, authors);
    }

    /** Applies one record (see {@link #applyAll}). */
    public ApplyResult apply(CommentRecord record) {
        return applyAll(List.of(record));
    }

    /**
     * Applies records in any order, duplicates included; a reply whose parent has not arrived waits, and is applied
     * as soon as it does. Refused records change nothing and are reported once as warnings.
     */
    public ApplyResult applyAll(List<CommentRecord> records) {
        List<CommentRecord> applied = new ArrayList<>();
        List<CommentRecord> waits = new ArrayList<>();
        List<CommentWarning> warnings = new ArrayList<>();
        Deque<CommentRecord> queue = new ArrayDeque<>(records);
        while (!queue.isEmpty()) {
            CommentRecord record = queue.poll();
            if (!record.noteId().equals(noteId)) {
                warn(CommentWarning.Kind.WRONG_NOTE, record, null, warnings);
                continue;
            }
            MergedComments.Verdict verdict = record.type() == CommentType.THREAD_STATE ? merged.putState(record)
                    : merged.putComment(record);
            if (verdict.problem() != null) {
                warn(verdict.problem(), record, verdict.holder(), warnings);
            }
            switch (verdict.outcome()) {
                case APPLIED:
                    applied.add(record);
                    queue.addAll(waiting.release(record.recordId()));
                    break;
                case WAITS:
                    if (waiting.add(verdict.awaited(), record)) {
                        merged.noteClock(record);
                        waits.add(record);
                    }
                    break;
                default:
                    break;
            }
        }
        return new ApplyResult(applied, waits, warnings);
    }

    /**
     * The clock for a new record: one more than the highest clock among the records held (Lamport), so that a
     * resolve or reopen made after seeing another counts after it.
     */
    public long nextClock() {
        long max = merged.maxClock();
        return max == Long.MAX_VALUE ? max : max + 1;
    }

    /**
     * What a snapshot carries: every record in force (each comment's current version, each thread's current state)
     * and those still waiting, so that nothing held is lost when the items are deleted. In clock order, so that a
     * reader applying them meets most parents before their replies.
     */
    public List<CommentRecord> currentRecords() {
        List<CommentRecord> records = merged.current();
        records.addAll(waiting.all());
        records.sort(RecordOrder.BY_CLOCK);
        return records;
    }

    /** The threads against {@code document}'s current text: in text order, detached ones after them. */
    public List<CommentThread> threads(TextDocument document) {
        return assembly.threads(document);
    }

    /** How many threads are open: not resolved, and not entirely deleted. */
    public int openThreadCount() {
        return assembly.openThreadCount();
    }

    /** The current version of comment {@code id} (to edit or delete it), or null if this reader holds none. */
    public CommentRecord comment(CommentId id) {
        return merged.comment(id);
    }

    /**
     * Whether this book holds {@code record}, or a record that supersedes it by the merge rules (a later edit of the
     * same comment by the same author, a thread state that counts over it), or keeps it waiting. A reader checking a
     * snapshot builds a book from the snapshot's records and asks this of every record it applied itself: a
     * snapshot that answers no has dropped a comment.
     */
    public boolean holdsOrSupersedes(CommentRecord record) {
        return merged.holdsOrSupersedes(record) || waiting.contains(record);
    }

    /** Whether thread {@code threadId}'s current state is resolved. */
    public boolean isResolved(CommentId threadId) {
        return merged.resolved(threadId);
    }

    /** How many records wait for the comment they answer. */
    public int waitingCount() {
        return waiting.size();
    }

    private void warn(CommentWarning.Kind kind, CommentRecord record, CommentRecord holder,
                      List<CommentWarning> warnings) {
        if (!warned.add(kind + "/" + record.recordId().toHex() + "/" + record.authorKeyId())) {
            return;
        }
        CommentRecord owner = holder != null && kind == CommentWarning.Kind.FORGED_EDIT ? holder : record;
        warnings.add(new CommentWarning(kind, record.recordId(), record.authorKeyId(),
                authors.nameOf(record.credential(), record.authorName()), owner.authorKeyId(),
                authors.nameOf(owner.credential(), owner.authorName())));
    }
}
