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
        String who = state.credentials.labelOf(item);
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
        if (!credentialHolds(item)) {
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

    /**
     * Whether the item's device certificate, if it carries one, verifies; if not, it is warned about and must not be
     * applied: someone claims an account they cannot prove, which an honest server would have refused.
     */
    private boolean credentialHolds(NoteItem item) {
        try {
            state.credentials.authorOf(item, "");
            return true;
        } catch (InvalidSignatureException e) {
            state.view.showWarning(SyncWarning.forgedCredential(SyncState.keyLabel(item.header())));
            return false;
        }
    }

    /**
     * Who made an opened snapshot: their username from its verified certificate, else the name they chose; null
     * after warning if its certificate does not verify.
     */
    PersonName authorOf(NoteItem item, String chosenName) {
        try {
            return state.credentials.authorOf(item, chosenName);
        } catch (InvalidSignatureException e) {
            state.view.showWarning(SyncWarning.badVersion(SyncState.keyLabel(item.header())));
            return null;
        }
    }

    /**
     * Opens a snapshot and checks its author's signature and, if it carries one, their device certificate; null
     * after warning if either fails.
     */
    SnapshotBody openSnapshot(NoteItem item) {
        try {
            SnapshotBody body = SnapshotBody.decode(state.cipher.open(item));
            state.credentials.authorOf(item, body.authorName());
            return body;
        } catch (InvalidSignatureException | AuthenticationFailedException | InvalidMessageException e) {
            state.view.showWarning(SyncWarning.badVersion(state.credentials.labelOf(item)));
        }
        return null;
    }

    /** The text a snapshot holds, as a document this tab may write on; null after warning if it does not parse. */
    TextDocument snapshotText(NoteItem item, SnapshotBody body) {
        try {
            return TextDocument.decodeState(body.state(), state.replica);
        } catch (InvalidMessageException | IllegalArgumentException e) {
            state.view.showWarning(SyncWarning.badVersion(state.credentials.labelOf(item)));
            return null;
        }
    }
}
