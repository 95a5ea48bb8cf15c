package dev.vellum.client.workspace;

import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.protocol.workspace.Role;

/**
 * One workspace of the home page's list, from its verified log: its decrypted name and this person's role in it.
 *
 * @param name null when {@code problem} says why it could not be read
 * @param role the role the log gives this person; for a pending invitation, the role offered
 * @param pending this person is invited and has not accepted or declined yet
 * @param problem why the workspace could not be verified or opened, else null
 */
public record WorkspaceSummary(WorkspaceId workspaceId, String name, Role role, boolean pending,
                               WorkspaceProblem problem) {
}
