package dev.vellum.client.sync;

import dev.vellum.client.crdt.CharId;
import dev.vellum.client.crdt.TextOp;
import dev.vellum.client.crdt.TextOpCodec;
import dev.vellum.protocol.comment.CommentBatch;
import dev.vellum.protocol.comment.CommentRecord;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.item.NoteItemKind;
import dev.vellum.protocol.item.UpdateHash;
import dev.vellum.protocol.wire.Frame;
import dev.vellum.protocol.wire.FrameCodec;
import dev.vellum.protocol.workspace.MissingEpochKeyException;
import java.util.ArrayList;
import java.util.List;

/**
 * This tab's edits and comments on their way to the server: ops wait here until sent as this author's next item, one
 * item at a time; new ops gather while one is in flight and go together when it is stored. Comment records (signed
 * and applied here at once, see {@link CommentSync}) wait in their own queue and go together as one comment item,
 * under the same rule, after the waiting ops (so that a comment on text just typed reaches readers after the text).
 * An item that is not answered (the connection dropped) or refused goes back in front of what waits, sealed afresh
 * when sent again. It never decides when to send: {@link NoteSync} paces that.
 */
final class Outbox {
    private final SyncState state;
    private List<TextOp> unsent = new ArrayList<>();
    /** The item sent and not yet answered, and its ops (none for a snapshot); null when nothing is on its way. */
    private NoteItem inFlight;
    private List<TextOp> inFlightOps;
    /** This tab's comment records not yet sent, oldest first; and those of the comment item on its way (or null). */
    private List<CommentRecord> unsentComments = new ArrayList<>();
    private List<CommentRecord> inFlightComments;
    /** The item in flight was refused for now ("retry after"): it waits to go again as it is. */
    private boolean held;
    /** Set when the server refused an item for a reason a resend cannot fix; cleared by the next edit. */
    private boolean refusedUntilEdit;
    private int maxBatchChars = SyncTunables.defaults().maxBatchChars();

    Outbox(SyncState state) {
        this.state = state;
    }

    void setMaxBatchChars(int chars) {
        maxBatchChars = chars;
    }

    /** The person's new ops; an edit is also a new chance after a refusal. */
    void add(List<TextOp> ops) {
        unsent.addAll(ops);
        refusedUntilEdit = false;
    }

    /** This tab's new comment record (already applied here); a comment is also a new chance after a refusal. */
    void addComment(CommentRecord record) {
        unsentComments.add(record);
        refusedUntilEdit = false;
    }

    /** Puts kept comment records (from a local copy) in front of those that wait. */
    void putCommentsFirst(List<CommentRecord> first) {
        List<CommentRecord> all = new ArrayList<>(first);
        all.addAll(unsentComments);
        unsentComments = all;
    }

    /** Puts {@code first} in front of what waits (kept edits from a local copy, or everything for a server that lost it). */
    void putFirst(List<TextOp> first) {
        List<TextOp> all = new ArrayList<>(first);
        all.addAll(unsent);
        unsent = all;
    }

    /**
     * Replaces what waits by {@code ops}, which must hold every waiting edit (the catch-up of the whole copy does);
     * nothing may be on its way.
     */
    void replaceUnsent(List<TextOp> ops) {
        if (inFlight != null) {
            throw new IllegalStateException("an item is on its way");
        }
        unsent = new ArrayList<>(ops);
    }

    /** A new connection is a new chance: refusals about the last one do not carry over. */
    void onConnected() {
        requeue();
        refusedUntilEdit = false;
    }

    /** Whether an item may go now: connected and caught up, the text known, nothing on its way, nothing refused. */
    boolean canSend() {
        return state.connection != null && state.caughtUp && state.writable() && !refusedUntilEdit
                && inFlight == null;
    }

    /**
     * Whether a comment item may go now: as {@link #canSend}, but a workspace's viewer may send comments too
     * (readers accept comment items from every member of the epoch).
     */
    boolean canSendComments() {
        return state.connection != null && state.caughtUp && state.mayComment() && !refusedUntilEdit
                && inFlight == null;
    }

    /** Whether ops or comment records wait to be sent (a snapshot waits for them: it must hold what was stored). */
    boolean hasUnsent() {
        return !unsent.isEmpty() || !unsentComments.isEmpty();
    }

    boolean isIdle() {
        return inFlight == null;
    }

    /** Sends the next batch of waiting ops as an update; returns whether it sent. */
    boolean sendUpdate() {
        if (!canSend() || unsent.isEmpty()) {
            return false;
        }
        List<TextOp> batch = takeBatch();
        send(NoteItemKind.UPDATE, 0, TextOpCodec.encode(batch), batch);
        return true;
    }

    /**
     * Sends the waiting comment records as one comment item ({@link CommentBatch}): at most
     * {@link CommentBatch#MAX_RECORDS}, and about as many bytes as an update's batch may hold (always at least one
     * record). Returns whether it sent; it waits while this workspace member lacks the current epoch's key.
     */
    boolean sendComments() {
        if (!canSendComments() || unsentComments.isEmpty()) {
            return false;
        }
        List<CommentRecord> batch = new ArrayList<>();
        int bytes = 0;
        while (batch.size() < unsentComments.size() && batch.size() < CommentBatch.MAX_RECORDS) {
            int length = unsentComments.get(batch.size()).length() + 4;
            if (!batch.isEmpty() && (bytes + length > maxBatchChars || bytes + length > CommentBatch.MAX_LENGTH - 2)) {
                break;
            }
            batch.add(unsentComments.get(batch.size()));
            bytes += length;
        }
        AuthorChains.Head head = state.chains.head(state.self());
        try {
            inFlight = state.cipher.sealItem(NoteItemKind.COMMENT, 0, head == null ? 1 : head.sequence() + 1,
                    head == null ? UpdateHash.NONE : head.hash(), CommentBatch.encode(batch));
        } catch (MissingEpochKeyException e) {
            return false; // after a rotation, before the new key arrived: they wait, and nothing goes under an old key
        }
        unsentComments = new ArrayList<>(unsentComments.subList(batch.size(), unsentComments.size()));
        inFlightComments = batch;
        state.connection.send(FrameCodec.encode(new Frame.Publish(inFlight)));
        return true;
    }

    /** Sends a snapshot covering revisions up to {@code covers}, when nothing waits or is on its way. */
    boolean sendSnapshot(long covers, byte[] body) {
        if (!canSend() || hasUnsent()) {
            return false;
        }
        send(NoteItemKind.SNAPSHOT, covers, body, null);
        return true;
    }

    private void send(NoteItemKind kind, long covers, byte[] body, List<TextOp> ops) {
        AuthorChains.Head head = state.chains.head(state.self());
        inFlight = state.cipher.seal(kind, covers, head == null ? 1 : head.sequence() + 1,
                head == null ? UpdateHash.NONE : head.hash(), body);
        inFlightOps = ops;
        state.connection.send(FrameCodec.encode(new Frame.Publish(inFlight)));
    }

    /** The sequence number of the item on its way, 0 if none. */
    long inFlightSequence() {
        return inFlight == null ? 0 : inFlight.header().sequence();
    }

    /**
     * The server is busy and did not take the item in flight: it stays in flight, and nothing else goes, until
     * {@link #resendHeld}. Returns it, or null if nothing was on its way (the refusal answered nothing of ours).
     */
    NoteItem holdForRetry() {
        if (inFlight == null) {
            return null;
        }
        held = true;
        return inFlight;
    }

    /** Sends the held item again, exactly as before; returns whether it did (false if it went back to the queue). */
    boolean resendHeld() {
        if (!held || inFlight == null || state.connection == null) {
            return false;
        }
        held = false;
        state.connection.send(FrameCodec.encode(new Frame.Publish(inFlight)));
        return true;
    }

    /** The server stored the item in flight: this author's chain moves on. Returns it, or null if none was. */
    NoteItem onAccepted() {
        if (held) {
            return null; // an answer to nothing of ours: the held item has not gone again yet
        }
        NoteItem stored = inFlight;
        if (stored != null) {
            state.chains.advance(state.self(), stored.header().sequence(), stored.hash());
            state.audit.record(state.self(), stored.header().sequence(), stored.hash(),
                    inFlightOps == null ? List.of() : inFlightOps,
                    inFlightComments == null ? List.of() : inFlightComments);
            inFlight = null;
            inFlightOps = null;
            inFlightComments = null;
        }
        return stored;
    }

    /** What was refused may go again without a new edit (the reason for the refusal is gone). */
    void allowAgain() {
        refusedUntilEdit = false;
    }

    /** The item in flight was refused for good on this connection: it waits for the next edit or connection. */
    void onRefused() {
        requeue();
        refusedUntilEdit = true;
    }

    /**
     * Puts the ops of an unanswered update (or the records of an unanswered comment item) back in front of the unsent
     * ones; they are sealed afresh when sent (after the history, which shows whether the first one was stored; a
     * record that arrives twice changes nothing). An unanswered snapshot is simply dropped.
     */
    void requeue() {
        if (inFlightOps != null) {
            inFlightOps.addAll(unsent);
            unsent = inFlightOps;
        }
        if (inFlightComments != null) {
            putCommentsFirst(inFlightComments);
        }
        inFlight = null;
        inFlightOps = null;
        inFlightComments = null;
        held = false;
    }

    /** Every op the server has not stored, oldest first: what the local copy keeps. */
    List<TextOp> pendingOps() {
        List<TextOp> ops = new ArrayList<>();
        if (inFlightOps != null) {
            ops.addAll(inFlightOps);
        }
        ops.addAll(unsent);
        return ops;
    }

    /** Every comment record of this tab the server has not stored, oldest first: what the local copy keeps. */
    List<CommentRecord> pendingComments() {
        List<CommentRecord> records = new ArrayList<>();
        if (inFlightComments != null) {
            records.addAll(inFlightComments);
        }
        records.addAll(unsentComments);
        return records;
    }

    /** Takes every unsent comment record out, to be queued again (signed anew); nothing may be on its way. */
    List<CommentRecord> takePendingComments() {
        if (inFlight != null) {
            throw new IllegalStateException("an item is on its way");
        }
        List<CommentRecord> taken = unsentComments;
        unsentComments = new ArrayList<>();
        return taken;
    }

    /** Ops and comment records not stored yet (the status line counts each as a change). */
    int pendingChanges() {
        return unsent.size() + (inFlightOps == null ? 0 : inFlightOps.size()) + unsentComments.size()
                + (inFlightComments == null ? 0 : inFlightComments.size());
    }

    boolean hasUnsavedChanges() {
        return !unsent.isEmpty() || inFlightOps != null || !unsentComments.isEmpty() || inFlightComments != null;
    }

    /** An update's worth of ops, at most {@code maxBatchChars} characters of text, long inserts cut in order. */
    private List<TextOp> takeBatch() {
        List<TextOp> batch = new ArrayList<>();
        int chars = 0;
        while (!unsent.isEmpty() && chars < maxBatchChars) {
            TextOp op = unsent.get(0);
            if (op instanceof TextOp.Insert insert && chars + insert.text().length() > maxBatchChars) {
                // A run typed in order can be sent in pieces: each piece follows the previous one's last character.
                int take = Math.max(1, maxBatchChars - chars);
                if (take < insert.text().length()) {
                    batch.add(new TextOp.Insert(insert.replica(), insert.clock(), insert.left(), insert.right(),
                            insert.text().substring(0, take)));
                    unsent.set(0, new TextOp.Insert(insert.replica(), insert.clock() + take,
                            new CharId(insert.replica(), insert.clock() + take - 1), insert.right(),
                            insert.text().substring(take)));
                    break;
                }
            }
            batch.add(unsent.remove(0));
            chars += op instanceof TextOp.Insert insert ? insert.text().length() : 1;
        }
        return batch;
    }
}
