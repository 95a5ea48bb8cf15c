package dev.vellum.client.workspace;

import dev.vellum.client.account.SignedInDevice;
import dev.vellum.client.crdt.ReplicaId;
import dev.vellum.client.sync.LocalCopyStore;
import dev.vellum.client.sync.NoteSync;
import dev.vellum.client.sync.NoteView;
import dev.vellum.client.sync.SyncClock;
import dev.vellum.client.sync.Writer;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.protocol.seal.NoteItemCipher;
import dev.vellum.protocol.seal.NoteKeyring;

/**
 * A note of an opened workspace, ready for the editor: its keys come from the workspace's epoch keys (never from a
 * link), every item's author is checked against the membership log, the log head each item claims is compared with
 * the verified log, and a viewer's editor is read-only.
 */
public final class WorkspaceNote {
    private final OpenedWorkspace workspace;
    private final NoteEntry entry;

    WorkspaceNote(OpenedWorkspace workspace, NoteEntry entry) {
        this.workspace = workspace;
        this.entry = entry;
    }

    public NoteId noteId() {
        return entry.noteId();
    }

    public WorkspaceId workspaceId() {
        return workspace.id();
    }

    /** The decrypted title, or {@link NoteEntry#UNREADABLE_TITLE}. */
    public String title() {
        return entry.title();
    }

    /**
     * This person may only read the note (a viewer, or a writer whose browser lacks the current epoch's key): the
     * editor stays read-only and nothing is sent.
     */
    public boolean readOnly() {
        return !workspace.canWrite() || !workspace.holdsCurrentKey();
    }

    /** Read-only because this browser lacks the current epoch's key (see {@link OpenedWorkspace#holdsCurrentKey}). */
    public boolean lacksCurrentKey() {
        return !workspace.holdsCurrentKey();
    }

    /**
     * Starts syncing the note, writing as {@code device} (whose account must be the session's), with the editor
     * {@code view}; connect it to {@code /ws/notes/<note id>} as for a link note.
     *
     * @param color an index into the editor's palette
     */
    public NoteSync startSync(SignedInDevice device, NoteView view, ReplicaId replica, SyncClock clock,
                              LocalCopyStore<?> localStore, int color) {
        if (!device.accountId().equals(workspace.session().account().accountId())) {
            throw new IllegalArgumentException("the device is another account's than the workspace session's");
        }
        NoteMembership membership = new NoteMembership(workspace);
        NoteItemCipher cipher = NoteItemCipher.forWorkspaceNote(
                NoteKeyring.ofWorkspaceNote(membership.keyring(), entry.noteId()), device.device(),
                device.certificate(), membership::head, workspace.session().random());
        return new NoteSync(Writer.device(cipher, color), view, replica, clock, localStore, membership);
    }
}
