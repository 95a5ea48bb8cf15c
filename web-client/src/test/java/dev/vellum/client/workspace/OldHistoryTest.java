package dev.vellum.client.workspace;

import static dev.vellum.client.workspace.Workspaces.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.client.workspace.Workspaces.Person;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.protocol.workspace.MissingEpochKeyException;
import dev.vellum.protocol.workspace.Role;
import dev.vellum.protocol.workspace.SealedTitle;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * "Forget old history" in an owner's browser: the name and the titles of older epochs are sealed again under the
 * current one before the server is asked to compact, the notes still waiting are named, and once the server says the
 * older keys are gone this page holds none of them either.
 */
class OldHistoryTest {
    private final Workspaces world = new Workspaces();
    private final Person alice = world.person("alice");
    private final Person bob = world.person("bob");
    private final Person carol = world.person("carol");
    private WorkspaceId id;
    private NoteId plans;
    private NoteId ideas;

    /** Alice's workspace "Team" with notes "Plans" and "Ideas" under epoch 0; Carol is then removed (epoch 1). */
    private void rotatedWorkspace() {
        id = ok((done, failed) -> alice.actions().createWorkspace("Team", done, failed));
        for (Person member : List.of(bob, carol)) {
            Invitee found = ok((done, failed) -> alice.actions().lookUp(member.account.username().value(), done,
                    failed));
            Workspaces.<OpenedWorkspace>ok((done, failed) -> alice.actions().invite(alice.open(id), found, Role.EDITOR, done, failed));
            Workspaces.<OpenedWorkspace>ok((done, failed) -> member.actions().accept(member.open(id), done, failed));
        }
        plans = ok((done, failed) -> alice.actions().createNote(alice.open(id), "Plans", done, failed));
        ideas = ok((done, failed) -> alice.actions().createNote(alice.open(id), "Ideas", done, failed));
        Workspaces.<OpenedWorkspace>ok((done, failed) -> alice.actions().remove(alice.open(id), carol.account.accountId(), done, failed));
    }

    private OldHistory.Forgotten forget(Person who, OpenedWorkspace workspace) {
        return ok((done, failed) -> who.actions().forgetOldHistory(workspace, done, failed));
    }

    private int titleEpoch(NoteId note) throws InvalidMessageException {
        return SealedTitle.parse(world.server.workspaces.get(id).notes.get(note).title()).epoch();
    }

    @Test
    void theNameAndTitlesAreSealedAgain_underTheCurrentEpoch_thenTheOldKeysGo_hereAndOnTheServer()
            throws Exception {
        rotatedWorkspace();
        OpenedWorkspace page = alice.open(id);
        assertEquals(1, page.currentEpoch());
        assertEquals(0, page.keyring().forEpoch(0).epoch(), "before: the link reaches epoch 0");

        OldHistory.Forgotten forgotten = forget(alice, page);

        assertTrue(forgotten.oldKeysDeleted());
        assertEquals(2, forgotten.compactedNotes());
        assertEquals(List.of(), forgotten.waiting());
        assertEquals(1, titleEpoch(plans));
        assertEquals(1, titleEpoch(ideas));
        assertEquals(1, alice.open(id).log().currentName().epoch());
        assertThrows(MissingEpochKeyException.class, () -> page.keyring().forEpoch(0), "this page's epoch-0 key");
        assertTrue(world.server.workspaces.get(id).links.isEmpty());
        OpenedWorkspace bobs = bob.open(id);
        assertEquals("Team", bobs.name());
        assertEquals(List.of("Plans", "Ideas"), bobs.notes().stream().map(NoteEntry::title).sorted(
                java.util.Comparator.reverseOrder()).toList());
        assertTrue(bobs.warnings().isEmpty(), () -> bobs.warnings().toString());
    }

    @Test
    void aNoteWhoseItemsAreNotReEncryptedYet_isNamed_andTheOldKeysStay() throws Exception {
        rotatedWorkspace();
        world.server.workspaces.get(id).olderItems.add(ideas);
        OpenedWorkspace page = alice.open(id);

        OldHistory.Forgotten forgotten = forget(alice, page);

        assertFalse(forgotten.oldKeysDeleted());
        assertEquals(1, forgotten.compactedNotes());
        assertEquals(List.of("Ideas"), forgotten.waiting().stream().map(NoteEntry::title).toList());
        assertEquals(0, page.keyring().forEpoch(0).epoch(), "the page keeps the older key while it is needed");
        assertFalse(world.server.workspaces.get(id).links.isEmpty());
    }

    @Test
    void anEditor_cannotForgetOldHistory_andNothingIsSent() {
        rotatedWorkspace();
        int appends = world.server.appends;
        WorkspaceProblem refused = Workspaces.<OldHistory.Forgotten>problem((done, failed) ->
                bob.actions().forgetOldHistory(bob.open(id), done, failed));
        assertEquals(WorkspaceProblem.Kind.NOT_ALLOWED, refused.kind());
        assertEquals(appends, world.server.appends);
        assertEquals(0, world.server.workspaces.get(id).compactions);
    }
}
