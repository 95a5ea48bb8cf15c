package dev.vellum.client.sync;

import dev.vellum.client.crdt.TextDocument;
import dev.vellum.client.people.PersonName;
import dev.vellum.error.AuthenticationFailedException;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidSignatureException;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.item.NoteItemKind;
import dev.vellum.protocol.item.UpdateHeader;
import dev.vellum.protocol.seal.OpenedItem;
import dev.vellum.protocol.workspace.LogHead;
import dev.vellum.protocol.workspace.MembershipLog.HeadComparison;

/**
 * Opens items from the server and checks them: the author's signature, the encryption, and the author's chain (replays,
 * gaps, forks); in a workspace note, also that the membership log lets the author write under the item's epoch (or, for
 * a comment item, that they are a member of it: viewers may comment), and that the log head the author claims is one
 * this browser's log agrees with. Every failure becomes a {@link SyncWarning} for the person, never an exception: the
 * item is skipped, and the note goes on.
 */
final class ItemChecks {
    private final SyncState state;
    /** Fetches the whole history again, once the membership log was refreshed and may now admit skipped items. */
    private Runnable membershipLearned = () -> { };
    /** A refresh of the membership log is under way; and whether skipped items wait for its outcome. */
    private boolean refreshing;
    private boolean itemsWaitForRefresh;
    /** The highest log position an author claimed that a refresh was made for: beyond it, ask again. */
    private long refreshedFor = -1;

    ItemChecks(SyncState state) {
        this.state = state;
    }

    void onMembershipLearned(Runnable fetchHistoryAgain) {
        this.membershipLearned = fetchHistoryAgain;
    }

    /**
     * Items (or a snapshot) were set aside until the membership log is fetched again, after which the whole history
     * comes again: a snapshot set aside meanwhile does not make the note unreadable.
     */
    boolean awaitingMembership() {
        return refreshing && itemsWaitForRefresh;
    }

    /**
     * Opens an item and checks it against its author's chain, which it then moves on. Returns its body, or null after
     * warning if it must not be applied; a gap is warned about and the (authentic) item still returned.
     */
    byte[] openInTurn(NoteItem item) {
        UpdateHeader header = item.header();
        String who = state.credentials.labelOf(item);
        OpenedItem opened;
        try {
            opened = state.cipher.openItem(item);
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
        state.lastVerifiedItem = item;
        if (!memberMayWrite(item, opened, who)) {
            return null;
        }
        byte[] body = opened.body();
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
     * In a workspace note, whether the membership log lets the item's author (the account and identity of its
     * verified certificate) write under its epoch, and whether the log head they claim agrees with this browser's
     * log; warns and answers false if not. A claimed head beyond this browser's log makes it fetch the log again
     * (once per position): if the author may not write by the log as known, the item waits for that, and the whole
     * history is fetched again once the log is in, so that it is judged again; if the log still does not reach
     * that head, the server is withholding membership changes, which is warned about (and the item then refused).
     */
    private boolean memberMayWrite(NoteItem item, OpenedItem opened, String who) {
        WorkspaceMembership membership = state.membership;
        if (membership == null) {
            return true;
        }
        LogHead claimed = opened.claimedHead();
        HeadComparison comparison = membership.compare(claimed);
        if (comparison == HeadComparison.FORKED) {
            state.view.showWarning(SyncWarning.membershipFork(who));
            return false;
        }
        // A comment item may come from any member of its epoch, viewers too; an update or snapshot only from a writer.
        boolean comment = item.kind() == NoteItemKind.COMMENT;
        boolean may = comment
                ? membership.mayComment(item.credential().accountId(), item.credential().identity(),
                        item.header().keyEpoch())
                : membership.mayWrite(item.credential().accountId(), item.credential().identity(),
                        item.header().keyEpoch());
        if (comparison == HeadComparison.LATER) {
            if (claimed.sequence() <= refreshedFor && !refreshing) {
                state.view.showWarning(SyncWarning.membershipWithheld(who));
            } else {
                refresh(claimed, who, !may);
            }
            if (!may) {
                return false;
            }
        }
        if (!may) {
            state.view.showWarning(comment ? SyncWarning.notAMember(who) : SyncWarning.notAWriter(who));
        }
        return may;
    }

    private void refresh(LogHead claimed, String who, boolean itemWaits) {
        itemsWaitForRefresh |= itemWaits;
        refreshedFor = Math.max(refreshedFor, claimed.sequence());
        if (refreshing) {
            return;
        }
        refreshing = true;
        state.membership.refresh(() -> {
            refreshing = false;
            boolean fetchAgain = itemsWaitForRefresh;
            itemsWaitForRefresh = false;
            HeadComparison now = state.membership.compare(claimed);
            if (now == HeadComparison.LATER) {
                state.view.showWarning(SyncWarning.membershipWithheld(who));
            } else if (now == HeadComparison.FORKED) {
                state.view.showWarning(SyncWarning.membershipFork(who));
            }
            if (fetchAgain) {
                // The items that waited are judged again by the log as it now stands: let in, or refused for good
                // (a position already asked for is not asked for again, so this happens once).
                membershipLearned.run();
            }
        });
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
            OpenedItem opened = state.cipher.openItem(item);
            SnapshotBody body = SnapshotBody.decode(opened.body());
            state.credentials.authorOf(item, body.authorName());
            if (!memberMayWrite(item, opened, state.credentials.labelOf(item))) {
                return null;
            }
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
