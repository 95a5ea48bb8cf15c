package dev.vellum.client.sync;

import dev.vellum.client.crdt.TextDocument;
import dev.vellum.crypto.aead.XChaCha20Poly1305Arrays;
import dev.vellum.encoding.ByteReader;
import dev.vellum.error.AuthenticationFailedException;
import dev.vellum.error.InvalidMessageException;

/**
 * The note as this browser last knew it (its text and comments), and the edits and comments the server has not
 * stored ({@link LocalCopy}), sealed with
 * the note's local-copy key (copies sealed before under its encryption key are still read) and kept in the browser
 * so offline edits survive a reload. Written
 * {@link SyncTunables#LOCAL_SAVE_DELAY_MILLIS} after the person's own edits and after the server stored (or refused)
 * some, not on every change from others, which would only cost the main thread time.
 */
final class LocalKeeper<A> {
    private final SyncState state;
    private final Outbox outbox;
    private final CommentSync comments;
    private final LocalCopyStore<A> store;
    private final Delayed save;
    /** Changes pending when the copy was last written: when that number moves, the copy is stale. */
    private int pendingWhenSaved;

    LocalKeeper(SyncState state, Outbox outbox, CommentSync comments, SyncClock clock, LocalCopyStore<A> store) {
        this.state = state;
        this.outbox = outbox;
        this.comments = comments;
        this.store = store;
        this.save = new Delayed(clock, SyncTunables.LOCAL_SAVE_DELAY_MILLIS, this::saveNow);
    }

    /** The copy as it stands, sealed into {@code arrays}. */
    <T> T export(XChaCha20Poly1305Arrays<T> arrays) {
        // While an item waits for its author's earlier one, the copy resumes from before it, so that a reload gets
        // it again; what this reader applied after it is known by its hash and not applied twice.
        long resumeAfter = state.firstHeld > 0 ? state.firstHeld - 1 : state.appliedThrough;
        return state.cipher.sealLocalState(new LocalCopy(resumeAfter, state.lastSnapshotCovers,
                state.skippedThrough, state.served, state.book.currentRecords(), outbox.pendingComments(), state.chains,
                state.doc.encodeState(), outbox.pendingOps()).encode(), arrays);
    }

    /**
     * Loads a kept copy; false (and nothing changed) if it does not open or parse, which only a damaged store,
     * another note's data or an older format could cause.
     */
    <T> boolean restore(T sealed, XChaCha20Poly1305Arrays<T> arrays) {
        LocalCopy kept;
        TextDocument doc;
        int epoch = 0;
        try {
            kept = LocalCopy.decode(state.cipher.openLocalState(sealed, arrays));
            if (state.membership != null) {
                // A workspace note's copy starts with the epoch it was sealed under (protocol.md, "Kept copy").
                epoch = new ByteReader(arrays.clearPrefix(sealed, Integer.BYTES), "kept copy").readInt("epoch");
            }
            // This visit's replica id: two tabs restoring the same copy must never write the same ids.
            doc = TextDocument.decodeState(kept.state(), state.replica);
        } catch (InvalidMessageException | AuthenticationFailedException | IllegalArgumentException e) {
            return false;
        }
        state.doc = doc;
        if (state.membership != null) {
            state.readEpoch(epoch);
        }
        outbox.putFirst(kept.unsent());
        // Kept records were checked when they came (and this tab's own were signed here): merged as they are.
        comments.restore(kept.comments(), kept.unsentComments());
        state.chains = kept.chains();
        state.appliedThrough = kept.appliedThrough();
        state.latestRevision = Math.max(state.latestRevision, kept.appliedThrough());
        state.lastSnapshotCovers = kept.lastSnapshotCovers();
        state.skippedThrough = kept.skippedThrough();
        state.served = kept.served();
        state.audit.forgetBase(); // the items this copy merged are not here to replay: no snapshot checks yet
        pendingWhenSaved = outbox.pendingChanges();
        return true;
    }

    /** The person edited: their edit is kept shortly. */
    void afterOwnEdit() {
        save.requestOnce();
    }

    /** A frame was handled: if it changed what is pending (an ack, a refusal), the kept list is stale. */
    void afterFrame() {
        if (outbox.pendingChanges() != pendingWhenSaved) {
            save.requestOnce();
        }
    }

    /** Keeps the copy now, without waiting for the usual delay: nothing more will be sent from this tab. */
    void saveNow() {
        save.cancel();
        pendingWhenSaved = outbox.pendingChanges();
        store.keep(export(store.arrays()));
    }
}
