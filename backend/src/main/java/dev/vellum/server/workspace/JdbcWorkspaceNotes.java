package dev.vellum.server.workspace;

import dev.vellum.protocol.id.AccountId;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.server.account.SqlValues;
import dev.vellum.server.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A workspace's notes in the database (schema V8, {@code workspace_notes}): ids, sealed titles and times; a note's
 * items are in {@code note_items} like any note's, and go with it. Blocking: {@link WorkspaceStore} runs it on the
 * database workers.
 */
final class JdbcWorkspaceNotes {
    private final Database database;

    JdbcWorkspaceNotes(Database database) {
        this.database = database;
    }

    /** A workspace note as listed: its sealed title and when it last changed. */
    record NoteRow(NoteId noteId, byte[] title, Instant updatedAt) {
    }

    /** A member's role code and the workspace's epoch, if the note is still the workspace's; else empty. */
    record NoteStanding(int role, boolean pending, int currentEpoch) {
    }

    Optional<NoteStanding> noteStanding(WorkspaceId id, NoteId note, AccountId account) throws SQLException {
        try (Connection connection = database.connection();
             PreparedStatement query = connection.prepareStatement("SELECT m.role, m.pending, w.current_epoch "
                     + "FROM workspace_members m JOIN workspaces w ON w.id = m.workspace_id "
                     + "JOIN workspace_notes n ON n.workspace_id = m.workspace_id "
                     + "WHERE m.workspace_id = ? AND m.account_id = ? AND n.note_id = ?")) {
            query.setBytes(1, id.toBytes());
            query.setBytes(2, account.toBytes());
            query.setBytes(3, note.toBytes());
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(new NoteStanding(rows.getInt(1), rows.getBoolean(2),
                        rows.getInt(3))) : Optional.empty();
            }
        }
    }

    List<NoteRow> notes(WorkspaceId id) throws SQLException {
        List<NoteRow> notes = new ArrayList<>();
        try (Connection connection = database.connection();
             PreparedStatement query = connection.prepareStatement("SELECT note_id, title, updated_at "
                     + "FROM workspace_notes WHERE workspace_id = ? ORDER BY created_at, note_id")) {
            query.setBytes(1, id.toBytes());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    notes.add(new NoteRow(NoteId.fromBytes(rows.getBytes(1)), rows.getBytes(2),
                            SqlValues.instant(rows, 3)));
                }
            }
        }
        return notes;
    }

    Optional<WorkspaceId> workspaceOf(NoteId note) throws SQLException {
        try (Connection connection = database.connection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT workspace_id FROM workspace_notes WHERE note_id = ?")) {
            query.setBytes(1, note.toBytes());
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(WorkspaceId.fromBytes(rows.getBytes(1))) : Optional.empty();
            }
        }
    }

    enum NoteCreation { CREATED, ID_TAKEN, TOO_MANY_NOTES }

    /** Adds a note unless its id names a note anywhere (a workspace's or a link note with items). */
    NoteCreation createNote(WorkspaceId id, NoteId note, byte[] title, Instant now, int maxNotes)
            throws SQLException {
        try (Connection connection = database.connection()) {
            connection.setAutoCommit(false);
            try {
                if (SqlRows.exists(connection, "SELECT 1 FROM workspace_notes WHERE note_id = ?", note.toBytes())
                        || SqlRows.exists(connection, "SELECT 1 FROM note_items WHERE note_id = ?", note.toBytes())) {
                    connection.rollback();
                    return NoteCreation.ID_TAKEN;
                }
                if (SqlRows.count(connection, "SELECT COUNT(*) FROM workspace_notes WHERE workspace_id = ?",
                        id.toBytes()) >= maxNotes) {
                    connection.rollback();
                    return NoteCreation.TOO_MANY_NOTES;
                }
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO workspace_notes (note_id, "
                        + "workspace_id, title, created_at, updated_at) VALUES (?, ?, ?, ?, ?)")) {
                    insert.setBytes(1, note.toBytes());
                    insert.setBytes(2, id.toBytes());
                    insert.setBytes(3, title);
                    insert.setObject(4, SqlValues.utc(now));
                    insert.setObject(5, SqlValues.utc(now));
                    insert.executeUpdate();
                }
                connection.commit();
                return NoteCreation.CREATED;
            } catch (SQLException e) {
                connection.rollback();
                if (SqlRows.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    return NoteCreation.ID_TAKEN;
                }
                throw e;
            }
        }
    }

    /** Replaces the note's sealed title; false if the workspace has no such note. */
    boolean retitle(WorkspaceId id, NoteId note, byte[] title, Instant now) throws SQLException {
        try (Connection connection = database.connection();
             PreparedStatement update = connection.prepareStatement("UPDATE workspace_notes SET title = ?, "
                     + "updated_at = ? WHERE workspace_id = ? AND note_id = ?")) {
            update.setBytes(1, title);
            update.setObject(2, SqlValues.utc(now));
            update.setBytes(3, id.toBytes());
            update.setBytes(4, note.toBytes());
            return update.executeUpdate() == 1;
        }
    }

    /** Deletes the note and all its items; false if the workspace has no such note. */
    boolean deleteNote(WorkspaceId id, NoteId note) throws SQLException {
        try (Connection connection = database.connection()) {
            connection.setAutoCommit(false);
            try {
                boolean deleted;
                try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM workspace_notes WHERE workspace_id = ? AND note_id = ?")) {
                    delete.setBytes(1, id.toBytes());
                    delete.setBytes(2, note.toBytes());
                    deleted = delete.executeUpdate() == 1;
                }
                if (deleted) {
                    // The size row first, the row an append locks first: so the two wait for each other, never
                    // each hold what the other needs (a deadlock, which PostgreSQL ends by failing one).
                    for (String table : new String[] {"note_sizes", "note_items", "note_author_chains"}) {
                        try (PreparedStatement delete = connection.prepareStatement(
                                "DELETE FROM " + table + " WHERE note_id = ?")) {
                            delete.setBytes(1, note.toBytes());
                            delete.executeUpdate();
                        }
                    }
                }
                connection.commit();
                return deleted;
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        }
    }
}
