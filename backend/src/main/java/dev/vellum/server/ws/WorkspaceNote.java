package dev.vellum.server.ws;

import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.server.workspace.WorkspaceStore;

/**
 * A socket's note belongs to a workspace: only members may connect (checked before the upgrade), only writers may
 * publish, and each item must name the workspace and its current epoch. Link notes have none.
 */
record WorkspaceNote(WorkspaceId workspaceId, WorkspaceStore store) {
}
