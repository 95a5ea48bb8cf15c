package dev.vellum.server.store;

import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.item.NoteItemKind;
import dev.vellum.protocol.item.UpdateHash;
import dev.vellum.protocol.item.UpdateHeader;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Stores note items, numbered by the server in order without gaps, and each author's place in their chain. Holds
 * only what clients sent, checked but never decrypted. A stored snapshot lets the updates it covers go: they are
 * deleted in the same transaction, so a joiner never finds neither. Every call runs on the database worker pool.
 */
public final class NoteItemStore {
    /** SQLSTATE 23505, unique violation: two items raced for one number. Other errors are real failures. */
    private static final String UNIQUE_VIOLATION = "23505";
    private static final int ATTEMPTS = 8;

    private final Database database;
    private final WorkerExecutor executor;

    public NoteItemStore(Database database, WorkerExecutor executor) {
        this.database = database;
        this.executor = executor;
    }

    /** Stores the item as the note's next revision if it continues its author's chain (and, for a snapshot, covers
     * only stored revisions). */
    public Future<AppendResult> append(NoteItem item) {
        return executor.executeBlocking(() -> appendWithRetries(item), false);
    }

    /** What a client that has applied every revision up to {@code since} needs; see {@link JoinHistory}. */
    public Future<JoinHistory> joinHistory(NoteId noteId, long since) {
        return executor.executeBlocking(() -> joinHistoryBlocking(noteId, since), false);
    }

    /** Up to {@code limit} snapshots stored before revision {@code before}, newest first: the note's versions. */
    public Future<List<StoredItem>> snapshotsBefore(NoteId noteId, long before, int limit) {
        return executor.executeBlocking(() -> snapshotsBeforeBlocking(noteId, before, limit), false);
    }

    private AppendResult appendWithRetries(NoteItem item) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                return appendBlocking(item);
            } catch (SQLException e) {
                // Another item (maybe on another node) took the number, or the author raced themselves: read again.
                if (!UNIQUE_VIOLATION.equals(e.getSQLState()) || attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private AppendResult appendBlocking(NoteItem item) throws SQLException {
        UpdateHeader header = item.header();
        byte[] noteId = header.documentId().toBytes();
        byte[] author = header.authorKeyId().toBytes();
        try (Connection connection = database.connection()) {
            connection.setAutoCommit(false);
            try {
                ChainPosition position = chainPosition(connection, noteId, author);
                if (header.sequence() != position.lastSequence + 1
                        || !header.previousHash().equals(position.lastHash)) {
                    connection.rollback();
                    return new AppendResult.ChainConflict(position.lastSequence + 1);
                }
                long latest = latestRevision(connection, noteId);
                if (item.kind() == NoteItemKind.SNAPSHOT && item.covers() > latest) {
                    connection.rollback();
                    return new AppendResult.SnapshotBeyondHistory(latest);
                }
                long revision = latest + 1;
                insertItem(connection, noteId, revision, item);
                moveChain(connection, noteId, author, position, item);
                if (item.kind() == NoteItemKind.SNAPSHOT) {
                    deleteCoveredUpdates(connection, noteId, item.covers());
                }
                connection.commit();
                return new AppendResult.Stored(revision);
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** An author's last stored sequence and chain hash in a note; sequence 0 and no hash if they have none. */
    private record ChainPosition(boolean exists, long lastSequence, UpdateHash lastHash) {
    }

    private static ChainPosition chainPosition(Connection connection, byte[] noteId, byte[] author)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT last_sequence, last_hash "
                + "FROM note_author_chains WHERE note_id = ? AND author_key_id = ?")) {
            query.setBytes(1, noteId);
            query.setBytes(2, author);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    return new ChainPosition(false, 0, UpdateHash.NONE);
                }
                return new ChainPosition(true, rows.getLong(1), UpdateHash.fromBytes(rows.getBytes(2)));
            }
        }
    }

    private static long latestRevision(Connection connection, byte[] noteId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT COALESCE(MAX(revision), 0) FROM note_items WHERE note_id = ?")) {
            query.setBytes(1, noteId);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static void insertItem(Connection connection, byte[] noteId, long revision, NoteItem item)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO note_items (note_id, revision, "
                + "kind, covers, author_key_id, sequence, item, stored_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP)")) {
            insert.setBytes(1, noteId);
            insert.setLong(2, revision);
            insert.setInt(3, item.kind().code());
            insert.setLong(4, item.covers());
            insert.setBytes(5, item.header().authorKeyId().toBytes());
            insert.setLong(6, item.header().sequence());
            insert.setBytes(7, item.encode());
            insert.executeUpdate();
        }
    }

    /**
     * Moves the author's chain on to this item. The update names the sequence it read, so an author racing
     * themselves on two connections stores one item and the other retries (and then conflicts).
     */
    private static void moveChain(Connection connection, byte[] noteId, byte[] author, ChainPosition position,
                                  NoteItem item) throws SQLException {
        if (!position.exists) {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO note_author_chains "
                    + "(note_id, author_key_id, last_sequence, last_hash) VALUES (?, ?, ?, ?)")) {
                insert.setBytes(1, noteId);
                insert.setBytes(2, author);
                insert.setLong(3, item.header().sequence());
                insert.setBytes(4, item.hash().toBytes());
                insert.executeUpdate();
            }
            return;
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE note_author_chains SET last_sequence = ?, "
                + "last_hash = ? WHERE note_id = ? AND author_key_id = ? AND last_sequence = ?")) {
            update.setLong(1, item.header().sequence());
            update.setBytes(2, item.hash().toBytes());
            update.setBytes(3, noteId);
            update.setBytes(4, author);
            update.setLong(5, position.lastSequence);
            if (update.executeUpdate() != 1) {
                throw new SQLException("the author's chain moved meanwhile", UNIQUE_VIOLATION);
            }
        }
    }

    private static void deleteCoveredUpdates(Connection connection, byte[] noteId, long covers) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM note_items WHERE note_id = ? AND kind = ? AND revision <= ?")) {
            delete.setBytes(1, noteId);
            delete.setInt(2, NoteItemKind.UPDATE.code());
            delete.setLong(3, covers);
            delete.executeUpdate();
        }
    }

    private JoinHistory joinHistoryBlocking(NoteId noteId, long since) throws SQLException, InvalidMessageException {
        byte[] id = noteId.toBytes();
        try (Connection connection = database.connection()) {
            // One consistent read: a snapshot stored meanwhile (deleting updates) or an item appended meanwhile must
            // not leave the joiner told "caught up to N" with a number up to N it was never sent.
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                return joinHistoryIn(connection, id, since);
            } finally {
                connection.rollback();
                connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            }
        }
    }

    private JoinHistory joinHistoryIn(Connection connection, byte[] id, long since)
            throws SQLException, InvalidMessageException {
        List<StoredItem> items = new ArrayList<>();
        StoredItem snapshot = widestSnapshot(connection, id);
        boolean snapshotFirst = snapshot != null && snapshot.item().covers() > since;
        long after = snapshotFirst ? snapshot.item().covers() : since;
        try (PreparedStatement query = connection.prepareStatement("SELECT revision, stored_at, item "
                + "FROM note_items WHERE note_id = ? AND revision > ? ORDER BY revision")) {
            query.setBytes(1, id);
            query.setLong(2, after);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    if (!snapshotFirst || rows.getLong(1) != snapshot.revision()) {
                        items.add(stored(rows));
                    }
                }
            }
        }
        return new JoinHistory(snapshotFirst ? snapshot : null, items, latestRevision(connection, id));
    }

    /**
     * The snapshot covering the most revisions (the latest such): every update it covers may be gone, and every
     * item after what it covers is still here, since deletion never goes past a snapshot's coverage. The ORDER BY
     * names every column of the coverage index, which H2 needs to read it in order instead of sorting all snapshots.
     */
    private static StoredItem widestSnapshot(Connection connection, byte[] noteId)
            throws SQLException, InvalidMessageException {
        try (PreparedStatement query = connection.prepareStatement("SELECT revision, stored_at, item FROM note_items "
                + "WHERE note_id = ? AND kind = ? ORDER BY note_id, kind, covers DESC, revision DESC LIMIT 1")) {
            query.setBytes(1, noteId);
            query.setInt(2, NoteItemKind.SNAPSHOT.code());
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? stored(rows) : null;
            }
        }
    }

    private List<StoredItem> snapshotsBeforeBlocking(NoteId noteId, long before, int limit)
            throws SQLException, InvalidMessageException {
        try (Connection connection = database.connection();
             PreparedStatement query = connection.prepareStatement("SELECT revision, stored_at, item FROM note_items "
                     + "WHERE note_id = ? AND kind = ? AND revision < ? ORDER BY revision DESC LIMIT ?")) {
            query.setBytes(1, noteId.toBytes());
            query.setInt(2, NoteItemKind.SNAPSHOT.code());
            query.setLong(3, before);
            query.setInt(4, limit);
            List<StoredItem> snapshots = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    snapshots.add(stored(rows));
                }
            }
            return snapshots;
        }
    }

    /** Reads {@code revision, stored_at, item} from the current row. */
    private static StoredItem stored(ResultSet rows) throws SQLException, InvalidMessageException {
        return new StoredItem(rows.getLong(1), rows.getTimestamp(2).getTime(), NoteItem.parse(rows.getBytes(3)));
    }
}
