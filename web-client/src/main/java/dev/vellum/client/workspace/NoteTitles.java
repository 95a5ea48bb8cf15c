package dev.vellum.client.workspace;

import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.protocol.workspace.EpochKeyring;
import dev.vellum.protocol.workspace.MembershipLog;
import java.util.List;

/**
 * Reads a note's sealed title from the list: opened under its epoch's key, its signer allowed to write then (by
 * the log), its signature checked with the identity the log records for them. A title that fails is shown as
 * {@link NoteEntry#UNREADABLE_TITLE}, with a warning.
 */
final class NoteTitles {
    private NoteTitles() {
    }

    static NoteEntry read(MembershipLog log, LogIdentities identities, EpochKeyring keyring, WorkspaceId workspace,
                          WorkspaceServer.NoteRow row, List<WorkspaceProblem> warnings) {
        // Waits for SealedTitle (ws-crypto).
        return new NoteEntry(row.noteId(), NoteEntry.UNREADABLE_TITLE, false, row.updatedAt());
    }
}
