package dev.vellum.server.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.relay.AppendResult;
import dev.vellum.protocol.relay.JoinHistory;
import dev.vellum.protocol.relay.StoredItem;
import dev.vellum.protocol.seal.NoteKeys;
import dev.vellum.testing.TestAuthor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database made before Flyway, by the hand-written migrator and store of that version, still opens with its rows
 * and chains. The fixture below does exactly what that version did: the same {@code schema_version} table and rows,
 * the same scripts split the same way, and the same inserts for an item and its author's chain.
 */
class LegacyDatabaseAdoptionTest {
    private final JvmSecureRandomSource random = new JvmSecureRandomSource();
    private final NoteKeys keys = NoteKeys.generate(random);
    private final NoteId noteId = keys.noteId();
    private final TestAuthor alice = new TestAuthor(keys, random);
    private final TestAuthor bob = new TestAuthor(keys, random);

    @TempDir
    Path dataDir;

    @Test
    void databaseMadeByTheHandWrittenMigrator_opens_keepsItsItemsAndChains_andIsMigratedOn() throws Exception {
        NoteItem first = alice.stored(alice.nextUpdate("one"));
        NoteItem second = bob.stored(bob.nextUpdate("two"));
        try (Connection legacy = DriverManager.getConnection(jdbcUrl())) {
            LegacyVersion.migrate(legacy);
            LegacyVersion.store(legacy, 1, first);
            LegacyVersion.store(legacy, 2, second);
        }

        try (Database database = Database.open(jdbcUrl(), 2)) {
            JdbcNoteItemRepository repository = new JdbcNoteItemRepository(database);

            JoinHistory history = repository.joinHistory(noteId, 0);
            assertEquals(2, history.latestRevision());
            assertEquals(List.of(1L, 2L), history.items().stream().map(StoredItem::revision).toList());
            assertArrayEquals(first.encode(), history.items().get(0).item().encode());
            assertArrayEquals(second.encode(), history.items().get(1).item().encode());
            assertEquals(new AppendResult.ChainConflict(2), repository.append(first), "Alice's chain was kept");
            assertEquals(new AppendResult.Stored(3), repository.append(alice.stored(alice.nextUpdate("three"))));

            assertEquals("11", database.schemaVersion()); // V9: key epochs; V10: confirmations; V11: challenges
            try (Connection connection = database.connection()) {
                assertFalse(hasTable(connection, "NOTE_REVISIONS"), "the dead V1 table is gone");
                assertFalse(hasTable(connection, "SCHEMA_VERSION"), "the old record of versions is gone");
                assertTrue(hasTable(connection, "flyway_schema_history"));
            }
        }

        try (Database reopened = Database.open(jdbcUrl(), 2)) {
            assertEquals(3, new JdbcNoteItemRepository(reopened).joinHistory(noteId, 0).latestRevision(),
                    "opening again adopts nothing twice");
        }
    }

    @Test
    void newDatabase_isBuiltByFlyway_withoutTheDeadTable() throws Exception {
        try (Database database = Database.open(jdbcUrl(), 2)) {
            assertEquals("11", database.schemaVersion()); // V9: key epochs; V10: confirmations; V11: challenges
            try (Connection connection = database.connection()) {
                assertTrue(hasTable(connection, "NOTE_ITEMS"));
                assertFalse(hasTable(connection, "NOTE_REVISIONS"));
                assertFalse(hasTable(connection, "SCHEMA_VERSION"));
            }
        }
    }

    private static boolean hasTable(Connection connection, String name) throws SQLException {
        try (ResultSet tables = connection.getMetaData().getTables(null, "PUBLIC", name, null)) {
            return tables.next();
        }
    }

    private String jdbcUrl() {
        return "jdbc:h2:file:" + dataDir.resolve("vellum");
    }

    /** What the version before Flyway did to a database: its SchemaMigrator and NoteItemStore, step for step. */
    private static final class LegacyVersion {
        private static final String[][] MIGRATIONS = {
            {"1", "create note revisions", "db/migration/V1__create_note_revisions.sql"},
            {"2", "create note items and author chains", "db/migration/V2__create_note_items.sql"},
            {"3", "index snapshots by coverage", "db/migration/V3__index_snapshots_by_coverage.sql"},
        };

        static void migrate(Connection connection) throws SQLException, IOException {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                        + "version INTEGER PRIMARY KEY, description VARCHAR(200) NOT NULL, "
                        + "applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
            }
            connection.setAutoCommit(false);
            for (String[] migration : MIGRATIONS) {
                try (Statement statement = connection.createStatement()) {
                    for (String sql : statements(read(migration[2]))) {
                        statement.execute(sql);
                    }
                }
                try (PreparedStatement record = connection.prepareStatement("INSERT INTO schema_version "
                        + "(version, description, applied_at) VALUES (?, ?, CURRENT_TIMESTAMP)")) {
                    record.setInt(1, Integer.parseInt(migration[0]));
                    record.setString(2, migration[1]);
                    record.executeUpdate();
                }
                connection.commit();
            }
            connection.setAutoCommit(true);
        }

        /** Stores an item as the first of its author's chain, as that version's store did. */
        static void store(Connection connection, long revision, NoteItem item) throws SQLException {
            byte[] noteId = item.header().documentId().toBytes();
            byte[] author = item.header().authorKeyId().toBytes();
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO note_items (note_id, revision, "
                    + "kind, covers, author_key_id, sequence, item, stored_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP)")) {
                insert.setBytes(1, noteId);
                insert.setLong(2, revision);
                insert.setInt(3, item.kind().code());
                insert.setLong(4, item.covers());
                insert.setBytes(5, author);
                insert.setLong(6, item.header().sequence());
                insert.setBytes(7, item.encode());
                insert.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO note_author_chains "
                    + "(note_id, author_key_id, last_sequence, last_hash) VALUES (?, ?, ?, ?)")) {
                insert.setBytes(1, noteId);
                insert.setBytes(2, author);
                insert.setLong(3, item.header().sequence());
                insert.setBytes(4, item.hash().toBytes());
                insert.executeUpdate();
            }
        }

        private static List<String> statements(String script) {
            StringBuilder withoutComments = new StringBuilder();
            for (String line : script.split("\n")) {
                if (!line.trim().startsWith("--")) {
                    withoutComments.append(line).append('\n');
                }
            }
            return java.util.Arrays.stream(withoutComments.toString().split(";"))
                    .map(String::trim)
                    .filter(sql -> !sql.isEmpty())
                    .toList();
        }

        private static String read(String resource) throws IOException {
            try (InputStream in = LegacyVersion.class.getClassLoader().getResourceAsStream(resource)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }
}
