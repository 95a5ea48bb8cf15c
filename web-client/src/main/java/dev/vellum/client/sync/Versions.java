package dev.vellum.client.sync;

import dev.vellum.client.crdt.TextDocument;
import dev.vellum.client.people.PersonName;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.item.NoteItemKind;
import dev.vellum.protocol.wire.Frame;
import dev.vellum.protocol.wire.FrameCodec;
import java.util.ArrayList;
import java.util.List;

/**
 * Snapshots and the versions they make: a client seals the whole note after a pause in its editing and when its
 * update crosses {@link SyncTunables#SNAPSHOT_EVERY} revisions past the last snapshot, so that opening a note costs
 * the latest snapshot plus what came after; and the history lists those snapshots, a page at a time.
 */
final class Versions {
    private final SyncState state;
    private final Outbox outbox;
    private final ItemChecks checks;
    private final SyncClock clock;
    /** Runs {@link #onIdle()} once the person has paused this long after an edit. */
    private final Delayed idle;
    /** Whether this person edited since their last snapshot: an idle pause then leaves a version in the history. */
    private boolean editedSinceSnapshot;
    /** Versions of the history page being received, or null when no page is asked for. */
    private List<HistoryVersion> historyPage;

    Versions(SyncState state, Outbox outbox, ItemChecks checks, SyncClock clock) {
        this.state = state;
        this.outbox = outbox;
        this.checks = checks;
        this.clock = clock;
        this.idle = new Delayed(clock, SyncTunables.IDLE_SNAPSHOT_MILLIS, this::onIdle);
    }

    /** The person edited: a pause from now on leaves a version. */
    void onEdited() {
        editedSinceSnapshot = true;
        idle.restart();
    }

    /** The person paused after editing: one snapshot now, so each editing session leaves a version. */
    void onIdle() {
        if (editedSinceSnapshot) {
            snapshotIfPossible();
        }
    }

    /** This tab's update was stored under {@code revision}: if it crossed the mark, its author compacts the note. */
    void afterOwnUpdate(long revision) {
        if (revision - state.lastSnapshotCovers >= SyncTunables.SNAPSHOT_EVERY) {
            snapshotIfPossible();
        }
    }

    void onOwnSnapshotStored(long covers) {
        state.lastSnapshotCovers = Math.max(state.lastSnapshotCovers, covers);
        editedSinceSnapshot = false;
        if (state.membership != null) {
            // Everything up to it is now sealed under the epoch this tab writes in (items never go under an older one).
            state.oldestEpochRead = state.membership.currentEpoch();
        }
    }

    /**
     * Seals the whole note (its text and its current comment records) as a snapshot covering every revision so far, if
     * that is exactly what this client holds: connected and caught up, nothing unsent or in flight, and every revision
     * up to the latest applied with none given up on. Ops still waiting in the CRDT then wait for characters no stored
     * item holds (a hostile or broken writer's); they are left out rather than let one such op stop snapshots for good.
     */
    private void snapshotIfPossible() {
        if (state.latestRevision <= state.lastSnapshotCovers) {
            return;
        }
        snapshotIfExact();
    }

    /**
     * A writer that has loaded a workspace note whose text rests on an epoch before the current one (its base
     * snapshot, an item, or the kept copy was sealed under an older key) seals it again in a snapshot under the
     * current epoch, once it holds exactly the note (see {@link #snapshotIfExact}), even if the last snapshot covers
     * every revision: that snapshot is what lets an owner's compaction forget the older history and keys
     * (protocol.md, "Compaction"). Once stored, the text rests on the current epoch, so it is made once.
     */
    void reEncryptIfOlder() {
        if (state.membership == null || !state.writable() || state.latestRevision < 1
                || state.oldestEpochRead >= state.membership.currentEpoch()) {
            return;
        }
        snapshotIfExact();
    }

    /**
     * Sends a snapshot covering every revision so far if that is exactly what this client holds: connected and caught
     * up, nothing unsent or in flight, every revision up to the latest applied with none given up on.
     */
    private void snapshotIfExact() {
        if (state.appliedThrough != state.latestRevision || state.skippedThrough > 0 || state.firstHeld > 0
                || !outbox.canSend() || outbox.hasUnsent()) {
            return;
        }
        SnapshotBody body = new SnapshotBody(clock.nowMillis(), state.writer.chosenName(), state.chains.copy(),
                state.served.copy(), state.book.currentRecords(), state.doc.encodeState());
        outbox.sendSnapshot(state.latestRevision, body.encode());
    }

    /** A connection opened or closed: a page asked for on the last one will not come. */
    void onConnectionChanged() {
        historyPage = null;
    }

    /** Asks for the versions older than {@code revision}; returns false if offline or a page is on its way. */
    boolean requestBefore(long revision) {
        if (state.connection == null || revision < 1 || historyPage != null) {
            return false;
        }
        historyPage = new ArrayList<>();
        state.connection.send(FrameCodec.encode(new Frame.HistoryRequest(revision, SyncTunables.HISTORY_PAGE)));
        return true;
    }

    void onEntry(Frame.HistoryEntry entry) {
        NoteItem item = entry.snapshot();
        if (historyPage == null || item.kind() != NoteItemKind.SNAPSHOT) {
            return; // not asked for on this connection, or not a version
        }
        SnapshotBody body = checks.openSnapshot(item);
        TextDocument version = body == null ? null : checks.snapshotText(item, body);
        PersonName author = body == null ? null : checks.authorOf(item, body.authorName());
        if (version != null && author != null) {
            historyPage.add(new HistoryVersion(entry.revision(), author, SyncState.keyLabel(item.header()),
                    body.createdAtMillis(), version.text()));
        }
    }

    void onEnd(Frame.HistoryEnd end) {
        if (historyPage != null) {
            state.view.showHistory(historyPage, end.more());
            historyPage = null;
        }
    }

    /** The server cannot list versions now: said once, and the panel shows none. */
    void onUnavailable() {
        historyPage = null;
        state.view.showWarning(SyncWarning.versionsUnavailable());
        state.view.showHistory(List.of(), false);
    }
}
