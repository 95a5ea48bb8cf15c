package dev.vellum.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.key.SymmetricKey;
import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.crypto.sign.Ed25519PrivateKey;
import dev.vellum.encoding.Bytes;
import dev.vellum.protocol.id.IdentityKeyId;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.item.NoteItemKind;
import dev.vellum.protocol.item.UpdateEnvelope;
import dev.vellum.protocol.item.UpdateHash;
import dev.vellum.protocol.item.UpdateHeader;
import dev.vellum.protocol.relay.AppendResult;
import dev.vellum.protocol.relay.JoinHistory;
import dev.vellum.protocol.relay.JoinPage;
import dev.vellum.protocol.relay.JoinPager;
import dev.vellum.protocol.relay.RelayRules;
import dev.vellum.protocol.relay.StoredItem;
import dev.vellum.protocol.seal.UpdateEnvelopeCipher;
import dev.vellum.testing.TestAccount;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compaction in the note store ({@link JdbcEpochCompaction}) and the column it reads ({@link ItemKeyEpochsMigration}).
 * Compaction deletes older snapshots, which {@link JoinPager} otherwise never sees go; since it deletes only items
 * at or below the coverage of the note's widest snapshot, a join under way meets a hole that snapshot covers and
 * goes on from it, so no joiner is told it caught up to a revision it was neither sent nor given a snapshot for.
 */
class CompactionStoreTest {
    @TempDir
    Path dataDir;
    private final JvmSecureRandomSource random = new JvmSecureRandomSource();
    private final WorkspaceId workspace = WorkspaceId.random(random);
    private final NoteId note = NoteId.random(random);
    private final List<Author> authors = List.of(new Author("alice"), new Author("bob"));
    private Database database;
    private JdbcNoteItemRepository repository;
    private JdbcEpochCompaction compaction;

    /** One device's chain in the note; its items name an epoch and are sealed under a key nobody here needs. */
    private final class Author {
        private final TestAccount account;
        private long sequence;
        private UpdateHash previous = UpdateHash.NONE;

        Author(String name) {
            this.account = new TestAccount(name, name + "'s long passphrase");
        }

        long store(NoteItemKind kind, long covers, int epoch) throws Exception {
            UpdateHeader header = new UpdateHeader(workspace, note, epoch,
                    IdentityKeyId.of(account.device.publicIdentity()), sequence + 1, previous);
            UpdateEnvelope envelope = UpdateEnvelopeCipher.seal(header, "words".getBytes(StandardCharsets.UTF_8),
                    SymmetricKey.generate(random), account.device, random);
            Ed25519PrivateKey writeKey = Ed25519PrivateKey.generate(random);
            byte[] unsigned = NoteItem.encodeUnsigned(kind, covers, account.device.publicIdentity(),
                    account.certificate, envelope, writeKey.publicKey());
            NoteItem item = NoteItem.parse(Bytes.concat(unsigned,
                    writeKey.sign(NoteItem.writeSignatureInput(unsigned))));
            AppendResult result = repository.append(item);
            sequence++;
            previous = item.hash();
            return assertInstanceOf(AppendResult.Stored.class, result).revision();
        }
    }

    @BeforeEach
    void open() throws Exception {
        database = Database.open("jdbc:h2:file:" + dataDir.resolve("vellum"), 2);
        // Retention 0: a snapshot is safe at once, as before confirmations (SnapshotConfirmationTest covers those).
        repository = new JdbcNoteItemRepository(database, RelayRules.DEFAULT_MAX_NOTE_BYTES, System::currentTimeMillis,
                0);
        compaction = new JdbcEpochCompaction(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aJoinUnderWay_acrossACompaction_goesOnFromTheReEncryptingSnapshot_withoutAGap() throws Exception {
        Author alice = authors.get(0);
        Author bob = authors.get(1);
        assertEquals(1, alice.store(NoteItemKind.UPDATE, 0, 0));
        assertEquals(2, alice.store(NoteItemKind.SNAPSHOT, 1, 0));
        assertEquals(3, bob.store(NoteItemKind.SNAPSHOT, 1, 0));
        assertEquals(4, alice.store(NoteItemKind.UPDATE, 0, 0));
        // A joiner that has revision 1 is sent 2, 3 and 4 one page at a time.
        JoinPager pager = JoinPager.open(repository, note, 1, 1, Long.MAX_VALUE);
        JoinPage first = pager.next();
        assertEquals(List.of(2L), revisions(first.items()));

        // Epoch 1: Bob re-encrypts the note up to 4; compaction drops the epoch-0 snapshots 2 and 3.
        assertEquals(5, bob.store(NoteItemKind.SNAPSHOT, 4, 1));
        assertEquals(new JdbcEpochCompaction.NoteCompaction(2, false), compaction.compact(note, 1));

        StoredItem base = null;
        TreeSet<Long> sent = new TreeSet<>(revisions(first.items()));
        JoinPage page;
        do {
            page = pager.next();
            if (page.base() != null) {
                base = page.base();
            }
            sent.addAll(revisions(page.items()));
        } while (!page.last());
        assertNotNull(base, "the join went on from the re-encrypting snapshot");
        assertEquals(5, base.revision());
        for (long revision = 2; revision <= pager.latestRevision(); revision++) {
            assertTrue(sent.contains(revision) || revision <= base.item().covers() || revision == base.revision(),
                    "revision " + revision + " was neither sent nor covered");
        }
    }

    @Test
    void aJoinAfterCompaction_startsFromTheReEncryptingSnapshot_andGetsWhatFollows() throws Exception {
        Author alice = authors.get(0);
        alice.store(NoteItemKind.UPDATE, 0, 0);
        alice.store(NoteItemKind.SNAPSHOT, 1, 0);
        alice.store(NoteItemKind.UPDATE, 0, 0);
        assertEquals(4, alice.store(NoteItemKind.SNAPSHOT, 3, 1));
        assertEquals(5, alice.store(NoteItemKind.UPDATE, 0, 1));

        assertEquals(new JdbcEpochCompaction.NoteCompaction(1, false), compaction.compact(note, 1));

        JoinHistory history = JoinPager.open(repository, note, 0, 1, Long.MAX_VALUE).readAll();
        assertEquals(4, history.base().revision());
        assertEquals(List.of(5L), revisions(history.items()));
        assertEquals(5, history.latestRevision());
        assertEquals(List.of(4L), revisions(repository.snapshotsBefore(note, 6, 10)), "the History keeps epoch 1");
        assertEquals(storedBytes(), recordedSize(), "the note's recorded size lost the deleted bytes");
    }

    @Test
    void olderCommentItems_goLikeOlderUpdates_whenTheReEncryptingSnapshotCoversThem() throws Exception {
        // The default retention: the unconfirmed re-encrypting snapshot keeps what it covers until compaction.
        repository = new JdbcNoteItemRepository(database, RelayRules.DEFAULT_MAX_NOTE_BYTES,
                System::currentTimeMillis, RelayRules.DEFAULT_UNCONFIRMED_SNAPSHOT_RETENTION_MILLIS);
        Author alice = authors.get(0);
        Author bob = authors.get(1);
        assertEquals(1, alice.store(NoteItemKind.UPDATE, 0, 0));
        assertEquals(2, bob.store(NoteItemKind.COMMENT, 0, 0));
        assertEquals(3, alice.store(NoteItemKind.SNAPSHOT, 2, 1));
        assertEquals(4, bob.store(NoteItemKind.COMMENT, 0, 1));
        assertEquals(List.of(1L, 2L, 3L, 4L), revisions(JoinPager.open(repository, note, 0).readAll().items()),
                "nobody confirmed the snapshot: what it covers is kept");

        assertEquals(new JdbcEpochCompaction.NoteCompaction(2, false), compaction.compact(note, 1),
                "the epoch-0 update and comment item");

        JoinHistory history = JoinPager.open(repository, note, 0).readAll();
        assertEquals(3, history.base().revision());
        assertEquals(List.of(4L), revisions(history.items()), "the epoch-1 comment item after its coverage stays");
        assertEquals(storedBytes(), recordedSize(), "the note's recorded size lost the comment item's bytes too");
    }

    @Test
    void aNoteWhoseWidestSnapshotIsOfAnOlderEpoch_isLeftAlone() throws Exception {
        Author alice = authors.get(0);
        alice.store(NoteItemKind.UPDATE, 0, 0);
        alice.store(NoteItemKind.SNAPSHOT, 1, 0);
        alice.store(NoteItemKind.UPDATE, 0, 1);

        assertEquals(new JdbcEpochCompaction.NoteCompaction(0, true), compaction.compact(note, 1));
        JoinHistory history = JoinPager.open(repository, note, 0).readAll();
        assertEquals(2, history.base().revision(), "the epoch-0 snapshot is still what a joiner starts from");
        assertEquals(List.of(3L), revisions(history.items()));
    }

    @Test
    void theEpochColumn_isFilledOnceFromTheStoredItems_ofADatabaseMadeBeforeIt() throws Exception {
        Author alice = authors.get(0);
        alice.store(NoteItemKind.UPDATE, 0, 3);
        alice.store(NoteItemKind.UPDATE, 0, 4);
        try (java.sql.Connection connection = database.connection();
             java.sql.Statement back = connection.createStatement()) {
            // As the schema stood at version 8: neither V9's nor V10's column, nor V11's table, and Flyway's record
            // ending at 8.
            back.execute("DROP TABLE login_challenges");
            back.execute("DROP INDEX note_items_by_epoch");
            back.execute("ALTER TABLE note_items DROP COLUMN key_epoch");
            back.execute("ALTER TABLE note_items DROP COLUMN confirmed");
            back.execute("DELETE FROM \"flyway_schema_history\" WHERE \"version\" IN ('9', '10', '11')");
        }
        database.close();

        database = Database.open("jdbc:h2:file:" + dataDir.resolve("vellum"), 2);
        assertEquals("11", database.schemaVersion());
        try (java.sql.Connection connection = database.connection();
             java.sql.PreparedStatement query = connection.prepareStatement(
                     "SELECT key_epoch FROM note_items WHERE note_id = ? ORDER BY revision")) {
            query.setBytes(1, note.toBytes());
            List<Integer> epochs = new ArrayList<>();
            try (java.sql.ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    epochs.add(rows.getInt(1));
                }
            }
            assertEquals(List.of(3, 4), epochs);
        }
    }

    private long storedBytes() throws Exception {
        return single("SELECT SUM(OCTET_LENGTH(item)) FROM note_items WHERE note_id = ?");
    }

    private long recordedSize() throws Exception {
        return single("SELECT stored_bytes FROM note_sizes WHERE note_id = ?");
    }

    private long single(String sql) throws Exception {
        try (java.sql.Connection connection = database.connection();
             java.sql.PreparedStatement query = connection.prepareStatement(sql)) {
            query.setBytes(1, note.toBytes());
            try (java.sql.ResultSet rows = query.executeQuery()) {
                assertTrue(rows.next());
                return rows.getLong(1);
            }
        }
    }

    private static List<Long> revisions(List<StoredItem> items) {
        List<Long> revisions = new ArrayList<>();
        items.forEach(item -> revisions.add(item.revision()));
        return revisions;
    }
}
