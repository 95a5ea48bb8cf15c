package dev.vellum.server.workspace;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.key.SymmetricKey;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.item.KeyEnvelope;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.seal.KeyEnvelopeCipher;
import dev.vellum.protocol.seal.NoteItemCipher;
import dev.vellum.protocol.seal.NoteKeyring;
import dev.vellum.protocol.wire.Frame;
import dev.vellum.protocol.workspace.EntryBody;
import dev.vellum.protocol.workspace.EpochCommitments;
import dev.vellum.protocol.workspace.EpochKey;
import dev.vellum.protocol.workspace.EpochKeyring;
import dev.vellum.protocol.workspace.EpochLink;
import dev.vellum.protocol.workspace.MembershipEntry;
import dev.vellum.protocol.workspace.Role;
import dev.vellum.protocol.workspace.SealedName;
import dev.vellum.server.config.ServerConfig;
import dev.vellum.server.testing.AccountBrowser;
import dev.vellum.server.testing.ApiClient;
import dev.vellum.server.testing.TestConfigs;
import dev.vellum.server.testing.TestSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/workspaces/{id}/compact}: the history of older epochs goes from each note a snapshot of the
 * current epoch re-encrypted, the rest waits and is listed, and the epoch links and older key envelopes go only once
 * nothing of an older epoch is left; afterwards a member who joins reads every note with the current key alone, and
 * the database holds nothing an older key would open.
 */
class CompactionTest extends ServerWithPeople {
    /** Retention 0: a snapshot is safe at once, as before confirmations (SnapshotConfirmationTest covers those). */
    @Override
    ServerConfig config() {
        return TestConfigs.withFlags(dataDir, withStorage("--unconfirmed-snapshot-retention-hours", "0"));
    }

    /** Every epoch key the owner made, by epoch: what the log commits to, as the members' browsers check it. */
    private final Map<Integer, EpochKey> epochKeys = new HashMap<>();

    /**
     * Alice (owner) and Bob (editor) write note A (an update, a snapshot, an update) and note B (an update) under
     * epoch 0; then Alice rotates to epoch 1 (with the link back to epoch 0).
     */
    private record Setup(TestWorkspace workspace, NoteId a, NoteId b, EpochNoteWriter alicesA,
                         EpochNoteWriter alicesB, EpochNoteWriter bobsB) {
    }

    private Setup historyUnderEpochZeroThenRotation() throws Exception {
        TestWorkspace workspace = TestWorkspace.create(alice);
        epochKeys.put(0, workspace.epochKey);
        workspace.addMember(alice, bob, Role.EDITOR);
        NoteId a = addNote(workspace, alice);
        NoteId b = addNote(workspace, alice);
        EpochNoteWriter alicesA = new EpochNoteWriter(this, workspace, a, alice);
        EpochNoteWriter alicesB = new EpochNoteWriter(this, workspace, b, alice);
        EpochNoteWriter bobsB = new EpochNoteWriter(this, workspace, b, bob);
        assertEquals(1, alicesA.update("one"));
        assertEquals(2, alicesA.update("two"));
        assertEquals(3, alicesA.snapshot(2));
        assertEquals(4, alicesA.update("four"));
        assertEquals(1, alicesB.update("b one"));
        rotate(workspace, alice, alice, bob);
        return new Setup(workspace, a, b, alicesA, alicesB, bobsB);
    }

    /** {@code owner} rotates to the next epoch: a Rotate entry, the new key sealed to each member, the link back. */
    private void rotate(TestWorkspace workspace, AccountBrowser owner, AccountBrowser... members) {
        EpochKey previous = workspace.epochKey;
        EpochKey next = EpochKey.generate(workspace.id, previous.epoch() + 1, workspace.random);
        MembershipEntry rotate = workspace.sign(owner, new EntryBody.Rotate(next.epoch(), next.commitment()));
        List<byte[]> envelopes = new ArrayList<>();
        for (AccountBrowser member : members) {
            envelopes.add(workspace.envelope(owner, member.account.identity.publicIdentity(), next));
        }
        byte[] link = EpochLink.seal(next, previous, workspace.random).encode();
        assertStatus(200, null, workspace.post(owner, List.of(rotate), envelopes, List.of(link), null));
        workspace.advance(List.of(rotate));
        workspace.epochKey = next;
        epochKeys.put(next.epoch(), next);
    }

    /** {@code writer} seals the note's title again, under the current epoch. */
    private void retitle(TestWorkspace workspace, NoteId note, AccountBrowser writer) {
        assertStatus(204, null, writer.client.post("/api/workspaces/" + workspace.id + "/notes/" + note + "/title",
                new JsonObject().put("title", TestWorkspace.b64(title(workspace, note, writer)))));
    }

    /** {@code owner} renames the workspace under the current epoch. */
    private void rename(TestWorkspace workspace, AccountBrowser owner) {
        ApiClient.Response renamed = workspace.append(owner, List.of(workspace.sign(owner,
                new EntryBody.Rename(SealedName.seal(workspace.epochKey, "Team", workspace.random)))));
        assertStatus(200, null, renamed);
    }

    private static JsonObject compact(TestWorkspace workspace, AccountBrowser who, int status) {
        ApiClient.Response response = who.client.post("/api/workspaces/" + workspace.id + "/compact",
                new JsonObject());
        assertStatus(status, null, response);
        return response.json();
    }

    private static List<String> waiting(JsonObject answer) {
        List<String> ids = new ArrayList<>();
        answer.getJsonArray("notesWaiting").forEach(id -> ids.add((String) id));
        return ids;
    }

    /** The note's stored items, as revision to the epoch its bytes name, read straight from the database. */
    private Map<Long, Integer> storedEpochs(NoteId note) throws Exception {
        Map<Long, Integer> epochs = new java.util.TreeMap<>();
        try (Connection connection = DriverManager.getConnection(config().jdbcUrl());
             PreparedStatement query = connection.prepareStatement(
                     "SELECT revision, item, key_epoch FROM note_items WHERE note_id = ? ORDER BY revision")) {
            query.setBytes(1, note.toBytes());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    int parsed = NoteItem.parse(rows.getBytes(2)).header().keyEpoch();
                    assertEquals(parsed, rows.getInt(3), "the key_epoch column is the item's own");
                    epochs.put(rows.getLong(1), parsed);
                }
            }
        }
        return epochs;
    }

    /** How many rows of {@code table} the workspace has with {@code epoch} below {@code below}. */
    private long rowsBelow(String table, TestWorkspace workspace, int below) throws Exception {
        try (Connection connection = DriverManager.getConnection(config().jdbcUrl());
             PreparedStatement query = connection.prepareStatement(
                     "SELECT COUNT(*) FROM " + table + " WHERE workspace_id = ? AND epoch < ?")) {
            query.setBytes(1, workspace.id.toBytes());
            query.setInt(2, below);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static JsonObject keys(TestWorkspace workspace, AccountBrowser who) {
        ApiClient.Response response = who.client.get("/api/workspaces/" + workspace.id + "/keys");
        assertStatus(200, null, response);
        return response.json();
    }

    @Test
    void aNoteReEncryptedUnderTheCurrentEpoch_losesItsOlderItems_andTheOthersWaitUntouched() throws Exception {
        Setup setup = historyUnderEpochZeroThenRotation();
        TestWorkspace workspace = setup.workspace();
        assertEquals(5, setup.alicesA().snapshot(4));
        assertEquals(6, setup.alicesA().update("six"));
        retitle(workspace, setup.a(), alice);
        assertEquals(Map.of(3L, 0, 5L, 1, 6L, 1), storedEpochs(setup.a()), "the snapshot let update 4 go");

        JsonObject answer = compact(workspace, alice, 200);

        assertEquals(1, answer.getInteger("compactedNotes"));
        assertEquals(List.of(setup.b().toString()), waiting(answer), "B has no snapshot of epoch 1");
        assertFalse(answer.getBoolean("oldKeysDeleted"));
        assertEquals(Map.of(5L, 1, 6L, 1), storedEpochs(setup.a()), "A's epoch-0 snapshot went, nothing else");
        assertEquals(Map.of(1L, 0), storedEpochs(setup.b()), "B is untouched");
        assertEquals(1, keys(workspace, alice).getJsonArray("links").size(), "the link stays while B needs it");
        assertEquals(2, rowsBelow("key_envelopes", workspace, 1), "so do Alice's and Bob's epoch-0 envelopes");
    }

    @Test
    void aNoteWhoseTitleIsOfAnOlderEpoch_waits_evenWithItsItemsReEncrypted() throws Exception {
        Setup setup = historyUnderEpochZeroThenRotation();
        setup.alicesA().snapshot(4);

        JsonObject answer = compact(setup.workspace(), alice, 200);

        assertEquals(0, answer.getInteger("compactedNotes"));
        assertEquals(List.of(setup.a().toString(), setup.b().toString()), waiting(answer),
                "A's title is still sealed under epoch 0; B has no snapshot of epoch 1");
        assertEquals(Map.of(5L, 1), storedEpochs(setup.a()));
    }

    @Test
    void theLinksAndOlderEnvelopes_goOnlyOnceNothingOfAnOlderEpochIsLeft() throws Exception {
        Setup setup = historyUnderEpochZeroThenRotation();
        TestWorkspace workspace = setup.workspace();
        setup.alicesA().snapshot(4);
        retitle(workspace, setup.a(), alice);
        // Bob, who can write, opens B: his browser re-encrypts it under epoch 1 and seals its title again.
        assertEquals(2, setup.bobsB().snapshot(1));
        retitle(workspace, setup.b(), bob);

        JsonObject answer = compact(workspace, alice, 200);
        assertEquals(2, answer.getInteger("compactedNotes"));
        assertEquals(List.of(), waiting(answer));
        assertTrue(answer.getBoolean("nameWaiting"), "the workspace's name is sealed under epoch 0");
        assertFalse(answer.getBoolean("oldKeysDeleted"));
        assertEquals(1, keys(workspace, alice).getJsonArray("links").size());

        rename(workspace, alice);
        answer = compact(workspace, alice, 200);

        assertEquals(2, answer.getInteger("compactedNotes"), "the notes stay compacted");
        assertFalse(answer.getBoolean("nameWaiting"));
        assertTrue(answer.getBoolean("oldKeysDeleted"));
        assertEquals(0, keys(workspace, alice).getJsonArray("links").size());
        assertEquals(1, keys(workspace, bob).getJsonArray("envelopes").size(), "Bob keeps epoch 1's envelope");
        assertEquals(0, rowsBelow("key_envelopes", workspace, 1));
        assertEquals(0, rowsBelow("epoch_links", workspace, 2), "no link of any epoch is left");
    }

    @Test
    void afterCompaction_theDatabaseHoldsNoRowOfAnOlderEpoch_forACompactedNote() throws Exception {
        Setup setup = compactedWholly();
        TestWorkspace workspace = setup.workspace();

        for (NoteId note : List.of(setup.a(), setup.b())) {
            assertFalse(storedEpochs(note).isEmpty());
            storedEpochs(note).forEach((revision, epoch) -> assertEquals(1, epoch, "revision " + revision
                    + " of " + note + " is of epoch " + epoch));
        }
        try (Connection connection = DriverManager.getConnection(config().jdbcUrl());
             PreparedStatement titles = connection.prepareStatement(
                     "SELECT title FROM workspace_notes WHERE workspace_id = ?")) {
            titles.setBytes(1, workspace.id.toBytes());
            try (ResultSet rows = titles.executeQuery()) {
                while (rows.next()) {
                    assertEquals(1, dev.vellum.protocol.workspace.SealedTitle.parse(rows.getBytes(1)).epoch());
                }
            }
        }
        assertEquals(0, rowsBelow("key_envelopes", workspace, 1));
        assertEquals(0, rowsBelow("epoch_links", workspace, Integer.MAX_VALUE));
    }

    /** The whole workspace re-encrypted under epoch 1 (both notes, both titles, the name), then compacted. */
    private Setup compactedWholly() throws Exception {
        Setup setup = historyUnderEpochZeroThenRotation();
        TestWorkspace workspace = setup.workspace();
        setup.alicesA().snapshot(4);
        setup.alicesA().update("after the snapshot");
        setup.bobsB().snapshot(1);
        retitle(workspace, setup.a(), alice);
        retitle(workspace, setup.b(), bob);
        rename(workspace, alice);
        JsonObject answer = compact(workspace, alice, 200);
        assertTrue(answer.getBoolean("oldKeysDeleted"), answer.encode());
        return setup;
    }

    @Test
    void someoneWhoJoinsAfterCompaction_opensEveryNote_withTheCurrentKeyAlone() throws Exception {
        Setup setup = compactedWholly();
        TestWorkspace workspace = setup.workspace();
        workspace.addMember(alice, carol, Role.EDITOR);

        JsonObject carolsKeys = keys(workspace, carol);
        assertEquals(0, carolsKeys.getJsonArray("links").size());
        JsonArray envelopes = carolsKeys.getJsonArray("envelopes");
        assertEquals(1, envelopes.size());
        KeyEnvelope envelope = KeyEnvelope.parse(AccountBrowser.unb64(envelopes.getString(0)));
        SymmetricKey opened = KeyEnvelopeCipher.open(envelope, carol.account.identity,
                alice.account.identity.publicIdentity());
        EpochKeyring keyring = new EpochKeyring(workspace.id, commitments(workspace));
        keyring.add(new EpochKey(workspace.id, envelope.header().keyEpoch(), opened));

        for (NoteId note : List.of(setup.a(), setup.b())) {
            NoteItemCipher reader = NoteItemCipher.forWorkspaceNote(NoteKeyring.ofWorkspaceNote(keyring, note),
                    carol.device(), carol.certificate(), () -> workspace.head, workspace.random);
            List<NoteItem> history = joinHistory(note, carol);
            assertFalse(history.isEmpty());
            for (NoteItem item : history) {
                assertDoesNotThrow(() -> reader.openItem(item), "an item Carol cannot open in " + note);
            }
        }
    }

    private EpochCommitments commitments(TestWorkspace workspace) {
        return new EpochCommitments() {
            @Override
            public int currentEpoch() {
                return workspace.epochKey.epoch();
            }

            @Override
            public Optional<byte[]> commitment(int epoch) {
                EpochKey key = epochKeys.get(epoch);
                return key == null ? Optional.empty() : Optional.of(key.commitment());
            }
        };
    }

    /** Every item a socket sends on joining the note (base snapshot first), up to CaughtUp. */
    private List<NoteItem> joinHistory(NoteId note, AccountBrowser who) throws Exception {
        List<NoteItem> items = new ArrayList<>();
        try (TestSocket socket = TestSocket.connect(server.vertx(), server.port(), note.toString(),
                who.client.cookieHeader())) {
            for (Frame frame = socket.next(); !(frame instanceof Frame.CaughtUp); frame = socket.next()) {
                if (frame instanceof Frame.Snapshot snapshot) {
                    items.add(snapshot.item());
                } else if (frame instanceof Frame.Revision revision) {
                    items.add(revision.item());
                } else if (frame instanceof Frame.History history) {
                    history.revisions().forEach(revision -> items.add(revision.item()));
                }
            }
        }
        return items;
    }

    @Test
    void onlyOwners_mayCompact_andARefusalDeletesNothing() throws Exception {
        Setup setup = historyUnderEpochZeroThenRotation();
        TestWorkspace workspace = setup.workspace();
        setup.alicesA().snapshot(4);
        retitle(workspace, setup.a(), alice);

        ApiClient.Response byEditor = bob.client.post("/api/workspaces/" + workspace.id + "/compact",
                new JsonObject());
        assertStatus(403, "not_an_owner", byEditor);
        ApiClient.Response byStranger = carol.client.post("/api/workspaces/" + workspace.id + "/compact",
                new JsonObject());
        assertStatus(403, "not_a_member", byStranger);
        assertStatus(404, "no_such_workspace", alice.client.post("/api/workspaces/" + new TestWorkspace().id
                + "/compact", new JsonObject()));

        assertEquals(Map.of(3L, 0, 5L, 1), storedEpochs(setup.a()));
    }

    @Test
    void aWorkspaceThatNeverRotated_hasNothingToForget() throws Exception {
        TestWorkspace workspace = TestWorkspace.create(alice);
        NoteId note = addNote(workspace, alice);
        EpochNoteWriter writer = new EpochNoteWriter(this, workspace, note, alice);
        writer.update("one");
        writer.snapshot(1);

        JsonObject answer = compact(workspace, alice, 200);

        assertEquals(1, answer.getInteger("compactedNotes"), "it holds nothing of an older epoch");
        assertEquals(List.of(), waiting(answer));
        assertTrue(answer.getBoolean("oldKeysDeleted"), "no older key exists");
        assertEquals(Map.of(2L, 0), storedEpochs(note));
        assertEquals(1, keys(workspace, alice).getJsonArray("envelopes").size());
    }

    @Test
    void anOlderItemStoredAfterTheSnapshotsCoverage_stays_andTheNoteWaits() throws Exception {
        Setup setup = historyUnderEpochZeroThenRotation();
        TestWorkspace workspace = setup.workspace();
        // The re-encrypting snapshot covers only revision 3: update 4 (epoch 0) came after what its author had.
        assertEquals(5, setup.alicesA().snapshot(3));
        retitle(workspace, setup.a(), alice);

        JsonObject answer = compact(workspace, alice, 200);

        assertTrue(waiting(answer).contains(setup.a().toString()));
        assertEquals(Map.of(4L, 0, 5L, 1), storedEpochs(setup.a()), "snapshot 3 went; update 4 is not covered");
        assertEquals(List.of(1, 0), joinHistory(setup.a(), bob).stream().map(item -> item.header().keyEpoch())
                .toList(), "a joiner gets the snapshot of epoch 1, then update 4 after its coverage");
    }
}
