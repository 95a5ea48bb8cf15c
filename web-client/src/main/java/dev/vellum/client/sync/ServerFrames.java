package dev.vellum.client.sync;

import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidSignatureException;
import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.item.NoteItemKind;
import dev.vellum.protocol.wire.CompactRevisions;
import dev.vellum.protocol.wire.ErrorCode;
import dev.vellum.protocol.wire.Frame;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** Hands each frame from the relay to the part whose job it is; acks and refusals touch several, in this order. */
final class ServerFrames {
    private final SyncState state;
    private final Outbox outbox;
    private final Inbox inbox;
    private final Versions versions;
    private final Presence presence;
    private final StatusLine status;
    /** Shows the text, and makes the editor writable if it was not. */
    private final Runnable caughtUp;
    /** Paces sends to the limits the server announces first on every connection: frame size, frames a second. */
    private final BiConsumer<Integer, Integer> serverLimits;
    /** Ends this tab's writing when the server says its device or session is no longer good. */
    private final Runnable sessionEnded;
    /** Waits as an overloaded server asks, then sends the refused item again. */
    private Consumer<Frame.RetryAfter> retryAfter = retry -> { };
    /**
     * Chain conflicts since the server last stored one of this tab's items: a device author that learned its chain
     * again and is still refused does not try again on this connection, so a server that will never continue the
     * chain cannot make it loop.
     */
    private int conflictsSinceStored;
    /** Items of a workspace note refused as sealed under an epoch that is no longer current, since one was stored. */
    private int staleEpochsSinceStored;
    /**
     * What this connection's server left out of compact revisions, to rebuild them: new for every connection, as the
     * server's is (the app always asks for compact revisions; see docs/protocol.md, "Compact revisions").
     */
    private CompactRevisions compact = new CompactRevisions();
    /** Fetches the workspace's log and keys again, then lets the refused edits go again (workspace notes only). */
    private Runnable refreshEpoch = () -> { };

    ServerFrames(SyncState state, Outbox outbox, Inbox inbox, Versions versions, Presence presence,
                 StatusLine status, Runnable caughtUp, BiConsumer<Integer, Integer> serverLimits,
                 Runnable sessionEnded) {
        this.state = state;
        this.outbox = outbox;
        this.inbox = inbox;
        this.versions = versions;
        this.presence = presence;
        this.status = status;
        this.caughtUp = caughtUp;
        this.serverLimits = serverLimits;
        this.sessionEnded = sessionEnded;
    }

    /** A new connection: its compact revisions start from nothing. */
    void onConnected() {
        compact = new CompactRevisions();
    }

    void onFrame(byte[] bytes) {
        Frame frame;
        try {
            frame = compact.decodeFrame(bytes);
        } catch (InvalidMessageException e) {
            status.refused("Unreadable message from the server: " + e.getMessage());
            if (isCompactRevision(bytes)) {
                startCompactStateAfresh();
            }
            return;
        }
        state.lastVerifiedItem = null;
        route(frame);
        if (isCompactRevision(bytes) && frame instanceof Frame.Revision revision
                && !signedAsStored(revision.item())) {
            inbox.forgetUnapplied(revision.revision(), revision.item());
            startCompactStateAfresh();
        }
    }

    private static boolean isCompactRevision(byte[] frame) {
        return frame.length > 1 && frame[1] == CompactRevisions.TYPE;
    }

    /**
     * Whether a compact revision's rebuilt item passes the checks the server makes before storing one that matter to
     * this reader's compact state. One that does not is not the item the server encoded: it was changed on its way,
     * or rebuilt from state the server does not hold. Either way this reader's state now holds it as its author's
     * last (chain hash, entry) where the server's holds the genuine one, and the author's next compact revisions
     * would be rebuilt on it, wrongly, and held back or refused as forgeries. The reader then starts afresh. An item
     * whose turn had come went to the reader's checks as any other, which warn about it; one still queued for an
     * earlier revision was never checked, and is forgotten ({@link Inbox#forgetUnapplied}) with no warning, so that
     * the genuine item served under its number on the next connection is not turned away; one held for its author's
     * missing items is refused with a warning when released.
     *
     * <p>An item those checks verified while routing it (nearly every one: the author's signature covers the chain
     * hash, and the certificate is checked as the server checks it) costs nothing more; every Ed25519 check counts,
     * as each keystroke of each person is a revision. Only the write signature goes unchecked then, as readers
     * leave it unchecked in full items: of what later items are rebuilt from, only the write key (in the context)
     * could then differ from the server's, and no reader checks or uses it. An item they refused, or did not check
     * yet (it waits its turn, or came again), is checked as {@code SignatureChecks} on the server does (a note shared
     * by link stores only items that name no workspace, a workspace note only items that name one).
     */
    private boolean signedAsStored(NoteItem item) {
        if (state.lastVerifiedItem == item) {
            return true;
        }
        try {
            if (item.header().workspaceId().equals(WorkspaceId.LINK_SHARED)) {
                item.verifyForStorage();
            } else {
                item.verifyForWorkspaceStorage();
            }
            return true;
        } catch (InvalidSignatureException e) {
            return false;
        }
    }

    /**
     * The server moved its compact state on with a frame this reader could not read, or read as another item than
     * the server encoded (a new author, a new context, a chain), so later compact revisions on this connection would
     * name state this reader lacks or holds wrong: a new connection starts both ends from nothing and serves the
     * missing revisions again in its history.
     */
    private void startCompactStateAfresh() {
        FrameSender connection = state.connection;
        state.connection = null;
        state.caughtUp = false;
        if (connection != null) {
            connection.reconnect();
        }
    }

    private void route(Frame frame) {
        if (frame instanceof Frame.Revision revision) {
            inbox.onRevision(revision.revision(), revision.item());
        } else if (frame instanceof Frame.History history) {
            history.revisions().forEach(revision -> inbox.onRevision(revision.revision(), revision.item()));
        } else if (frame instanceof Frame.Snapshot snapshot) {
            inbox.onBaseSnapshot(snapshot.revision(), snapshot.item());
        } else if (frame instanceof Frame.CaughtUp caught) {
            inbox.onCaughtUp(caught.latestRevision());
            state.caughtUp = true;
            caughtUp.run();
        } else if (frame instanceof Frame.Accepted accepted) {
            onAccepted(accepted.revision());
        } else if (frame instanceof Frame.RetryAfter retry) {
            retryAfter.accept(retry);
        } else if (frame instanceof Frame.Error error) {
            onError(error);
        } else if (frame instanceof Frame.Presence message) {
            presence.onFrame(message);
        } else if (frame instanceof Frame.HistoryEntry entry) {
            versions.onEntry(entry);
        } else if (frame instanceof Frame.HistoryEnd end) {
            versions.onEnd(end);
        } else if (frame instanceof Frame.ServerHello hello) {
            onServerHello(hello);
        } else {
            status.refused("Unexpected message from the server");
        }
    }

    private void onServerHello(Frame.ServerHello hello) {
        try {
            serverLimits.accept(hello.maxFrameBytes(), hello.framesPerSecond());
        } catch (IllegalArgumentException e) {
            // Limits no client could keep (a broken or hostile server): say so, and keep the pacing there was.
            status.refused("The server announced limits this app cannot keep: " + e.getMessage());
        }
    }

    private void onAccepted(long revision) {
        NoteItem stored = outbox.onAccepted();
        if (stored == null) {
            return;
        }
        conflictsSinceStored = 0;
        staleEpochsSinceStored = 0;
        inbox.onOwnStored(revision, stored.hash());
        status.settled();
        if (stored.kind() == NoteItemKind.SNAPSHOT) {
            versions.onOwnSnapshotStored(stored.covers());
        } else {
            versions.afterOwnUpdate(revision); // this update may cross the mark: its author compacts the note
        }
    }

    /**
     * The server will not continue this tab's chain as this tab knows it (it lost items, was restored from a backup,
     * or holds an item of this device that this tab has not seen). An anonymous visitor's edits go out again under a
     * fresh author key, whose chain starts anew; readers see a new author. A device keeps its key: if an item of its
     * own has arrived since it sealed the refused one (another tab of the same browser wrote), it simply sends again
     * after it; else it fetches the whole history again, which shows where the server has its chain, and sends
     * everything it holds from there (merging it again changes nothing for the others). Refused again before
     * anything of it was stored, it stops until the next edit or connection instead of looping.
     */
    private void onChainConflict(Frame.Error error) {
        long refused = outbox.inFlightSequence();
        outbox.requeue();
        if (!state.writer.hasAccount()) {
            state.startFreshAuthor();
            return;
        }
        AuthorChains.Head own = state.chains.head(state.self());
        if (refused > 0 && own != null && own.sequence() >= refused) {
            return; // an item of this device (another tab's) arrived since: the next send follows it
        }
        if (++conflictsSinceStored > 1) {
            outbox.onRefused();
            status.refused(error.code().description() + " " + error.message() + " Your changes are kept in this "
                    + "browser and will be sent again.");
            return;
        }
        inbox.learnChainsAgain();
    }

    /** What to do when the server is busy and asks for a frame again later (see {@link NoteSync}). */
    void onRetryAfter(Consumer<Frame.RetryAfter> wait) {
        this.retryAfter = wait;
    }

    /** What to do when a workspace note's item was refused for its epoch (see {@link NoteSync}). */
    void onStaleEpoch(Runnable refresh) {
        this.refreshEpoch = refresh;
    }

    private void onError(Frame.Error error) {
        if (error.code() == ErrorCode.HISTORY_UNAVAILABLE) {
            versions.onUnavailable();
            return; // about the version list only: whatever is in flight is still on its way
        }
        if (error.code() == ErrorCode.UNKNOWN_DEVICE || error.code() == ErrorCode.DEVICE_REVOKED
                || error.code() == ErrorCode.NOT_THIS_SESSION) {
            // Logged out or revoked elsewhere: no resend can succeed, so nothing is sent again until they log in.
            outbox.requeue();
            sessionEnded.run();
            return;
        }
        if (error.code() == ErrorCode.CHAIN_CONFLICT) {
            onChainConflict(error);
            return;
        }
        if (error.code() == ErrorCode.UNSUPPORTED_WORKSPACE && state.membership != null
                && ++staleEpochsSinceStored <= 1) {
            // A workspace note's item under an epoch that is no longer current: a member was removed and the key
            // rotated while the note was open. The edits wait, the log and its new key are fetched, and they go
            // again under the new epoch; refused again for this before anything is stored, they wait as below.
            outbox.onRefused();
            refreshEpoch.run();
            return;
        }
        // Not again on this connection (the same item would be refused the same way, or the server needs a pause);
        // a new connection or a new edit tries again. Nothing is dropped.
        outbox.onRefused();
        boolean temporary = error.code() == ErrorCode.RATE_LIMITED || error.code() == ErrorCode.STORAGE_FAILURE;
        status.refused(error.code().description() + " " + error.message()
                + (temporary ? " Your changes are kept and will be sent again." : ""));
    }
}
