package dev.vellum.client.sync;

import dev.vellum.client.crdt.TextDocument;
import dev.vellum.error.AuthenticationFailedException;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidSignatureException;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.item.UpdateHeader;

/**
 * Opens items from the server and checks them: the author's signature, the encryption, and the author's chain
 * (replays, gaps, forks). Every failure becomes a {@link SyncWarning} for the person, never an exception: the item is
 * skipped, and the note goes on.
 */
final class ItemChecks {
    private final SyncState state;

    ItemChecks(SyncState state) {
        this.state = state;
    }

    /**
     * Opens an item and checks it against its author's chain, which it then moves on. Returns its body, or null after
     * warning if it must not be applied; a gap is warned about and the (authentic) item still returned.
     */
    byte[] openInTurn(NoteItem item) {
        UpdateHeader header = item.header();
        String who = SyncState.keyLabel(header);
        byte[] body;
        try {
            body = state.cipher.open(item);
        } catch (InvalidSignatureException e) {
            state.view.showWarning(SyncWarning.badSignature(who));
            return null;
        } catch (AuthenticationFailedException | InvalidMessageException e) {
            state.view.showWarning(SyncWarning.unreadable(who));
            return null;
        }
        switch (state.chains.check(header)) {
            case REPLAY:
                state.view.showWarning(SyncWarning.replay(header.sequence(), who));
                return null;
            case BROKEN:
                state.view.showWarning(SyncWarning.brokenChain(header.sequence(), who));
                return null;
            case GAP:
                AuthorChains.Head head = state.chains.head(header.authorKeyId());
                long missing = header.sequence() - 1 - (head == null ? 0 : head.sequence());
                state.view.showWarning(SyncWarning.gap(missing, who));
                break;
            case NEXT:
                break;
        }
        state.chains.advance(header.authorKeyId(), header.sequence(), item.hash());
        return body;
    }

    /**
     * Whether the item skips some of its author's sequence numbers. The missing ones may still come: a server can
     * send one author's two items in the wrong order, and the later one then waits for the earlier.
     */
    boolean skipsAhead(NoteItem item) {
        return state.chains.check(item.header()) == AuthorChains.Verdict.GAP;
    }

    /** Opens a snapshot and checks its author's signature; null after warning if it fails. */
    SnapshotBody openSnapshot(NoteItem item) {
        try {
            return SnapshotBody.decode(state.cipher.open(item));
        } catch (InvalidSignatureException | AuthenticationFailedException | InvalidMessageException e) {
            state.view.showWarning(SyncWarning.badVersion(SyncState.keyLabel(item.header())));
        }
        return null;
    }

    /** The text a snapshot holds, as a document this tab may write on; null after warning if it does not parse. */
    TextDocument snapshotText(NoteItem item, SnapshotBody body) {
        try {
            return TextDocument.decodeState(body.state(), state.replica);
        } catch (InvalidMessageException | IllegalArgumentException e) {
            state.view.showWarning(SyncWarning.badVersion(SyncState.keyLabel(item.header())));
            return null;
        }
    }
}
