package dev.vellum.server.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.workspace.EntryBody;
import dev.vellum.protocol.workspace.Role;
import dev.vellum.server.config.ServerConfig;
import dev.vellum.server.testing.TestConfigs;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The workspace caps, lowered by their flags, refuse what would pass them ({@code 409 limit_reached}). */
class WorkspaceLimitsTest extends ServerWithPeople {
    @Override
    ServerConfig config() {
        return TestConfigs.withFlags(dataDir, "--max-workspaces-per-account", "1", "--max-workspace-members", "2",
                "--max-workspace-notes", "1", "--max-log-entries", "4");
    }

    @Test
    void workspacesPerAccount_membersPerWorkspace_notes_andLogEntries_areCapped() {
        TestWorkspace workspace = TestWorkspace.create(alice);
        assertStatus(409, "limit_reached", alice.client.post("/api/workspaces", new TestWorkspace()
                .createBody(alice)));

        workspace.addMember(alice, bob, Role.EDITOR); // 3 entries, 2 members
        assertStatus(409, "limit_reached", workspace.append(alice, List.of(workspace.sign(alice,
                new EntryBody.Invite(TestWorkspace.record(carol, Role.VIEWER)))), workspace.envelope(alice, carol)));
        // Bob is a member of one workspace already: he cannot make another.
        assertStatus(409, "limit_reached", bob.client.post("/api/workspaces", new TestWorkspace().createBody(bob)));

        addNote(workspace, alice);
        assertStatus(409, "limit_reached", alice.client.post("/api/workspaces/" + workspace.id + "/notes",
                newNote(workspace, NoteId.random(workspace.random), alice)));

        assertStatus(200, null, workspace.append(alice, List.of(workspace.sign(alice,
                new EntryBody.ChangeRole(bob.account.accountId, Role.VIEWER)))));
        assertStatus(409, "limit_reached", workspace.append(alice, List.of(workspace.sign(alice,
                new EntryBody.ChangeRole(bob.account.accountId, Role.EDITOR)))));
        assertEquals(4, alice.client.get("/api/workspaces/" + workspace.id + "/log").json().getLong("length"));
    }
}
