package dev.vellum.client.workspace;

import static dev.vellum.client.workspace.Workspaces.ok;
import static dev.vellum.client.workspace.Workspaces.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.client.workspace.Workspaces.Person;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.protocol.workspace.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Workspaces as members use them, against an honest server. */
class WorkspaceMembershipTest {
    private final Workspaces world = new Workspaces();

    private static WorkspaceSummary only(List<WorkspaceSummary> list) {
        assertEquals(1, list.size());
        return list.get(0);
    }

    private WorkspaceId create(Person owner, String name) {
        return ok((done, failed) -> owner.actions().createWorkspace(name, done, failed));
    }

    private OpenedWorkspace invite(Person owner, WorkspaceId id, Person invitee, Role role) {
        Invitee found = ok((done, failed) -> owner.actions().lookUp(invitee.account.username().value(), done,
                failed));
        return ok((done, failed) -> owner.actions().invite(owner.open(id), found, role, done, failed));
    }

    private OpenedWorkspace accept(Person invitee, WorkspaceId id) {
        return ok((done, failed) -> invitee.actions().accept(invitee.open(id), done, failed));
    }

    @Test
    void firstSignIn_createsThePersonalWorkspace_once() {
        Person alice = world.person("alice");
        WorkspaceSummary personal = only(ok((done, failed) -> alice.session.workspaces(done, failed)));
        assertEquals("Personal", personal.name());
        assertEquals(Role.OWNER, personal.role());
        assertNull(personal.problem());

        alice.signIn();
        assertEquals(1, world.server.workspaces.size());
    }

    @Test
    void createdWorkspace_opensWithItsName_andItsCreatorAsOnlyOwner() {
        Person alice = world.person("alice");
        WorkspaceId id = create(alice, "Team\u0301 notes");
        OpenedWorkspace opened = alice.open(id);
        assertEquals(java.text.Normalizer.normalize("Team\u0301 notes", java.text.Normalizer.Form.NFC),
                opened.name());
        assertEquals(1, opened.members().size());
        assertTrue(opened.members().get(0).self());
        assertTrue(opened.canManage());
        assertEquals(0, opened.currentEpoch());
        assertTrue(opened.warnings().isEmpty());
    }

    @Test
    void inviteeSeesTheInvitation_acceptsIt_andBothSeeTheSameSafetyNumber() {
        Person alice = world.person("alice");
        Person bob = world.person("bob");
        WorkspaceId id = create(alice, "Plans");
        OpenedWorkspace afterInvite = invite(alice, id, bob, Role.EDITOR);
        assertEquals(1, afterInvite.pendingInvitations().size());

        OpenedWorkspace bobsView = bob.open(id);
        assertTrue(bobsView.pending());
        assertEquals("Plans", bobsView.name());
        assertFalse(bobsView.canWrite());

        OpenedWorkspace joined = accept(bob, id);
        assertFalse(joined.pending());
        assertTrue(joined.canWrite());
        assertEquals(2, joined.members().size());

        OpenedWorkspace alicesView = alice.open(id);
        MemberView bobSeenByAlice = alicesView.members().stream().filter(m -> !m.self()).findFirst().orElseThrow();
        MemberView aliceSeenByBob = joined.members().stream().filter(m -> !m.self()).findFirst().orElseThrow();
        assertEquals(alice.session.safetyNumber(bobSeenByAlice.identity()),
                bob.session.safetyNumber(aliceSeenByBob.identity()));
    }

    @Test
    void declinedInvitation_leavesTheWorkspaceClosedToTheInvitee() {
        Person alice = world.person("alice");
        Person bob = world.person("bob");
        WorkspaceId id = create(alice, "Plans");
        invite(alice, id, bob, Role.VIEWER);
        ok((done, failed) -> bob.actions().decline(bob.open(id), () -> done.accept(Boolean.TRUE), failed));
        assertEquals(WorkspaceProblem.Kind.SERVER, bob.openFails(id).kind());
        assertTrue(alice.open(id).pendingInvitations().isEmpty());
    }

    @Test
    void removal_rotatesTheKey_toEveryoneButTheRemovedMember() {
        Person alice = world.person("alice");
        Person bob = world.person("bob");
        Person carol = world.person("carol");
        WorkspaceId id = create(alice, "Plans");
        invite(alice, id, bob, Role.EDITOR);
        accept(bob, id);
        invite(alice, id, carol, Role.EDITOR);
        accept(carol, id);

        OpenedWorkspace after = ok((done, failed) -> alice.actions().remove(alice.open(id),
                carol.account.accountId(), done, failed));
        assertEquals(1, after.currentEpoch());
        assertEquals(2, after.members().size());

        OpenedWorkspace bobs = bob.open(id);
        assertEquals(1, bobs.currentEpoch());
        assertTrue(bobs.warnings().isEmpty(), () -> bobs.warnings().toString());
        assertEquals("Plans", bobs.name());
        assertEquals(WorkspaceProblem.Kind.SERVER, carol.openFails(id).kind());
        // The rotation sealed one envelope to each remaining member, none to Carol.
        long toCarol = world.server.workspaces.get(id).envelopes.stream().filter(e -> addressedTo(e, carol)).count();
        assertEquals(1, toCarol); // her epoch-0 envelope from the invitation only
    }

    private static boolean addressedTo(byte[] envelope, Person person) {
        try {
            return dev.vellum.protocol.item.KeyEnvelope.parse(envelope).header().recipientKeyId()
                    .equals(dev.vellum.protocol.id.IdentityKeyId.of(person.account.identity().publicIdentity()));
        } catch (dev.vellum.error.InvalidMessageException e) {
            return false;
        }
    }

    @Test
    void theLastOwner_cannotBeDemoted_andNothingIsSent() {
        Person alice = world.person("alice");
        WorkspaceId id = create(alice, "Plans");
        int appends = world.server.appends;
        WorkspaceProblem refused = Workspaces.<OpenedWorkspace>problem((done, failed) -> alice.actions().changeRole(alice.open(id),
                alice.account.accountId(), Role.EDITOR, done, failed));
        assertEquals(WorkspaceProblem.Kind.NOT_ALLOWED, refused.kind());
        assertEquals(appends, world.server.appends);
    }

    @Test
    void notes_areListedByTheirDecryptedTitles_renamedAndDeleted() {
        Person alice = world.person("alice");
        WorkspaceId id = create(alice, "Plans");
        NoteId first = ok((done, failed) -> alice.actions().createNote(alice.open(id), "Groceries", done, failed));
        NoteId second = ok((done, failed) -> alice.actions().createNote(alice.open(id), "", done, failed));
        OpenedWorkspace opened = alice.open(id);
        assertEquals(2, opened.notes().size());
        NoteEntry groceries = opened.notes().stream().filter(n -> n.noteId().equals(first)).findFirst()
                .orElseThrow();
        assertEquals("Groceries", groceries.label());
        assertTrue(groceries.titleVerified());
        assertEquals(NoteEntry.UNTITLED, opened.notes().stream().filter(n -> n.noteId().equals(second))
                .findFirst().orElseThrow().label());

        ok((done, failed) -> alice.actions().renameNote(alice.open(id), first, "Shopping",
                () -> done.accept(Boolean.TRUE), failed));
        ok((done, failed) -> alice.actions().deleteNote(alice.open(id), second, () -> done.accept(Boolean.TRUE),
                failed));
        OpenedWorkspace renamed = alice.open(id);
        assertEquals(1, renamed.notes().size());
        assertEquals("Shopping", renamed.notes().get(0).title());
    }

    @Test
    void aViewer_cannotCreateNotes() {
        Person alice = world.person("alice");
        Person bob = world.person("bob");
        WorkspaceId id = create(alice, "Plans");
        invite(alice, id, bob, Role.VIEWER);
        OpenedWorkspace bobs = accept(bob, id);
        assertFalse(bobs.canWrite());
        assertEquals(WorkspaceProblem.Kind.NOT_ALLOWED, Workspaces.<NoteId>problem((done, failed) ->
                bob.actions().createNote(bobs, "Mine", done, failed)).kind());
    }

    @Test
    void staleLog_isRebuiltOnTheNewLog_once() {
        Person alice = world.person("alice");
        Person bob = world.person("bob");
        Person carol = world.person("carol");
        WorkspaceId id = create(alice, "Plans");
        OpenedWorkspace old = alice.open(id);
        invite(alice, id, bob, Role.EDITOR); // the log moves on after `old` was opened
        Invitee found = ok((done, failed) -> alice.actions().lookUp("carol", done, failed));
        OpenedWorkspace after = ok((done, failed) -> alice.actions().invite(old, found, Role.VIEWER, done, failed));
        assertEquals(2, after.pendingInvitations().size());
        assertNotNull(carol);
    }

    @Test
    void aMemberWhoLeaves_isOutAtOnce_andTheNextOwnerToOpenRotates() {
        Person alice = world.person("alice");
        Person bob = world.person("bob");
        WorkspaceId id = create(alice, "Plans");
        invite(alice, id, bob, Role.EDITOR);
        accept(bob, id);
        OpenedWorkspace left = Workspaces.<OpenedWorkspace>ok((done, failed) -> bob.actions().remove(bob.open(id),
                bob.account.accountId(), done, failed));
        assertNull(left);
        assertEquals(WorkspaceProblem.Kind.SERVER, bob.openFails(id).kind());
        OpenedWorkspace alices = alice.open(id);
        assertEquals(1, alices.currentEpoch());
        assertFalse(alices.needsRotation());
        assertEquals(1, alices.members().size());
    }

    @Test
    void demotingAWriter_rotatesTheKey_whilePromotingDoesNot() {
        Person alice = world.person("alice");
        Person bob = world.person("bob");
        WorkspaceId id = create(alice, "Plans");
        invite(alice, id, bob, Role.EDITOR);
        accept(bob, id);
        OpenedWorkspace demoted = ok((done, failed) -> alice.actions().changeRole(alice.open(id),
                bob.account.accountId(), Role.VIEWER, done, failed));
        assertEquals(1, demoted.currentEpoch());
        OpenedWorkspace bobs = bob.open(id);
        assertFalse(bobs.canWrite());
        assertTrue(bobs.warnings().isEmpty(), () -> bobs.warnings().toString()); // he holds the new key
        OpenedWorkspace promoted = ok((done, failed) -> alice.actions().changeRole(alice.open(id),
                bob.account.accountId(), Role.OWNER, done, failed));
        assertEquals(1, promoted.currentEpoch());
        assertTrue(bob.open(id).canManage());
    }

    @Test
    void someoneWithOnlyAnInvitation_stillGetsTheirPersonalWorkspace() {
        Person alice = world.person("alice");
        Workspaces.Person bob = world.new Person("bob");
        WorkspaceId id = create(alice, "Plans");
        invite(alice, id, bob, Role.EDITOR);
        bob.signIn();
        List<WorkspaceSummary> bobs = ok((done, failed) -> bob.session.workspaces(done, failed));
        assertEquals(2, bobs.size());
        assertTrue(bobs.stream().anyMatch(w -> w.pending() && "Plans".equals(w.name())));
        assertTrue(bobs.stream().anyMatch(w -> !w.pending() && "Personal".equals(w.name())));
    }

    @Test
    void anOwner_renamesTheWorkspace_andWithdrawsAnInvitation() {
        Person alice = world.person("alice");
        Person bob = world.person("bob");
        WorkspaceId id = create(alice, "Plans");
        invite(alice, id, bob, Role.EDITOR);
        OpenedWorkspace renamed = ok((done, failed) -> alice.actions().renameWorkspace(alice.open(id), "Roadmap",
                done, failed));
        assertEquals("Roadmap", renamed.name());
        assertEquals("Roadmap", bob.open(id).name());
        OpenedWorkspace withdrawn = ok((done, failed) -> alice.actions().cancelInvitation(alice.open(id),
                bob.account.accountId(), done, failed));
        assertTrue(withdrawn.pendingInvitations().isEmpty());
        assertEquals(WorkspaceProblem.Kind.INVALID_INPUT, Workspaces.<OpenedWorkspace>problem((done, failed) ->
                alice.actions().renameWorkspace(alice.open(id), "  ", done, failed)).kind());
    }
}
