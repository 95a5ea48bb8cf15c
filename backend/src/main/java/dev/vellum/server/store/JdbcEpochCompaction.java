package dev.vellum.server.store;

import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.item.NoteItemKind;
import dev.vellum.protocol.relay.JoinPager;
import dev.vellum.protocol.relay.RelayRules;
import dev.vellum.protocol.relay.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Drops a note's history of older key epochs once a snapshot has re-encrypted it under the current one (the forward
 * secrecy of compacted history, docs/threat-model.md): the items sealed under an epoch before the current one that
 * the note's widest snapshot, itself of the current epoch, covers. Those are older snapshots (the updates a snapshot
 * covers went when it was stored): with them go the versions of the note from before the re-encryption.
 *
 * <p>Only items at or below the widest snapshot's coverage go, never one a joiner is sent after it, so a join is
 * never left with a gap no snapshot covers: a join under way that meets a deleted revision starts again from that
 * snapshot, whose coverage reaches past it ({@link JoinPager}). An old item above the coverage (stored just before a
 * rotation, and not yet in a snapshot) stays, and the note is reported as still holding old items.
 * Blocking; each note in one transaction.
 */
public final class JdbcEpochCompaction {
    private final Database database;

    public JdbcEpochCompaction(Database database) {
        this.database = database;
    }

    /**
     * What compacting one note did.
     *
     * @param deletedItems items of older epochs deleted now
     * @param olderItemsLeft whether the note still holds an item of an epoch before the current one (no snapshot
     *                       of the current epoch covers it yet)
     */
    public record NoteCompaction(int deletedItems, boolean olderItemsLeft) {
    }

    /**
     * Deletes the note's items of epochs before {@code currentEpoch} that its widest snapshot covers, if that
     * snapshot is of {@code currentEpoch} or later (see {@link RelayRules#WIDEST_FIRST}); nothing otherwise.
     */
    public NoteCompaction compact(NoteId noteId, int currentEpoch) throws StorageException {
        byte[] id = noteId.toBytes();
        try (Connection connection = database.connection()) {
            connection.setAutoCommit(false);
            try {
                lockNoteSize(connection, id);
                long coverage = reEncryptedCoverage(connection, id, currentEpoch);
                int deleted = 0;
                if (coverage > 0) {
                    long bytes = olderBytes(connection, id, currentEpoch, coverage);
                    deleted = deleteOlder(connection, id, currentEpoch, coverage);
                    shrink(connection, id, bytes);
                    confirmReEncryption(connection, id, currentEpoch, coverage);
                }
                boolean left = holdsOlder(connection, id, currentEpoch);
                connection.commit();
                return new NoteCompaction(deleted, left);
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StorageException("could not compact note " + noteId, e);
        }
    }

    /**
     * Takes the note's size row first, as an append does ({@link JdbcNoteItemRepository}): both then delete items
     * and write the size in one order, so an append and a compaction of one note wait for each other instead of
     * deadlocking (each holding what the other needs; PostgreSQL would end one with SQLSTATE 40P01).
     */
    private static void lockNoteSize(Connection connection, byte[] noteId) throws SQLException {
        JdbcNoteItemRepository.recordedSize(connection, noteId);
    }

    /**
     * The coverage of the note's widest snapshot if it is sealed under {@code currentEpoch} or later; 0 if the note
     * has no snapshot, or its widest is of an older epoch (nobody who could write has re-encrypted it yet).
     */
    private static long reEncryptedCoverage(Connection connection, byte[] noteId, int currentEpoch)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT covers, key_epoch FROM note_items "
                + "WHERE note_id = ? AND kind = ? ORDER BY note_id, kind, covers DESC, revision DESC LIMIT 1")) {
            query.setBytes(1, noteId);
            query.setInt(2, NoteItemKind.SNAPSHOT.code());
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() && rows.getInt(2) >= currentEpoch ? rows.getLong(1) : 0;
            }
        }
    }

    /**
     * The owner who compacts vouches for the re-encrypting snapshot, which is now all that is left of the note before
     * it: it counts as confirmed (see "Snapshot confirmation" in protocol.md), so joins start from it rather than from
     * an older snapshot this compaction deleted.
     */
    private static void confirmReEncryption(Connection connection, byte[] noteId, int currentEpoch, long coverage)
            throws SQLException {
        try (PreparedStatement mark = connection.prepareStatement("UPDATE note_items SET confirmed = TRUE "
                + "WHERE note_id = ? AND kind = ? AND key_epoch >= ? AND covers = ?")) {
            mark.setBytes(1, noteId);
            mark.setInt(2, NoteItemKind.SNAPSHOT.code());
            mark.setInt(3, currentEpoch);
            mark.setLong(4, coverage);
            mark.executeUpdate();
        }
    }

    private static long olderBytes(Connection connection, byte[] noteId, int currentEpoch, long coverage)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT COALESCE(SUM(OCTET_LENGTH(item)), 0) "
                + "FROM note_items WHERE note_id = ? AND key_epoch < ? AND revision <= ?")) {
            query.setBytes(1, noteId);
            query.setInt(2, currentEpoch);
            query.setLong(3, coverage);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static int deleteOlder(Connection connection, byte[] noteId, int currentEpoch, long coverage)
            throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM note_items WHERE note_id = ? AND key_epoch < ? AND revision <= ?")) {
            delete.setBytes(1, noteId);
            delete.setInt(2, currentEpoch);
            delete.setLong(3, coverage);
            return delete.executeUpdate();
        }
    }

    /**
     * Takes the deleted bytes off the note's recorded size. Relative, so that it composes with another compaction;
     * an append racing it may write the size it computed before, which then counts the deleted bytes still (an
     * overcount, never an undercount: the size limit errs on the safe side).
     */
    private static void shrink(Connection connection, byte[] noteId, long bytes) throws SQLException {
        if (bytes == 0) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE note_sizes "
                + "SET stored_bytes = GREATEST(stored_bytes - ?, 0) WHERE note_id = ?")) {
            update.setLong(1, bytes);
            update.setBytes(2, noteId);
            update.executeUpdate();
        }
    }

    private static boolean holdsOlder(Connection connection, byte[] noteId, int currentEpoch) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT 1 FROM note_items WHERE note_id = ? AND key_epoch < ? LIMIT 1")) {
            query.setBytes(1, noteId);
            query.setInt(2, currentEpoch);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }
}
