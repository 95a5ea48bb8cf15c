package dev.vellum.server.ws;

import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.protocol.item.NoteItemKind;
import dev.vellum.protocol.workspace.Role;
import dev.vellum.server.workspace.WorkspaceStore;

/**
 * A socket's note belongs to a workspace: only members may connect (checked before the upgrade), only writers may
 * publish text (viewers may publish comments), and each item must name the workspace and its current epoch. Link
 * notes have none.
 */
record WorkspaceNote(WorkspaceId workspaceId, WorkspaceStore store) {
    /**
     * Whether a member with {@code role} may publish an item of {@code kind}: writers anything; viewers only
     * comments, which never change the text (reviewers who may not edit are the main reason to comment), and never
     * updates or snapshots. Readers apply the same rule to the items they are served (docs/protocol.md, "Comments").
     */
    static boolean mayPublish(Role role, NoteItemKind kind) {
        return role.canWrite() || kind == NoteItemKind.COMMENT;
    }
}
