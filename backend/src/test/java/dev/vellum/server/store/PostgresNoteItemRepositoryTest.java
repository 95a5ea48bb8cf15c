package dev.vellum.server.store;

import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.relay.NoteItemRepository;
import dev.vellum.protocol.relay.NoteItemRepositoryContract;
import dev.vellum.server.testing.EmbeddedPostgresServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The database store keeps the relay's contract on PostgreSQL too, with the same migrations as on H2
 * ({@link JdbcNoteItemRepositoryTest}). One database for the class, migrated once; each test starts from empty
 * tables and a new repository (whose kept latest revisions start empty too).
 */
class PostgresNoteItemRepositoryTest extends NoteItemRepositoryContract {
    private static Database database;

    @BeforeAll
    static void openDatabase() throws Exception {
        database = Database.open(EmbeddedPostgresServer.newDatabase().jdbcUrl(), 2);
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @Override
    protected NoteItemRepository open(long maxNoteBytes, LongSupplier clock, long retentionMillis)
            throws Exception {
        try (Connection connection = database.connection(); Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE note_items, note_author_chains, note_sizes");
        }
        return new JdbcNoteItemRepository(database, maxNoteBytes, clock, retentionMillis);
    }

    @Override
    protected List<Long> storedRevisions(NoteId noteId) throws Exception {
        try (Connection connection = database.connection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT revision FROM note_items WHERE note_id = ? ORDER BY revision")) {
            query.setBytes(1, noteId.toBytes());
            List<Long> revisions = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    revisions.add(rows.getLong(1));
                }
            }
            return revisions;
        }
    }
}
