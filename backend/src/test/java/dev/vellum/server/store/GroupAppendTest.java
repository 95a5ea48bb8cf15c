package dev.vellum.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.item.NoteItemKind;
import dev.vellum.protocol.item.UpdateHash;
import dev.vellum.protocol.relay.AppendResult;
import dev.vellum.protocol.relay.JoinStart;
import dev.vellum.protocol.seal.NoteKeys;
import dev.vellum.testing.TestAuthor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A group of appends ({@link JdbcNoteItemRepository#appendAll}, one transaction with each author's chain read and
 * moved once and the items inserted in one batch) stores and refuses exactly what the same items appended one by
 * one would: same answers, same rows, same chain heads, same recorded size. Several notes' groups in one transaction
 * ({@link JdbcNoteItemRepository#appendGroups}) store what each group alone would.
 */
class GroupAppendTest {
    private static final long NOW = 1_700_000_000_000L;

    @TempDir
    Path dataDir;
    private final JvmSecureRandomSource random = new JvmSecureRandomSource();
    private final NoteKeys keys = NoteKeys.generate(random);
    private final NoteId noteId = keys.noteId();
    private final List<Database> opened = new ArrayList<>();

    @AfterEach
    void closeDatabases() {
        opened.forEach(Database::close);
    }

    private Database open(String name) throws Exception {
        Database database = Database.open("jdbc:h2:file:" + dataDir.resolve(name), 2);
        opened.add(database);
        return database;
    }

    @Test
    void aGroupOfManyAuthorsItems_withRefusalsAndASnapshotThatDeletesWhatItCovers_storesWhatOneByOneWould()
            throws Exception {
        TestAuthor alice = new TestAuthor(keys, random);
        TestAuthor bob = new TestAuthor(keys, random);
        TestAuthor carol = new TestAuthor(keys, random);
        List<NoteItem> first = new ArrayList<>();
        first.add(stored(alice, alice.nextUpdate("a1")));
        first.add(stored(bob, bob.nextUpdate("b1")));
        first.add(stored(alice, alice.nextUpdate("a2")));
        NoteItem replayed = first.get(1);
        first.add(replayed); // a replay: a chain conflict in the middle of the group
        first.add(stored(alice, alice.nextUpdate("a3")));
        List<NoteItem> second = new ArrayList<>();
        second.add(stored(bob, bob.nextCommentItem(bytes("comment"))));
        // Covers revisions 1-3, stored in the group before; safe at once (retention 0), so they go in this group.
        second.add(stored(carol, carol.nextSnapshot(3, bytes("snapshot of 1-3"))));
        second.add(stored(alice, alice.nextUpdate("a4")));
        // Refused: not carol's next (it skips a sequence number).
        second.add(carol.seal(NoteItemKind.UPDATE, 0, 5, UpdateHash.NONE, bytes("skips ahead")));
        second.add(stored(carol, carol.nextSnapshot(7, bytes("snapshot of 1-7"))));
        second.add(stored(bob, bob.nextUpdate("b2")));

        JdbcNoteItemRepository oneByOne = new JdbcNoteItemRepository(open("one-by-one"), 1 << 20, () -> NOW, 0);
        JdbcNoteItemRepository grouped = new JdbcNoteItemRepository(open("grouped"), 1 << 20, () -> NOW, 0);
        List<AppendResult> expected = new ArrayList<>();
        for (NoteItem item : concat(first, second)) {
            expected.add(oneByOne.append(item));
        }
        List<AppendResult> answers = new ArrayList<>(grouped.appendAll(first));
        answers.addAll(grouped.appendAll(second));

        assertEquals(expected, answers);
        assertEquals(rows(opened.get(0)), rows(opened.get(1)));
        assertEquals(chains(opened.get(0)), chains(opened.get(1)));
        assertEquals(size(opened.get(0)), size(opened.get(1)));
        // And the next items continue each author's chain from the group's last.
        assertEquals(new AppendResult.Stored(10), grouped.append(alice.nextUpdate("a5")));
        assertEquals(new AppendResult.Stored(11), grouped.append(bob.nextUpdate("b3")));
    }

    @Test
    void aGroupThatWouldTakeTheNotePastItsLimit_refusesTheItemThatPassesIt_andStoresTheOthers() throws Exception {
        TestAuthor alice = new TestAuthor(keys, random);
        TestAuthor bob = new TestAuthor(keys, random);
        NoteItem a1 = stored(alice, alice.nextUpdate("a1"));
        NoteItem big = bob.nextUpdate(new byte[600]);
        NoteItem a2 = stored(alice, alice.nextUpdate("a2"));
        long limit = a1.length() + a2.length() + 100;

        JdbcNoteItemRepository oneByOne = new JdbcNoteItemRepository(open("one-by-one"), limit, () -> NOW, 0);
        JdbcNoteItemRepository grouped = new JdbcNoteItemRepository(open("grouped"), limit, () -> NOW, 0);
        List<AppendResult> expected = new ArrayList<>();
        for (NoteItem item : List.of(a1, big, a2)) {
            expected.add(oneByOne.append(item));
        }

        assertEquals(expected, grouped.appendAll(List.of(a1, big, a2)));
        assertEquals(List.of(1L, 2L), revisions(rows(opened.get(1))));
        assertEquals(size(opened.get(0)), size(opened.get(1)));
    }

    @Test
    void aNumberTakenByAnotherNodeMeanwhile_failsTheBatchedInsert_andTheGroupIsStoredAfterIt() throws Exception {
        Database shared = open("shared");
        JdbcNoteItemRepository node1 = new JdbcNoteItemRepository(shared, 1 << 20, () -> NOW, 0);
        JdbcNoteItemRepository node2 = new JdbcNoteItemRepository(shared, 1 << 20, () -> NOW, 0);
        TestAuthor alice = new TestAuthor(keys, random);
        TestAuthor bob = new TestAuthor(keys, random);
        assertEquals(new AppendResult.Stored(1), node1.append(stored(alice, alice.nextUpdate("a1"))));
        assertEquals(new AppendResult.Stored(2), node2.append(stored(bob, bob.nextUpdate("b1"))));

        // node1 remembers revision 1 as the latest: its insert of 2 fails on the key, and it reads again.
        List<AppendResult> answers = node1.appendAll(List.of(stored(alice, alice.nextUpdate("a2")),
                stored(alice, alice.nextUpdate("a3"))));

        assertEquals(List.of(new AppendResult.Stored(3), new AppendResult.Stored(4)), answers);
        assertEquals(List.of(1L, 2L, 3L, 4L), revisions(rows(shared)));
    }

    @Test
    void anAuthorsNextItemStoredByTwoNodes_isStoredOnce_andTheOtherIsAConflict() throws Exception {
        Database shared = open("shared");
        JdbcNoteItemRepository node1 = new JdbcNoteItemRepository(shared, 1 << 20, () -> NOW, 0);
        JdbcNoteItemRepository node2 = new JdbcNoteItemRepository(shared, 1 << 20, () -> NOW, 0);
        TestAuthor alice = new TestAuthor(keys, random);
        node1.append(stored(alice, alice.nextUpdate("a1")));
        NoteItem next = alice.nextUpdate("a2");

        assertEquals(List.of(new AppendResult.Stored(2)), node1.appendAll(List.of(next)));
        assertEquals(List.of(new AppendResult.ChainConflict(3)), node2.appendAll(List.of(next)));
        JoinStart start = node2.joinStart(noteId, 0);
        assertEquals(2, start.latestRevision());
    }

    @Test
    void severalNotesGroups_inOneTransaction_areAnsweredInTheOrderGiven_eachAsItsOwnGroupWouldBe() throws Exception {
        NoteKeys otherKeys = NoteKeys.generate(random);
        TestAuthor alice = new TestAuthor(keys, random);
        TestAuthor bob = new TestAuthor(otherKeys, random);
        NoteItem a1 = stored(alice, alice.nextUpdate("a1"));
        NoteItem a2 = stored(alice, alice.nextUpdate("a2"));
        NoteItem b1 = stored(bob, bob.nextUpdate("b1"));
        NoteItem forked = bob.seal(NoteItemKind.UPDATE, 0, 2, UpdateHash.NONE, bytes("names no predecessor"));
        JdbcNoteItemRepository separate = new JdbcNoteItemRepository(open("separate"), 1 << 20, () -> NOW, 0);
        JdbcNoteItemRepository together = new JdbcNoteItemRepository(open("together"), 1 << 20, () -> NOW, 0);
        List<List<AppendResult>> expected = List.of(separate.appendAll(List.of(b1, forked)),
                separate.appendAll(List.of(a1, a2)));

        // The note given second may sort first: answers still come in the order given.
        assertEquals(expected, together.appendGroups(List.of(List.of(b1, forked), List.of(a1, a2))));
        assertEquals(rows(opened.get(0)), rows(opened.get(1)));
        assertEquals(List.of(new AppendResult.Stored(3)), together.appendAll(List.of(alice.nextUpdate("a3"))));
    }

    @Test
    void twoGroupsOfOneNote_inOneTransaction_areRefusedAsAMistake() throws Exception {
        TestAuthor alice = new TestAuthor(keys, random);
        JdbcNoteItemRepository repository = new JdbcNoteItemRepository(open("one"), 1 << 20, () -> NOW, 0);
        NoteItem a1 = stored(alice, alice.nextUpdate("a1"));
        NoteItem a2 = stored(alice, alice.nextUpdate("a2"));

        assertThrows(IllegalArgumentException.class,
                () -> repository.appendGroups(List.of(List.of(a1), List.of(a2))));
    }

    private static NoteItem stored(TestAuthor author, NoteItem item) {
        return author.stored(item);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<NoteItem> concat(List<NoteItem> a, List<NoteItem> b) {
        List<NoteItem> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** Every stored item of the note as "revision kind covers sequence length", in order. */
    private List<String> rows(Database database) throws Exception {
        return query(database, "SELECT revision, kind, covers, sequence, OCTET_LENGTH(item) FROM note_items "
                + "WHERE note_id = ? ORDER BY revision");
    }

    private List<String> chains(Database database) throws Exception {
        return query(database, "SELECT last_sequence, last_hash FROM note_author_chains WHERE note_id = ? "
                + "ORDER BY last_hash");
    }

    private List<String> size(Database database) throws Exception {
        return query(database, "SELECT stored_bytes FROM note_sizes WHERE note_id = ?");
    }

    private static List<Long> revisions(List<String> rows) {
        return rows.stream().map(row -> Long.parseLong(row.split(" ")[0])).toList();
    }

    private List<String> query(Database database, String sql) throws Exception {
        try (Connection connection = database.connection();
             PreparedStatement query = connection.prepareStatement(sql)) {
            query.setBytes(1, noteId.toBytes());
            List<String> rows = new ArrayList<>();
            try (ResultSet result = query.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int c = 1; c <= columns; c++) {
                        Object value = result.getObject(c);
                        row.append(c > 1 ? " " : "").append(value instanceof byte[] b
                                ? HexFormat.of().formatHex(b) : value);
                    }
                    rows.add(row.toString());
                }
            }
            return rows;
        }
    }
}
