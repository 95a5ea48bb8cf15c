package dev.vellum.server.store;

import dev.vellum.crypto.InvalidMessageException;
import dev.vellum.protocol.EncryptedRevision;
import dev.vellum.protocol.NoteId;
import dev.vellum.protocol.RevisionHeader;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Stores encrypted revisions, in order and without gaps per note. Holds only what the client sent: a parsed,
 * checked envelope it cannot decrypt. Every call runs on the database worker pool and returns a future.
 */
public final class RevisionStore {
    /** SQLSTATE 23505, unique violation: two revisions raced for one number. Other errors are real failures. */
    private static final String UNIQUE_VIOLATION = "23505";

    private final Database database;
    private final WorkerExecutor executor;

    public RevisionStore(Database database, WorkerExecutor executor) {
        this.database = database;
        this.executor = executor;
    }

    /** Stores the revision if its number directly follows the note's latest, else reports it stale. */
    public Future<AppendResult> append(EncryptedRevision revision) {
        return executor.executeBlocking(() -> appendBlocking(revision), false);
    }

    /** Every stored revision of the note, oldest first: what a client needs to rebuild the note. */
    public Future<List<EncryptedRevision>> history(NoteId noteId) {
        return executor.executeBlocking(() -> historyBlocking(noteId), false);
    }

    private AppendResult appendBlocking(EncryptedRevision revision) throws SQLException {
        RevisionHeader header = revision.header();
        try (Connection connection = database.connection()) {
            connection.setAutoCommit(false);
            try {
                if (latestNumber(connection, header.noteId()) + 1 != header.revision()) {
                    connection.rollback();
                    return AppendResult.STALE;
                }
                insert(connection, revision);
                connection.commit();
                return AppendResult.STORED;
            } catch (SQLException e) {
                connection.rollback();
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    return AppendResult.STALE;
                }
                throw e;
            }
        }
    }

    private static long latestNumber(Connection connection, NoteId noteId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT COALESCE(MAX(revision), 0) FROM note_revisions WHERE note_id = ?")) {
            query.setBytes(1, noteId.toBytes());
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static void insert(Connection connection, EncryptedRevision revision) throws SQLException {
        RevisionHeader header = revision.header();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO note_revisions "
                + "(note_id, revision, workspace_id, key_epoch, author_key_id, envelope, stored_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP)")) {
            insert.setBytes(1, header.noteId().toBytes());
            insert.setLong(2, header.revision());
            insert.setBytes(3, header.workspaceId().toBytes());
            insert.setInt(4, header.keyEpoch());
            insert.setBytes(5, header.authorKeyId().toBytes());
            insert.setBytes(6, revision.encode());
            insert.executeUpdate();
        }
    }

    private List<EncryptedRevision> historyBlocking(NoteId noteId) throws SQLException, InvalidMessageException {
        try (Connection connection = database.connection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT envelope FROM note_revisions WHERE note_id = ? ORDER BY revision")) {
            query.setBytes(1, noteId.toBytes());
            List<EncryptedRevision> revisions = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    revisions.add(EncryptedRevision.parse(rows.getBytes(1)));
                }
            }
            return revisions;
        }
    }
}
