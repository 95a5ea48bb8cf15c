package dev.vellum.client.sync;

import dev.vellum.client.crdt.ReplicaId;
import dev.vellum.client.crdt.TextDocument;
import dev.vellum.client.crdt.TextOp;
import dev.vellum.client.crdt.TextOpCodec;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.comment.CommentRecord;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.item.NoteItemKind;
import dev.vellum.protocol.item.UpdateHash;
import dev.vellum.protocol.item.UpdateHeader;
import dev.vellum.protocol.wire.Frame;
import dev.vellum.protocol.wire.FrameCodec;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Items from the server, applied in the server's order: the server numbers them, everyone merges them in that order,
 * so each author's chain is checked in order too. Items that arrive early wait for the ones before; revisions the
 * server never sends are given up at "caught up"; a base snapshot replaces the replay of what it covers; a server
 * that lost items is warned about and gets this copy back.
 */
final class Inbox {
    private final SyncState state;
    private final ItemChecks checks;
    private final Outbox outbox;
    private final CommentSync comments;
    /** Called when the text (or the comments) may have changed, once it is shown. */
    private final Runnable textChanged;
    /** Revisions above {@code appliedThrough} already dealt with (this tab's own, stored out of turn). */
    private final Set<Long> applied = new HashSet<>();
    /** Items that arrived before an earlier revision, waiting for their turn. */
    private final TreeMap<Long, NoteItem> ahead = new TreeMap<>();
    /** Items that skip some of their author's numbers, waiting a while for the missing ones. */
    private final HeldItems held;
    /** The revision this connection asked the history to follow; a server whose latest is lower lost items. */
    private long joinedSince;
    /**
     * While the whole history is fetched again (see {@link #fetchEverythingAgain}): the text as the server's items
     * alone make it, so that once caught up exactly what the server lacks goes back to it. Null otherwise.
     */
    private TextDocument serverCopy;

    Inbox(SyncState state, ItemChecks checks, Outbox outbox, CommentSync comments, Runnable textChanged) {
        this.state = state;
        this.checks = checks;
        this.outbox = outbox;
        this.comments = comments;
        this.textChanged = textChanged;
        this.held = new HeldItems(checks);
    }

    void onConnected() {
        joinedSince = state.appliedThrough; // what the connection asked to follow: the server has at least this
    }

    /**
     * The revision to ask the history after: one before the last applied if this reader knows the item served there,
     * so that the server serves it again and the reader sees whether its history is still the one it followed.
     */
    long since() {
        long last = state.appliedThrough;
        return last > 0 && state.served.knows(last) ? last - 1 : last;
    }

    void onRevision(long revision, NoteItem item) {
        if (state.rejoining) {
            return; // the rest of a history this reader no longer follows
        }
        if (revision <= state.appliedThrough || applied.contains(revision)) {
            // Applied already, or covered by a snapshot this reader loaded: the same item again changes nothing;
            // another item under that number means the server's history is no longer the one this reader followed.
            if (state.served.differs(revision, item.hash())) {
                historyRewritten(revision);
            }
            return;
        }
        if (state.served.knows(revision)) {
            // Applied before this reader's copy was kept while an earlier item still waited (the copy then resumes
            // from before that one): the same item again changes nothing, another one means a rewritten history.
            if (state.served.differs(revision, item.hash())) {
                historyRewritten(revision);
                return;
            }
            state.latestRevision = Math.max(state.latestRevision, revision);
            applied.add(revision);
            applyInOrder();
            return;
        }
        NoteItem waiting = ahead.get(revision);
        if (waiting != null) {
            if (!waiting.hash().equals(item.hash())) {
                historyRewritten(revision);
            }
            return; // already waiting its turn
        }
        state.latestRevision = Math.max(state.latestRevision, revision);
        ahead.put(revision, item);
        applyInOrder();
    }

    /**
     * Forgets {@code item} if it still waits in the queue for an earlier revision under {@code revision}: it is not
     * the item the server stored there (see {@link ServerFrames}), and the genuine one comes again on the next
     * connection; kept, it would turn the genuine one away as already waiting. One held for its author's missing
     * items stays: the reader's position has passed its number, so the next connection does not serve that number
     * again, and the held item is refused with a warning when released rather than lost without one.
     */
    void forgetUnapplied(long revision, NoteItem item) {
        ahead.remove(revision, item);
    }

    /** This tab's own item was stored under {@code revision}; it is dealt with when its turn comes. */
    void onOwnStored(long revision, UpdateHash hash) {
        state.latestRevision = Math.max(state.latestRevision, revision);
        state.served.remember(revision, hash);
        applied.add(revision);
        applyInOrder();
    }

    /**
     * The server has sent this connection's history: every revision up to {@code latest} should be here. Any still
     * missing was withheld; the items after it are applied anyway, and the chain checks say whose items are missing.
     */
    void onCaughtUp(long latest) {
        if (state.rejoining) {
            return;
        }
        if (latest < joinedSince) {
            startOverFrom(latest);
            return; // the whole history comes again, on the new connection
        }
        state.latestRevision = Math.max(state.latestRevision, latest);
        applyInOrder();
        while (state.appliedThrough < latest) {
            // A number never sent: step over every missing one at once, to the next item that is here.
            long nextHere = Math.min(ahead.isEmpty() ? latest + 1 : ahead.firstKey(),
                    applied.isEmpty() ? latest + 1 : Collections.min(applied));
            long from = state.appliedThrough + 1;
            state.appliedThrough = Math.min(latest, nextHere - 1);
            state.skippedThrough = state.appliedThrough;
            state.skipped.add(from, state.appliedThrough);
            applyInOrder();
        }
        // The whole history is here: what the held items miss was withheld or lost. They go in, each gap said.
        if (releaseAll() && state.loaded) {
            textChanged.run();
        }
        if (serverCopy != null) {
            // Fetched again after the server lost items: what this copy holds beyond the server's goes back, cut
            // where the server's runs end. Sending every run whole would not do: a reader that has a run's start
            // drops a run that partly overlaps it, as no honest writer sends one, and what followed would wait for
            // it for good. Unsent edits are part of this copy, so they are in it too.
            outbox.replaceUnsent(state.doc.opsBeyond(serverCopy));
            outbox.putCommentsFirst(comments.ownRecordsTheServerLacks(outbox.pendingComments()));
            serverCopy = null;
        }
    }

    /**
     * The server has fewer items than this reader applied: it lost some, or was restored from an older backup.
     */
    private void startOverFrom(long latest) {
        state.view.showWarning(SyncWarning.serverBehind(joinedSince, latest));
        fetchEverythingAgain();
    }

    /**
     * The server will not continue this device's chain as this reader knows it: the whole history is fetched again
     * to learn where the server has it, and this copy goes back to the server from there (see below).
     */
    void learnChainsAgain() {
        fetchEverythingAgain();
    }

    /** The server served another item under a number whose item this reader applied: it lost that one. */
    private void historyRewritten(long revision) {
        state.view.showWarning(SyncWarning.historyRewritten(revision));
        fetchEverythingAgain();
    }

    /**
     * The server's history is not the one this reader followed (it lost items, and may have given their numbers to
     * others'). Whatever this copy holds goes back to it (every character and deletion, as this tab's next update;
     * the others already have most of it and merging changes nothing for them), and this reader fetches the whole
     * history again on a new connection: the items that took over the lost numbers are ones it never saw, and
     * applying again what it has changes nothing. Authors' chains are forgotten, since the server's now end earlier
     * than the ones this reader saw, and this tab writes under a fresh author key if it wrote before; a device
     * author keeps its key and goes on from where the history fetched again shows the server has its chain.
     */
    private void fetchEverythingAgain() {
        state.appliedThrough = 0;
        state.latestRevision = 0;
        state.lastSnapshotCovers = 0;
        state.skippedThrough = 0;
        state.skipped.clear();
        state.served.clear();
        applied.clear();
        ahead.clear();
        held.clear();
        state.firstHeld = 0;
        state.audit.startEmpty(); // the whole history comes again, from its first item or a base snapshot
        state.baseSnapshot = null;
        AuthorChains.Head own = state.chains.head(state.self());
        state.chains = new AuthorChains();
        outbox.requeue(); // an item on its way goes again after the copy, whether or not it was stored
        if (own != null) {
            state.startFreshAuthor(); // this tab's chain is ahead of the server's too: a fresh key starts a new one
        }
        // Everything waits to go back at once, so that a reload before the history is in still sends it; once caught
        // up, it is narrowed to what the server lacks (see onCaughtUp).
        outbox.putFirst(state.doc.opsBeyond(new TextDocument(ReplicaId.of(new byte[] {0}))));
        serverCopy = new TextDocument(ReplicaId.of(new byte[] {0}));
        comments.startNotingServerRecords(); // and this tab's comments that the server lacks go back too
        FrameSender connection = state.connection;
        state.connection = null;
        state.caughtUp = false;
        state.rejoining = true;
        if (connection != null) {
            connection.reconnect();
        }
    }

    private void applyInOrder() {
        boolean changed = false;
        while (true) {
            long next = state.appliedThrough + 1;
            if (applied.remove(next)) {
                state.appliedThrough = next;
                continue;
            }
            NoteItem item = ahead.remove(next);
            if (item == null) {
                break;
            }
            state.appliedThrough = next;
            if (checks.skipsAhead(item)) {
                held.hold(next, item); // its author's missing items may come next: a swapped pair
            } else {
                changed |= applyServed(next, item);
                changed |= applyHeldThatFit();
            }
            changed |= releaseOverdue();
        }
        state.firstHeld = held.firstRevision();
        if (changed && state.loaded) {
            textChanged.run(); // while the history loads, the text is shown once, at the end
        }
    }

    /** Applies every held item whose missing predecessors have arrived, in chain order. */
    private boolean applyHeldThatFit() {
        boolean changed = false;
        Map.Entry<Long, NoteItem> fits = held.takeOneThatFits();
        while (fits != null) {
            changed |= applyServed(fits.getKey(), fits.getValue());
            fits = held.takeOneThatFits();
        }
        return changed;
    }

    /** Gives up waiting for what held items miss once they waited too long, or too many wait. */
    private boolean releaseOverdue() {
        boolean changed = false;
        while (held.oldestIsOverdue(state.appliedThrough)) {
            changed |= release(held.takeOldestAuthors());
        }
        return changed;
    }

    private boolean releaseAll() {
        boolean changed = false;
        while (!held.isEmpty()) {
            changed |= release(held.takeOldestAuthors());
        }
        state.firstHeld = 0;
        return changed;
    }

    /** What these held items miss will not come: they are applied (the first one's gap is warned about). */
    private boolean release(List<Map.Entry<Long, NoteItem>> items) {
        boolean changed = false;
        for (Map.Entry<Long, NoteItem> item : items) {
            changed |= applyServed(item.getKey(), item.getValue());
        }
        return changed | applyHeldThatFit();
    }

    /**
     * Applies the item served under {@code revision} and remembers it. A held item is remembered only once applied,
     * so that a copy kept while it waits (from just before it, see {@link LocalKeeper}) gets it again after a reload.
     */
    private boolean applyServed(long revision, NoteItem item) {
        state.served.remember(revision, item.hash());
        boolean changed = applyItem(revision, item);
        warnOfConflictingText(item.header());
        return changed;
    }

    /** Checks and applies one item in its turn; returns whether the text may have changed. */
    private boolean applyItem(long revision, NoteItem item) {
        byte[] body = checks.openInTurn(item);
        if (body == null) {
            return false;
        }
        UpdateHeader header = item.header();
        if (item.kind() == NoteItemKind.SNAPSHOT && item.covers() == revision - 1) {
            state.restOnEpoch(header.keyEpoch()); // it holds the whole note before it: what came earlier is in it
        } else {
            state.readEpoch(header.keyEpoch());
        }
        if (item.kind() == NoteItemKind.SNAPSHOT) {
            state.audit.record(header.authorKeyId(), header.sequence(), item.hash(), List.of());
            return applySnapshotInTurn(revision, item, body);
        }
        if (item.kind() == NoteItemKind.COMMENT) {
            List<CommentRecord> records = comments.openBatch(item, body);
            state.audit.record(header.authorKeyId(), header.sequence(), item.hash(), List.of(),
                    records == null ? List.of() : records);
            return records != null && comments.apply(records);
        }
        List<TextOp> ops;
        try {
            ops = TextOpCodec.decode(body);
        } catch (InvalidMessageException e) {
            // Signed and intact, but not a text update this version can read (a newer client's, or a broken one's):
            // skipped, and said, rather than locking the note for everyone.
            state.audit.record(header.authorKeyId(), header.sequence(), item.hash(), List.of());
            state.view.showStatus(SyncStatus.REFUSED, "A change from another version of Vellum could not be read "
                    + "and was skipped.");
            return false;
        }
        state.audit.record(header.authorKeyId(), header.sequence(), item.hash(), ops);
        state.doc.apply(ops);
        if (serverCopy != null) {
            serverCopy.apply(ops);
        }
        return true;
    }

    /**
     * A snapshot in its turn: its text should be what this reader already has from the updates it covers, so it
     * only moves the chain on, after two checks: that its author was served the same items under the numbers both
     * know (see onBaseSnapshot), and that its text is the merge of the items its chains name. A body that does not
     * parse is not these checks' to judge: the chain checks already passed, and its state is never used here.
     * Its comment records that verify are merged (they are signed by their own authors: merging them again changes
     * nothing, and they may hold replies this reader still waited for). Returns whether the comments changed.
     */
    private boolean applySnapshotInTurn(long revision, NoteItem item, byte[] bytes) {
        SnapshotBody body;
        try {
            body = SnapshotBody.decode(bytes);
        } catch (InvalidMessageException e) {
            return false;
        }
        if (!agreesOnServedItems(body)) {
            return false;
        }
        String author = SyncState.keyLabel(item.header());
        List<CommentRecord> carried = comments.verifiedCarried(body.comments(), author);
        SnapshotAudit.Verdict verdict = state.audit.check(body, carried);
        if (verdict == SnapshotAudit.Verdict.MATCHES) {
            confirm(revision, item);
        }
        if (verdict == SnapshotAudit.Verdict.DIFFERS || verdict == SnapshotAudit.Verdict.COMMENTS_DIFFER) {
            // Not adopted: no version of ours builds on it. Reported to newcomers only by a reader that replayed the
            // note from its first item; one that opened from a snapshot cannot tell which of the two was altered.
            if (!state.audit.fromFirstItem()) {
                state.view.showWarning(SyncWarning.snapshotsDisagree(author, body.authorName()));
            } else {
                state.reportForged(item.hash());
                state.view.showWarning(verdict == SnapshotAudit.Verdict.DIFFERS
                        ? SyncWarning.forgedSnapshot(author, body.authorName())
                        : SyncWarning.forgedSnapshotComments(author, body.authorName()));
            }
            return false;
        }
        state.lastSnapshotCovers = Math.max(state.lastSnapshotCovers, item.covers());
        return comments.apply(carried);
    }

    /**
     * Tells the server this reader replayed what the snapshot covers and found it right, so it may let those updates
     * go (it counts only another author's word; this tab's own snapshots are not confirmed by it). A snapshot that
     * differs, or that this reader could not judge, is never confirmed: its updates stay for others to check.
     */
    private void confirm(long revision, NoteItem snapshot) {
        FrameSender connection = state.connection;
        if (connection == null || snapshot.header().authorKeyId().equals(state.self())) {
            return;
        }
        connection.send(FrameCodec.encode(new Frame.ConfirmSnapshot(state.cipher.confirm(revision, snapshot))));
    }

    /** Characters this reader held came again with another text: said once per writer, never applied. */
    private void warnOfConflictingText(UpdateHeader header) {
        if (!state.doc.takeConflictingWriters().isEmpty()) {
            state.view.showWarning(SyncWarning.conflictingText(SyncState.keyLabel(header), header.sequence()));
        }
    }

    /** As above, for an opened body; a disagreement starts the fetch of the whole history again. */
    private boolean agreesOnServedItems(SnapshotBody body) {
        long differs = state.served.firstDifferenceWith(body.served());
        if (differs > 0) {
            historyRewritten(differs);
            return false;
        }
        return true;
    }

    /**
     * The snapshot the server starts this connection's history with, as it covers more than this reader has: its
     * state replaces the replay of everything it covers. Whatever this reader holds beyond it (kept offline edits,
     * items that raced ahead) is merged on top, so nothing is lost.
     */
    void onBaseSnapshot(long revision, NoteItem item) {
        if (state.rejoining || item.kind() != NoteItemKind.SNAPSHOT) {
            return;
        }
        if (item.covers() <= state.appliedThrough) {
            // Nothing this reader lacks (it asked from one before its last revision, which the snapshot may cover):
            // the snapshot is an item like any other, checked against what was served under its number, or applied
            // in its turn.
            onRevision(revision, item);
            return;
        }
        SnapshotBody body = checks.openSnapshot(item);
        if (body != null && !agreesOnServedItems(body)) {
            // Its author was served other items than this reader under the same numbers, which the server no longer
            // sends since the snapshot covers them: the history was rewritten under this reader.
            return;
        }
        if (body == null && checks.awaitingMembership()) {
            return; // its author is not in the membership log as known yet: it comes again once the log is in
        }
        TextDocument base = body == null ? null : checks.snapshotText(item, body);
        if (base == null) {
            state.unreadable = true;
            state.view.setEditable(false);
            state.view.showStatus(SyncStatus.UNREADABLE, "Its latest version failed its checks, so the note is not "
                    + "shown and editing is off. Nothing was changed.");
            return;
        }
        if (serverCopy != null) {
            serverCopy = checks.snapshotText(item, body); // a second copy of what the snapshot holds, kept apart
        }
        base.apply(state.doc.opsBeyond(base));
        base.apply(state.doc.pendingOps());
        state.doc = base;
        state.readEpoch(item.header().keyEpoch());
        // The note's comments as of the snapshot, merged with what this reader holds (its own unsent ones too).
        List<CommentRecord> carried = comments.verifiedCarried(body.comments(), SyncState.keyLabel(item.header()));
        comments.apply(carried);
        state.audit.startFromSnapshot(body.state(), body.chains(), carried);
        state.baseSnapshot = item.hash();
        state.baseSnapshotAuthor = SyncState.keyLabel(item.header());
        // Where every author stood at the snapshot, unless this reader knows a later item of theirs.
        AuthorChains merged = body.chains().copy();
        merged.keepLaterOf(state.chains);
        state.chains = merged;
        // The snapshot itself is its author's next item after what it covers.
        if (state.chains.check(item.header()) == AuthorChains.Verdict.NEXT) {
            state.chains.advance(item.header().authorKeyId(), item.header().sequence(), item.hash());
            state.audit.record(item.header().authorKeyId(), item.header().sequence(), item.hash(), List.of());
        }
        state.appliedThrough = item.covers();
        if (state.skippedThrough <= item.covers()) {
            state.skippedThrough = 0;
        }
        state.skipped.dropThrough(item.covers());
        applied.removeIf(number -> number <= item.covers());
        ahead.headMap(item.covers(), true).clear();
        held.dropThrough(item.covers());
        ahead.remove(revision);
        state.latestRevision = Math.max(state.latestRevision, revision);
        state.served.remember(revision, item.hash());
        applied.add(revision);
        state.lastSnapshotCovers = Math.max(state.lastSnapshotCovers, item.covers());
        applyHeldThatFit(); // the snapshot's chains may be what a held item waited for
        if (state.loaded) {
            textChanged.run();
        }
        applyInOrder();
    }
}
