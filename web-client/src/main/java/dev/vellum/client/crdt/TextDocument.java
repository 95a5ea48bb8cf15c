package dev.vellum.client.crdt;

import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.comment.CommentAnchor;
import java.util.ArrayList;
import java.util.List;

/**
 * A collaborative plain text: a sequence CRDT in the Fugue family (Weidner and Kleppmann, "The Art of the Fugue",
 * 2023), written as "YjsMod": Yjs's list of runs with left and right origins, and FugueMax's rule for placing
 * concurrent inserts, so that text two people type at the same place concurrently is never interleaved.
 *
 * <p>Every character has an identity (its writer's {@link ReplicaId} and that writer's counter). Local edits by
 * position become {@link TextOp}s that name identities, so they mean the same on every replica. Ops may arrive in
 * any order and more than once: each waits until what it depends on (its origins, the writer's earlier
 * characters, the characters it deletes) is there, and duplicates change nothing. Replicas that have applied the
 * same ops hold the same text.
 *
 * <p>Characters typed one after another form one run (one list node), so a document costs memory per run, not per
 * keystroke. Deleted characters stay as tombstones that keep their identity but not their text. Positions count
 * UTF-16 code units, as the browser's text controls do. Not thread-safe.
 *
 * <p>This class only puts the parts together, each with one job: {@link ItemStore} (identities to runs),
 * {@link ItemList} (the runs in text order), {@link LocalEdits} (edits by position), {@link Integrator} (placing
 * remote ops), {@link PendingOps} (ops that wait for what they depend on), {@link Anchors} (positions that survive
 * edits), {@link RangeAnchors} (selections that survive edits, for comments), {@link CatchUpOps} (what a base
 * copy lacks) and {@link TextStateCodec} (the state as bytes).
 */
public final class TextDocument {
    /** Characters one replica may ever insert into one document; each costs a slot, deleted or not. */
    public static final int MAX_CLOCK = 1 << 24;

    final ItemStore store = new ItemStore();
    final ItemList list = new ItemList(store);
    private final int self;
    private final LocalEdits edits;
    private final PendingOps pending;
    private final Integrator integrator;
    private final Anchors anchors;
    private final RangeAnchors ranges;

    public TextDocument(ReplicaId self) {
        this.self = store.indexOf(self);
        this.edits = new LocalEdits(store, list, this.self);
        this.integrator = new Integrator(store, list);
        this.pending = new PendingOps(integrator);
        this.anchors = new Anchors(store, list);
        this.ranges = new RangeAnchors(store, list);
    }

    public ReplicaId self() {
        return store.replica(self);
    }

    public int length() {
        return list.visibleLength();
    }

    public String text() {
        return list.text();
    }

    // --- Local edits -----------------------------------------------------------------------------------------

    /** Deletes {@code deleteCount} characters at {@code position}, then inserts {@code text} there. */
    public List<TextOp> replace(int position, int deleteCount, String text) {
        return edits.replace(position, deleteCount, text);
    }

    public TextOp.Insert insert(int position, String text) {
        return edits.insert(position, text);
    }

    public List<TextOp.Delete> delete(int position, int count) {
        return edits.delete(position, count);
    }

    // --- Remote ops ------------------------------------------------------------------------------------------

    /**
     * Applies ops from any replica, in any order, duplicates included. Ops whose dependencies are missing wait and
     * are applied as soon as those arrive.
     */
    public void apply(List<? extends TextOp> ops) {
        pending.apply(ops);
    }

    /**
     * The writers (replicas) found, since the last call, to have sent characters this document already held with
     * another text: each is named once. Such a writer showed different versions of the same text to different
     * people; this document keeps the text it received first, as every op applied twice changes nothing.
     */
    public List<ReplicaId> takeConflictingWriters() {
        return integrator.takeConflicting();
    }

    /** How many ops wait for something they depend on. */
    public int pendingCount() {
        return pending.size();
    }

    /** The ops waiting for what they depend on, to carry them over to another copy of the document. */
    public List<TextOp> pendingOps() {
        return pending.copy();
    }

    // --- Positions that survive edits ----------------------------------------------------------------------

    /** The identity of the character just before {@code position}, or null at the start: a caret that stays put. */
    public CharId charBefore(int position) {
        return anchors.charBefore(position);
    }

    /**
     * Where a caret placed after {@code id} is now: after that character, or where it was if it has been deleted.
     * Unknown characters (not yet received) place it at the start.
     */
    public int positionAfter(CharId id) {
        return anchors.positionAfter(id);
    }

    /**
     * A comment's anchor on the selection {@code start .. end - 1}: the identities of its first and last characters,
     * and its text as the quote a detached thread shows (cut to the record's limits).
     *
     * @throws IndexOutOfBoundsException if the selection is empty or reaches beyond the text
     */
    public CommentAnchor anchorOf(int start, int end) {
        CharSpan span = ranges.spanOf(start, end);
        return new CommentAnchor(span.first().replica().bytes(), span.first().clock(), span.last().replica().bytes(),
                span.last().clock(), ranges.quoteOf(start, end));
    }

    /**
     * Where {@code anchor} lies in the current text: from the first visible character at or after its first
     * character to the last visible one at or before its last, or detached if none is left (or they have not
     * arrived yet). Replicas holding the same ops find the same range.
     */
    public AnchoredRange locate(CommentAnchor anchor) {
        return locateAll(List.of(anchor)).get(0);
    }

    /** {@link #locate} for many anchors at once, in the order given: one walk over the text, not one per anchor. */
    public List<AnchoredRange> locateAll(List<CommentAnchor> anchors) {
        List<CharSpan> spans = new ArrayList<>(anchors.size());
        for (CommentAnchor anchor : anchors) {
            spans.add(new CharSpan(new CharId(ReplicaId.of(anchor.startReplica()), anchor.startClock()),
                    new CharId(ReplicaId.of(anchor.endReplica()), anchor.endClock())));
        }
        return ranges.locateAll(spans);
    }

    // --- Snapshots -------------------------------------------------------------------------------------------

    /**
     * The whole state (every run, tombstones included, without deleted text) as bytes: what a snapshot stores, and
     * enough to merge later ops into. See {@link TextStateCodec} for the layout.
     */
    public byte[] encodeState() {
        return TextStateCodec.encode(this);
    }

    /**
     * Rebuilds a document from {@link #encodeState()}, as replica {@code self}.
     *
     * @throws InvalidMessageException if the bytes are not a well-formed state: truncated, an
     *     unknown version, a replica or origin out of range, or runs that do not add up to the clocks declared
     */
    public static TextDocument decodeState(byte[] encoded, ReplicaId self) throws InvalidMessageException {
        return TextStateCodec.decode(encoded, self);
    }

    /**
     * The text a state from {@link #encodeState()} shows, read without building the document: what a reader compares
     * a snapshot with.
     *
     * @throws InvalidMessageException if the bytes cannot be read as a state's runs
     */
    public static String textOfState(byte[] encoded) throws InvalidMessageException {
        return TextStateCodec.visibleText(encoded);
    }

    /**
     * The ops that bring {@code base} (typically a snapshot) up to everything this document holds: each run, or the
     * part of it, with clocks {@code base} does not have, and every deletion. Applying them to {@code base} merges
     * the two.
     */
    public List<TextOp> opsBeyond(TextDocument base) {
        return CatchUpOps.beyond(store, list, base.store);
    }
}
