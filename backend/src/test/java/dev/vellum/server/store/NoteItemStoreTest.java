package dev.vellum.server.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.item.NoteItemKind;
import dev.vellum.protocol.item.UpdateHash;
import dev.vellum.protocol.relay.AppendResult;
import dev.vellum.protocol.relay.JoinHistory;
import dev.vellum.protocol.relay.StoredItem;
import dev.vellum.protocol.seal.NoteKeys;
import dev.vellum.testing.TestAuthor;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store as the server uses it: on H2 here, and the same cases on PostgreSQL in {@link PostgresNoteItemStoreTest}.
 */
class NoteItemStoreTest {
    /** The number of the newest migration (db/migration, and version 9 in Java: ItemKeyEpochsMigration). */
    private static final int LATEST_SCHEMA_VERSION = 11;

    private final JvmSecureRandomSource random = new JvmSecureRandomSource();
    private final NoteKeys keys = NoteKeys.generate(random);
    private final NoteId noteId = keys.noteId();
    private final TestAuthor alice = new TestAuthor(keys, random);
    private final TestAuthor bob = new TestAuthor(keys, random);

    @TempDir
    Path dataDir;
    private Vertx vertx;
    private WorkerExecutor executor;
    private Database database;
    private NoteItemStore store;

    @BeforeEach
    void open() throws Exception {
        vertx = Vertx.vertx();
        executor = vertx.createSharedWorkerExecutor("test-db", 4);
        database = Database.open(jdbcUrl(), 4);
        store = new NoteItemStore(database, executor);
    }

    @AfterEach
    void close() {
        database.close();
        vertx.close().await();
    }

    @Test
    void itemsOfSeveralAuthors_areNumberedInOrder_andAJoinerGetsThemAll() {
        NoteItem first = update(alice);
        NoteItem second = update(bob);
        NoteItem third = update(alice);

        assertEquals(new AppendResult.Stored(1), store.append(first).await());
        assertEquals(new AppendResult.Stored(2), store.append(second).await());
        assertEquals(new AppendResult.Stored(3), store.append(third).await());

        JoinHistory history = store.joinHistory(noteId, 0).await();
        assertNull(history.base());
        assertEquals(3, history.latestRevision());
        assertArrayEquals(first.encode(), history.items().get(0).item().encode());
        assertArrayEquals(third.encode(), history.items().get(2).item().encode());
        assertEquals(List.of(3L), revisions(store.joinHistory(noteId, 2).await().items()), "only what follows");
    }

    @Test
    void anItemThatDoesNotContinueItsAuthorsChain_isRefused_andNothingIsStored() {
        NoteItem first = update(alice);
        NoteItem second = update(alice);
        store.append(first).await();

        assertEquals(new AppendResult.ChainConflict(2), store.append(first).await(), "a replay");
        TestAuthor forker = new TestAuthor(keys, random);
        assertEquals(new AppendResult.ChainConflict(1), store.append(forker.seal(NoteItemKind.UPDATE, 0, 2,
                first.hash(), new byte[0])).await(), "a newcomer starting in the middle");
        store.append(second).await();
        assertEquals(new AppendResult.ChainConflict(3), store.append(alice.seal(NoteItemKind.UPDATE, 0, 3,
                first.hash(), new byte[0])).await(), "a fork naming the wrong predecessor");
        assertEquals(2, store.joinHistory(noteId, 0).await().latestRevision());
    }

    @Test
    void aConfirmedSnapshot_dropsTheUpdatesItCovers_andJoinersStartFromIt() {
        for (int i = 0; i < 4; i++) {
            store.append(update(alice)).await();
        }
        NoteItem snapshot = snapshot(bob, 3);
        assertEquals(new AppendResult.Stored(5), store.append(snapshot).await());
        store.append(update(alice)).await();
        assertEquals(5, store.snapshotAt(noteId, 5).await().revision());
        assertTrue(store.confirm(noteId, 5).await());

        JoinHistory fresh = store.joinHistory(noteId, 0).await();
        assertArrayEquals(snapshot.encode(), fresh.base().item().encode());
        assertEquals(List.of(4L, 6L), revisions(fresh.items()), "after what it covers, without itself");
        assertEquals(6, fresh.latestRevision());

        JoinHistory upToDate = store.joinHistory(noteId, 4).await();
        assertNull(upToDate.base(), "a client that has everything it covers needs no snapshot");
        assertEquals(List.of(5L, 6L), revisions(upToDate.items()));
    }

    @Test
    void aConfirmedSnapshot_dropsTheCommentItemsItCovers_andTheNotesRecordedSizeLosesTheirBytes() throws Exception {
        store.append(update(alice)).await();
        store.append(comment(bob, 300)).await();
        store.append(comment(alice, 500)).await();
        store.append(snapshot(bob, 3)).await();
        store.append(comment(bob, 700)).await();
        assertEquals(storedBytes(), recordedSize(), "every item counted as stored");

        assertTrue(store.confirm(noteId, 4).await());

        JoinHistory fresh = store.joinHistory(noteId, 0).await();
        assertEquals(4, fresh.base().revision());
        assertEquals(List.of(5L), revisions(fresh.items()), "the comment item after what it covers");
        assertEquals(NoteItemKind.COMMENT, fresh.items().get(0).item().kind());
        assertEquals(2, single("SELECT COUNT(*) FROM note_items WHERE note_id = ?"), "the snapshot and the last");
        assertEquals(storedBytes(), recordedSize(), "the deleted comment items' bytes were taken off");
    }

    @Test
    void theSnapshotCoveringMost_isTheBase_evenIfANarrowerOneCameLater() {
        for (int i = 0; i < 4; i++) {
            store.append(update(alice)).await();
        }
        store.append(snapshot(alice, 4)).await();
        store.append(snapshot(bob, 2)).await(); // a slow client's, made before it saw revisions 3 and 4
        store.confirm(noteId, 5).await();
        store.confirm(noteId, 6).await();

        JoinHistory history = store.joinHistory(noteId, 0).await();

        assertEquals(5, history.base().revision());
        assertEquals(List.of(6L), revisions(history.items()));
    }

    @Test
    void aSnapshotClaimingRevisionsThatDoNotExist_isRefused() {
        store.append(update(alice)).await();

        assertEquals(new AppendResult.SnapshotBeyondHistory(1), store.append(snapshot(bob, 5)).await());
    }

    @Test
    void versions_areTheSnapshots_newestFirst_pagedByRevision() {
        store.append(update(alice)).await();
        store.append(snapshot(alice, 1)).await();
        store.append(update(alice)).await();
        store.append(snapshot(alice, 3)).await();

        assertEquals(List.of(4L, 2L), revisions(store.snapshotsBefore(noteId, 10, 20).await()));
        assertEquals(List.of(2L), revisions(store.snapshotsBefore(noteId, 4, 20).await()));
        assertEquals(List.of(4L), revisions(store.snapshotsBefore(noteId, 10, 1).await()));
        assertTrue(store.snapshotsBefore(NoteId.random(random), 10, 20).await().isEmpty());
    }

    @Test
    void concurrentAppendsByManyAuthors_allGetDistinctNumbers() {
        List<Future<AppendResult>> racing = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            racing.add(store.append(update(new TestAuthor(keys, random))));
        }
        List<Long> numbers = new ArrayList<>();
        for (Future<AppendResult> future : racing) {
            numbers.add(((AppendResult.Stored) future.await()).revision());
        }

        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L), numbers.stream().sorted().toList());
    }

    @Test
    void appendsToOneNoteThroughTwoPools_asTwoServerNodesWould_getDistinctRevisionsWithoutGaps() throws Exception {
        // Each pool has its own ordered append path and its own kept latest revision: only the database orders them.
        try (Database other = Database.open(jdbcUrl(), 4)) {
            NoteItemStore otherStore = new NoteItemStore(other, executor);
            List<TestAuthor> authors = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                authors.add(new TestAuthor(keys, random));
            }
            List<Future<AppendResult>> racing = new ArrayList<>();
            for (int round = 0; round < 10; round++) {
                for (int i = 0; i < authors.size(); i++) {
                    racing.add((i % 2 == 0 ? store : otherStore).append(update(authors.get(i))));
                }
            }
            List<Long> numbers = new ArrayList<>();
            for (Future<AppendResult> answer : racing) {
                numbers.add(((AppendResult.Stored) answer.await()).revision());
            }

            assertEquals(LongStream.rangeClosed(1, 60).boxed().toList(), numbers.stream().sorted().toList());
            assertEquals(60, otherStore.joinHistory(noteId, 0).await().latestRevision());
            assertEquals(new AppendResult.Stored(61), store.append(update(authors.get(1))).await(),
                    "a pool that did not store the latest item numbers the next one right");
        }
    }

    @Test
    void concurrentAppendsOfOneAuthorsNextItem_storeExactlyOne() {
        List<Future<AppendResult>> racing = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            racing.add(store.append(alice.seal(NoteItemKind.UPDATE, 0, 1, UpdateHash.NONE, new byte[] {1})));
        }
        long stored = 0;
        for (Future<AppendResult> future : racing) {
            stored += future.await() instanceof AppendResult.Stored ? 1 : 0;
        }

        assertEquals(1, stored);
    }

    @Test
    void reopeningDatabase_keepsItemsAndChains_andDoesNotReapplyMigrations() throws Exception {
        store.append(update(alice)).await();
        database.close();

        database = Database.open(jdbcUrl(), 4);
        store = new NoteItemStore(database, executor);

        assertEquals(1, store.joinHistory(noteId, 0).await().latestRevision());
        assertEquals(new AppendResult.Stored(2), store.append(update(alice)).await(), "the chain was kept");
        assertEquals(String.valueOf(LATEST_SCHEMA_VERSION), database.schemaVersion());
        try (Connection connection = database.connection();
             ResultSet applied = connection.createStatement().executeQuery("SELECT COUNT(*) "
                     + "FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL AND \"success\"")) {
            applied.next();
            assertEquals(migrationFiles(), applied.getInt(1), "each migration recorded once");
        }
    }

    @Test
    void aBurstOfOneAuthorsItems_sentWithoutWaiting_isStoredInTheOrderSent() {
        // On an unordered pool these raced: a later item of the chain could reach the database first and be refused.
        List<NoteItem> burst = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            burst.add(update(i % 2 == 0 ? alice : bob));
        }
        List<Future<AppendResult>> answers = burst.stream().map(store::append).toList();

        for (int i = 0; i < burst.size(); i++) {
            assertEquals(new AppendResult.Stored(i + 1), answers.get(i).await(), "item " + i);
        }
        JoinHistory history = store.joinHistory(noteId, 0).await();
        assertEquals(200, history.latestRevision());
        assertArrayEquals(burst.get(199).encode(), history.items().get(199).item().encode());
    }

    @Test
    void aRefusedItemInAGroupOfAppends_isAnsweredAlone_andTheOthersAreStored() {
        NoteItem first = update(alice);
        NoteItem replay = first;
        NoteItem second = update(alice);
        Future<AppendResult> one = store.append(first);
        Future<AppendResult> two = store.append(replay);
        Future<AppendResult> three = store.append(second);

        assertEquals(new AppendResult.Stored(1), one.await());
        assertEquals(new AppendResult.ChainConflict(2), two.await());
        assertEquals(new AppendResult.Stored(2), three.await());
        assertEquals(2, store.joinHistory(noteId, 0).await().latestRevision());
    }

    @Test
    void aNoteWhoseRowsWereDeleted_startsAgainFromRevisionOne() throws Exception {
        // The latest revision is kept in memory; a note deleted under it (its size row gone) is read afresh.
        store.append(update(alice)).await();
        store.append(update(alice)).await();
        try (Connection connection = database.connection()) {
            for (String table : new String[] {"note_items", "note_author_chains", "note_sizes"}) {
                connection.createStatement().executeUpdate("DELETE FROM " + table);
            }
        }
        TestAuthor carol = new TestAuthor(keys, random);

        assertEquals(new AppendResult.Stored(1), store.append(update(carol)).await());
    }

    /**
     * How many versioned migrations the server ships: its SQL scripts, and one in Java (V9, ItemKeyEpochsMigration,
     * which parses stored items).
     */
    private static int migrationFiles() throws Exception {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of(
                NoteItemStoreTest.class.getResource("/db/migration").toURI()))) {
            return (int) files.filter(file -> file.getFileName().toString().matches("V\\d+__.*\\.sql")).count() + 1;
        }
    }

    /** The author's next update, counted as part of their chain whether or not the store takes it. */
    private static NoteItem update(TestAuthor author) {
        return author.stored(author.nextUpdate(new byte[] {1}));
    }

    /** The author's next comment item, of {@code bodyBytes} opaque bytes, counted as part of their chain. */
    private static NoteItem comment(TestAuthor author, int bodyBytes) {
        return author.stored(author.nextCommentItem(new byte[bodyBytes]));
    }

    private long storedBytes() throws Exception {
        return single("SELECT SUM(OCTET_LENGTH(item)) FROM note_items WHERE note_id = ?");
    }

    private long recordedSize() throws Exception {
        return single("SELECT stored_bytes FROM note_sizes WHERE note_id = ?");
    }

    private long single(String sql) throws Exception {
        try (Connection connection = database.connection();
             java.sql.PreparedStatement query = connection.prepareStatement(sql)) {
            query.setBytes(1, noteId.toBytes());
            try (ResultSet rows = query.executeQuery()) {
                assertTrue(rows.next());
                return rows.getLong(1);
            }
        }
    }

    private static NoteItem snapshot(TestAuthor author, long covers) {
        return author.stored(author.nextSnapshot(covers, new byte[] {2}));
    }

    private static List<Long> revisions(List<StoredItem> items) {
        return items.stream().map(StoredItem::revision).toList();
    }

    /** The database of one test; the same each time a test asks. */
    String jdbcUrl() {
        return "jdbc:h2:file:" + dataDir.resolve("vellum");
    }
}
