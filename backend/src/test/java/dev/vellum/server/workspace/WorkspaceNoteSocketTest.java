package dev.vellum.server.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.item.UpdateHash;
import dev.vellum.protocol.wire.ErrorCode;
import dev.vellum.protocol.wire.Frame;
import dev.vellum.protocol.workspace.Role;
import dev.vellum.server.testing.AccountBrowser;
import dev.vellum.server.testing.TestSocket;
import io.vertx.core.http.UpgradeRejectedException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The note relay's rules for a workspace's notes: members only (checked before the upgrade), writers only, the
 * note's workspace and its current epoch, and a removed member's sockets closed at once.
 */
class WorkspaceNoteSocketTest extends ServerWithPeople {
    private int upgradeStatus(NoteId note, Map<String, String> headers) {
        UpgradeRejectedException rejected = assertThrows(UpgradeRejectedException.class,
                () -> TestSocket.connect(server.vertx(), server.port(), note.toString(), headers).close());
        return rejected.getStatus();
    }

    private static void assertRefused(ErrorCode expected, Frame answer) {
        if (!(answer instanceof Frame.Error error)) {
            throw new AssertionError("expected error " + expected + " but got " + answer);
        }
        assertEquals(expected, error.code(), error.message());
    }

    private Frame publish(NoteId note, AccountBrowser who, NoteItem item) throws InterruptedException {
        try (TestSocket socket = open(note, who)) {
            socket.send(new Frame.Publish(item));
            return socket.next();
        }
    }

    @Test
    void aWritersItem_isStored_andRelayedToTheOtherMembers() throws Exception {
        TestWorkspace workspace = TestWorkspace.create(alice);
        workspace.addMember(alice, bob, Role.VIEWER);
        NoteId note = addNote(workspace, alice);

        try (TestSocket reader = open(note, bob)) {
            Frame answer = publish(note, alice, firstItem(workspace, note, alice));
            assertEquals(1, ((Frame.Accepted) answer).revision(), answer.toString());
            Frame.Revision relayed = reader.next(Frame.Revision.class);
            assertEquals(1, relayed.revision());
        }
    }

    @Test
    void strangers_invitees_andAnonymousSockets_areRefusedBeforeTheUpgrade() {
        TestWorkspace workspace = TestWorkspace.create(alice);
        workspace.invite(alice, bob, Role.EDITOR);
        NoteId note = addNote(workspace, alice);

        assertEquals(403, upgradeStatus(note, carol.client.cookieHeader()));
        assertEquals(403, upgradeStatus(note, bob.client.cookieHeader()));
        assertEquals(403, upgradeStatus(note, Map.of()));
    }

    @Test
    void aViewersItem_isRefusedAsReadOnly() throws Exception {
        TestWorkspace workspace = TestWorkspace.create(alice);
        workspace.addMember(alice, bob, Role.VIEWER);
        NoteId note = addNote(workspace, alice);

        assertRefused(ErrorCode.READ_ONLY, publish(note, bob, firstItem(workspace, note, bob)));
    }

    @Test
    void itemsOfAnOldEpoch_anotherWorkspace_orNoAccount_areRefused() throws Exception {
        TestWorkspace workspace = TestWorkspace.create(alice);
        workspace.addMember(alice, bob, Role.EDITOR);
        workspace.addMember(alice, carol, Role.EDITOR);
        NoteId note = addNote(workspace, alice);
        assertEquals(200, workspace.removeAndRotate(alice, carol, alice, bob).status());

        assertRefused(ErrorCode.UNSUPPORTED_WORKSPACE, publish(note, bob,
                ServerWithPeople.workspaceItem(workspace, note, bob, workspace.id, 0, 1, UpdateHash.NONE)));
        assertRefused(ErrorCode.NOTE_MISMATCH, publish(note, bob, ServerWithPeople.workspaceItem(workspace, note,
                bob, new TestWorkspace().id, 1, 1, UpdateHash.NONE)));
        // An anonymous item (no device certificate): nobody can be checked for membership.
        assertRefused(ErrorCode.INVALID_SIGNATURE, publish(note, bob, ServerWithPeople.workspaceItem(workspace,
                note, bob, workspace.id, 1, 1, UpdateHash.NONE, false)));
        assertEquals(Frame.Accepted.class, publish(note, bob, firstItem(workspace, note, bob)).getClass());
    }

    @Test
    void aRemovedMembersSocket_isClosedAtOnce_andCannotOpenAgain() throws Exception {
        TestWorkspace workspace = TestWorkspace.create(alice);
        workspace.addMember(alice, bob, Role.EDITOR);
        workspace.addMember(alice, carol, Role.EDITOR);
        NoteId note = addNote(workspace, alice);
        TestSocket carols = open(note, carol);
        TestSocket bobs = open(note, bob);

        assertEquals(200, workspace.removeAndRotate(alice, carol, alice, bob).status());

        assertTrue(carols.awaitClosed(), "the removed member's socket stayed open");
        assertEquals((short) 4403, carols.closeStatusCode());
        assertEquals("removed", carols.closeReason());
        carols.close();
        assertEquals(403, upgradeStatus(note, carol.client.cookieHeader()));
        assertTrue(!bobs.isClosed(), "a remaining member's socket was closed");
        bobs.send(new Frame.Publish(firstItem(workspace, note, bob)));
        assertEquals(1, bobs.next(Frame.Accepted.class).revision());
        bobs.close();
    }

    @Test
    void aRoleChange_takesEffectAtTheNextItem_onAnOpenSocket() throws Exception {
        TestWorkspace workspace = TestWorkspace.create(alice);
        workspace.addMember(alice, bob, Role.EDITOR);
        NoteId note = addNote(workspace, alice);
        try (TestSocket bobs = open(note, bob)) {
            NoteItem first = firstItem(workspace, note, bob);
            bobs.send(new Frame.Publish(first));
            assertEquals(1, bobs.next(Frame.Accepted.class).revision());

            assertEquals(200, workspace.append(alice, java.util.List.of(workspace.sign(alice,
                    new dev.vellum.protocol.workspace.EntryBody.ChangeRole(bob.account.accountId, Role.VIEWER))))
                    .status());

            bobs.send(new Frame.Publish(ServerWithPeople.workspaceItem(workspace, note, bob, workspace.id, 0, 2,
                    first.hash())));
            assertRefused(ErrorCode.READ_ONLY, bobs.next());
            assertTrue(!bobs.isClosed(), "a viewer still reads");
        }
    }

    @Test
    void aDeletedNote_takesNoMoreItems_fromASocketStillOpen() throws Exception {
        TestWorkspace workspace = TestWorkspace.create(alice);
        NoteId note = addNote(workspace, alice);
        try (TestSocket socket = open(note, alice)) {
            assertEquals(204, alice.client.post("/api/workspaces/" + workspace.id + "/notes/" + note + "/delete",
                    new io.vertx.core.json.JsonObject()).status());

            socket.send(new Frame.Publish(firstItem(workspace, note, alice)));
            assertRefused(ErrorCode.NOT_A_MEMBER, socket.next());
        }
        assertEquals(0, server.storedEnvelopes().size() - 1, "only the canary's item is stored");
    }
}
