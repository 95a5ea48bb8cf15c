package dev.vellum.client.workspace;

import dev.vellum.client.keys.MissingNoteKeyException;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.protocol.workspace.Role;
import java.util.List;

/**
 * A workspace as this browser verified it, at one moment: the whole membership log checked from genesis (and
 * against the head this browser pinned before: no rollback, no fork), the epoch keys addressed to this person
 * (each checked against the log's epoch commitment, and sent by someone who is or was an owner), the decrypted
 * name, the members with their pins, and the notes with their decrypted and verified titles. Immutable: after a
 * change, {@link WorkspaceSession#open} gives a new one. Made only through {@link WorkspaceSession#open}.
 */
public final class OpenedWorkspace {
    private OpenedWorkspace() {
    }

    public WorkspaceId id() {
        return unsupported();
    }

    /** The decrypted name (NFC, 1 to 100 bytes of UTF-8). */
    public String name() {
        return unsupported();
    }

    /** This person's role: a member's, or for a pending invitation the role offered. */
    public Role myRole() {
        return unsupported();
    }

    /** This person is invited and has not accepted yet: they may {@code accept} or {@code decline}, nothing else. */
    public boolean pending() {
        return unsupported();
    }

    /** This person may create, rename and delete notes and write in them (owner or editor, not pending). */
    public boolean canWrite() {
        return unsupported();
    }

    /** This person may invite, remove, change roles, make invite links and rename the workspace (owner). */
    public boolean canManage() {
        return unsupported();
    }

    /** The members, owners first, then by username. */
    public List<MemberView> members() {
        return unsupported();
    }

    /** The people invited by username who have not accepted or declined yet. */
    public List<MemberView> pendingInvitations() {
        return unsupported();
    }

    /** The invite links that are open (not used, not revoked, not expired). */
    public List<LinkInvitationView> linkInvitations() {
        return unsupported();
    }

    /** The notes, most recently changed first. */
    public List<NoteEntry> notes() {
        return unsupported();
    }

    /**
     * What went wrong without making the workspace unusable: a title that does not verify, a member whose key
     * changed, a key envelope that was refused. Shown to the person; blocking ones ({@link WorkspaceProblem#blocking})
     * in an alert dialog.
     */
    public List<WorkspaceProblem> warnings() {
        return unsupported();
    }

    /** The current key epoch (0 at creation; one more after each removal). */
    public int currentEpoch() {
        return unsupported();
    }

    /**
     * A note of this workspace, to open in the editor with keys from the workspace's epoch keys.
     *
     * @throws MissingNoteKeyException if this person holds no key (a pending invitee, say) or the note is not listed
     */
    public WorkspaceNote note(NoteId noteId) throws MissingNoteKeyException {
        return unsupported();
    }

    private static <T> T unsupported() {
        throw new UnsupportedOperationException("OpenedWorkspace: being written (ws-client)");
    }
}
