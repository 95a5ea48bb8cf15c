package dev.vellum.client.workspace;

import static dev.vellum.client.workspace.Workspaces.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.client.workspace.Workspaces.Person;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.protocol.workspace.EntryBody;
import dev.vellum.protocol.workspace.MembershipEntry;
import dev.vellum.protocol.workspace.Role;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The benchmark workspace on the JVM: 20 members, a 200-entry log and 500 notes, opened with every entry
 * and every title verified. The bound is loose (the browser benchmark has the real target); it catches work that
 * grows faster than the workspace, such as verifying the log once per note.
 */
class OpeningCostTest {
    @Test
    void aWorkspaceWith20Members_200Entries_and500Notes_opensWithEverythingVerified() throws Exception {
        Workspaces world = new Workspaces();
        Person alice = world.person("alice");
        WorkspaceId id = ok((done, failed) -> alice.actions().createWorkspace("Big", done, failed));
        OpenedWorkspace opened = alice.open(id);
        List<Person> members = new ArrayList<>();
        for (int i = 1; i < 20; i++) {
            Person member = world.new Person("member" + i);
            Invitee invitee = ok((done, failed) -> alice.actions().lookUp(member.account.username().value(), done,
                    failed));
            OpenedWorkspace current = opened;
            opened = ok((done, failed) -> alice.actions().invite(current, invitee, Role.EDITOR, done, failed));
            members.add(member.signIn());
        }
        for (Person member : members) {
            Workspaces.<OpenedWorkspace>ok((done, failed) -> member.actions().accept(member.open(id), done, failed));
        }
        // The rest of the 200 entries: role changes, signed by Alice as her browser would, stored by the server.
        FakeWorkspaceServer.Stored stored = world.server.workspaces.get(id);
        boolean owner = false;
        while (stored.entries.size() < 200) {
            owner = !owner;
            MembershipEntry entry = MembershipEntry.sign(id, stored.log.head(), new EntryBody.ChangeRole(
                    members.get(0).account.accountId(), owner ? Role.OWNER : Role.EDITOR), world.now,
                    alice.account.accountId(), alice.account.identity());
            stored.log.append(entry);
            stored.entries.add(entry.encode());
        }
        opened = alice.open(id);
        for (int i = 0; i < 500; i++) {
            OpenedWorkspace current = opened;
            String title = "Note " + i;
            Workspaces.<NoteId>ok((done, failed) -> alice.actions().createNote(current, title, done, failed));
        }

        Person reader = members.get(5);
        long start = System.nanoTime();
        OpenedWorkspace read = reader.open(id);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(20, read.members().size());
        assertEquals(200, world.server.workspaces.get(id).entries.size());
        assertEquals(500, read.notes().size());
        assertTrue(read.notes().stream().allMatch(NoteEntry::titleVerified));
        long again = System.nanoTime();
        reader.open(id);
        System.out.println("Opened 20 members, 200 entries, 500 notes in " + millis + " ms (JVM, first), "
                + (System.nanoTime() - again) / 1_000_000 + " ms (second)");
        assertTrue(millis < 5_000, "opening took " + millis + " ms");
    }
}
