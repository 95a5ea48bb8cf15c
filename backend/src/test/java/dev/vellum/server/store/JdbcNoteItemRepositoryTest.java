package dev.vellum.server.store;

import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.relay.NoteItemRepository;
import dev.vellum.protocol.relay.NoteItemRepositoryContract;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.io.TempDir;

/** The database store keeps the relay's contract, as the in-memory one behind the sync tests does. */
class JdbcNoteItemRepositoryTest extends NoteItemRepositoryContract {
    @TempDir
    Path dataDir;
    private Database database;
    private int opened;

    @Override
    protected NoteItemRepository open(long maxNoteBytes, LongSupplier clock, long retentionMillis)
            throws Exception {
        database = Database.open("jdbc:h2:file:" + dataDir.resolve("vellum") + "-" + (++opened), 2);
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

    @Override
    protected void close() {
        database.close();
    }
}
