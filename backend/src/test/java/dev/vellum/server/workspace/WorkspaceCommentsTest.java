package dev.vellum.server.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.protocol.comment.CommentRecord;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.item.NoteItemKind;
import dev.vellum.protocol.item.UpdateHash;
import dev.vellum.protocol.wire.ErrorCode;
import dev.vellum.protocol.wire.Frame;
import dev.vellum.protocol.workspace.EntryBody;
import dev.vellum.protocol.workspace.Role;
import dev.vellum.server.testing.LogCapture;
import dev.vellum.server.testing.SecretScan;
import dev.vellum.server.testing.TestSocket;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Comments in a workspace's notes: viewers may comment (comments never change the text), while their updates and
 * snapshots stay refused as read-only; a comment item takes the membership, device and epoch checks of any item.
 */
class WorkspaceCommentsTest extends ServerWithPeople {
    private static final String QUOTE = "ship the beta on the ninth";
    private static final String VIEWERS_TEXT = "Legal has not signed off the export clause yet";
    private static final String EDITORS_TEXT = "Moving it to the twelfth then, thanks for catching it";

    private static void assertRefused(ErrorCode expected, Frame answer) {
        if (!(answer instanceof Frame.Error error)) {
            throw new AssertionError("expected error " + expected + " but got " + answer);
        }
        assertEquals(expected, error.code(), error.message());
    }

    @Test
    void aViewersCommentItem_isStored_andRelayedToTheOtherMembers_whoReadTheSignedRecord() throws Exception {
        TestWorkspace workspace = TestWorkspace.create(alice);
        workspace.addMember(alice, bob, Role.VIEWER);
        NoteId note = addNote(workspace, alice);
        EpochNoteWriter alices = new EpochNoteWriter(this, workspace, note, alice);
        EpochNoteWriter bobs = new EpochNoteWriter(this, workspace, note, bob);
        assertEquals(1, alices.update(QUOTE + ", as planned."));

        try (TestSocket reader = open(note, alice)) {
            CommentRecord comment = bobs.comment(QUOTE, VIEWERS_TEXT);

            Frame.Revision relayed = reader.next(Frame.Revision.class);
            assertEquals(2, relayed.revision());
            assertEquals(NoteItemKind.COMMENT, relayed.item().kind());
            assertEquals(List.of(comment), alices.readComments(relayed.item()));
            assertEquals(VIEWERS_TEXT, alices.readComments(relayed.item()).get(0).text());
        }
        try (TestSocket joiner = TestSocket.connect(server.vertx(), server.port(), note + "?since=0",
                alice.client.cookieHeader())) {
            List<Frame.Revision> history = joiner.next(Frame.History.class).revisions();
            assertEquals(List.of(NoteItemKind.UPDATE, NoteItemKind.COMMENT),
                    history.stream().map(revision -> revision.item().kind()).toList(), "joiners get it too");
        }
    }

    @Test
    void aViewersUpdateAndSnapshot_areStillRefusedAsReadOnly_whileTheirCommentIsTaken() throws Exception {
        TestWorkspace workspace = TestWorkspace.create(alice);
        workspace.addMember(alice, bob, Role.VIEWER);
        NoteId note = addNote(workspace, alice);
        EpochNoteWriter alices = new EpochNoteWriter(this, workspace, note, alice);
        EpochNoteWriter bobs = new EpochNoteWriter(this, workspace, note, bob);
        alices.update("one");
        int epoch = workspace.epochKey.epoch();

        try (TestSocket socket = open(note, bob)) {
            socket.send(new Frame.Publish(workspaceItem(workspace, note, bob, workspace.id, epoch, 1,
                    UpdateHash.NONE)));
            assertRefused(ErrorCode.READ_ONLY, socket.next());
            socket.send(new Frame.Publish(workspaceItem(workspace, note, bob, workspace.id, epoch, 1,
                    UpdateHash.NONE, true, NoteItemKind.SNAPSHOT, 1)));
            assertRefused(ErrorCode.READ_ONLY, socket.next());
        }
        bobs.comment(QUOTE, VIEWERS_TEXT); // the refusals did not move bob's chain: this is his first item
        assertEquals(2, bobs.lastRevision());
    }

    @Test
    void anEditorTurnedViewer_keepsCommenting_butNoLongerWrites() throws Exception {
        TestWorkspace workspace = TestWorkspace.create(alice);
        workspace.addMember(alice, bob, Role.EDITOR);
        NoteId note = addNote(workspace, alice);
        EpochNoteWriter bobs = new EpochNoteWriter(this, workspace, note, bob);
        bobs.update("written while an editor");
        assertEquals(200, workspace.append(alice, List.of(workspace.sign(alice,
                new EntryBody.ChangeRole(bob.account.accountId, Role.VIEWER)))).status());

        AssertionError refused = assertThrows(AssertionError.class, () -> bobs.update("written as a viewer"));
        assertTrue(refused.getMessage().contains("READ_ONLY"), refused.getMessage());
        bobs.comment(QUOTE, VIEWERS_TEXT);
        assertEquals(2, bobs.lastRevision());
    }

    @Test
    void aNonMembersComment_isRefused_beforeTheUpgrade_orAsNotAMember_onceTheNoteIsGone() throws Exception {
        TestWorkspace workspace = TestWorkspace.create(alice);
        workspace.addMember(alice, bob, Role.VIEWER);
        NoteId note = addNote(workspace, alice);
        EpochNoteWriter carols = new EpochNoteWriter(this, workspace, note, carol);

        UpgradeRejectedException stranger = assertThrows(UpgradeRejectedException.class,
                () -> carols.comment(QUOTE, "a stranger's remark"));
        assertEquals(403, stranger.getStatus());

        EpochNoteWriter bobs = new EpochNoteWriter(this, workspace, note, bob);
        try (TestSocket socket = open(note, bob)) {
            assertEquals(204, alice.client.post("/api/workspaces/" + workspace.id + "/notes/" + note + "/delete",
                    new JsonObject()).status());
            socket.send(new Frame.Publish(bobs.nextCommentItem(QUOTE, "on a deleted note")));
            assertRefused(ErrorCode.NOT_A_MEMBER, socket.next());
        }
        assertEquals(1, server.storedEnvelopes().size(), "only the canary's item is stored");
    }

    @Test
    void neitherTheDatabaseNorTheLog_holdsTheWordsOfWorkspaceComments() throws Exception {
        try (LogCapture log = LogCapture.everything()) {
            TestWorkspace workspace = TestWorkspace.create(alice);
            workspace.addMember(alice, bob, Role.VIEWER);
            NoteId note = addNote(workspace, alice);
            EpochNoteWriter alices = new EpochNoteWriter(this, workspace, note, alice);
            EpochNoteWriter bobs = new EpochNoteWriter(this, workspace, note, bob);
            alices.update(QUOTE);
            bobs.comment(QUOTE, VIEWERS_TEXT);
            alices.comment(QUOTE, EDITORS_TEXT);

            byte[] logBytes = SecretScan.serverLog(server, log);
            byte[] stored = server.storedEnvelopes().get(server.storedEnvelopes().size() - 1);
            byte[] database = SecretScan.databaseFiles(server.dataDir());
            for (long deadline = System.currentTimeMillis() + 10_000;
                 SecretScan.indexOf(database, stored) < 0 && System.currentTimeMillis() < deadline; ) {
                Thread.sleep(100); // H2 writes its pages a moment after the commit
                database = SecretScan.databaseFiles(server.dataDir());
            }
            assertTrue(SecretScan.indexOf(database, stored) >= 0, "the scan does not find even a stored item");

            List<String> found = new ArrayList<>();
            for (String plaintext : List.of(QUOTE, VIEWERS_TEXT, EDITORS_TEXT)) {
                SecretScan.scanText(found, "\"" + plaintext + "\"", plaintext, database, logBytes);
            }
            assertEquals(List.of(), found);
        }
    }
}
