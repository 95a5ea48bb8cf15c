package dev.vellum.server.store;

import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.item.NoteItem;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Schema version 9: each stored item's key epoch (the epoch its envelope header names) in a column of its own,
 * {@code note_items.key_epoch}, so that compacting a workspace's history finds the items of older epochs with one
 * indexed query instead of parsing every item of every note. Items stored from now on get it when stored; the rows
 * already there get it here, once, from their stored bytes (parsed as the relay parsed them before storing). In Java
 * because SQL cannot parse an item: a version 3 item's envelope starts after a certificate of varying length.
 *
 * <p>Safe to run again after a failure half-way: the column is added only if missing, and only rows without an
 * epoch are filled.
 */
final class ItemKeyEpochsMigration implements JavaMigration {
    /** Rows filled per batch: a few hundred kilobytes of updates sent at once, never the whole table. */
    private static final int BATCH = 500;

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("9");
    }

    @Override
    public String getDescription() {
        return "note items key epochs";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("ALTER TABLE note_items ADD COLUMN IF NOT EXISTS key_epoch INT");
        }
        fillFromStoredItems(connection);
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("ALTER TABLE note_items ALTER COLUMN key_epoch SET NOT NULL");
            // Compaction asks "which items of this note are of an epoch before e" and "is any item left that is".
            ddl.execute("CREATE INDEX IF NOT EXISTS note_items_by_epoch ON note_items (note_id, key_epoch)");
        }
    }

    private static void fillFromStoredItems(Connection connection) throws SQLException {
        try (PreparedStatement read = connection.prepareStatement(
                     "SELECT note_id, revision, item FROM note_items WHERE key_epoch IS NULL");
             PreparedStatement fill = connection.prepareStatement(
                     "UPDATE note_items SET key_epoch = ? WHERE note_id = ? AND revision = ?");
             ResultSet rows = read.executeQuery()) {
            int pending = 0;
            while (rows.next()) {
                fill.setInt(1, keyEpoch(rows.getBytes(3), rows.getLong(2)));
                fill.setBytes(2, rows.getBytes(1));
                fill.setLong(3, rows.getLong(2));
                fill.addBatch();
                if (++pending == BATCH) {
                    fill.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                fill.executeBatch();
            }
        }
    }

    /** A stored item's epoch; one that no longer parses means the table was changed under the server. */
    private static int keyEpoch(byte[] stored, long revision) throws SQLException {
        try {
            return NoteItem.parse(stored).header().keyEpoch();
        } catch (InvalidMessageException e) {
            throw new SQLException("stored item at revision " + revision + " does not parse: " + e.getMessage(), e);
        }
    }
}
