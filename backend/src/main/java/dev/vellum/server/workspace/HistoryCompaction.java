package dev.vellum.server.workspace;

import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.protocol.relay.StorageException;
import dev.vellum.protocol.workspace.MembershipLog;
import dev.vellum.protocol.workspace.SealedTitle;
import dev.vellum.server.store.JdbcEpochCompaction;
import dev.vellum.server.workspace.JdbcWorkspaceNotes.NoteRow;
import dev.vellum.server.workspace.JdbcWorkspaceRepository.WorkspaceRow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Forgets a workspace's history of older key epochs ({@code POST /api/workspaces/{id}/compact}, owners only): first,
 * in every note whose widest snapshot is sealed under the current epoch, the items of older epochs that snapshot
 * covers ({@link JdbcEpochCompaction}); then, once nothing of the workspace is sealed under an older epoch any more
 * (no item, no note title, and not the workspace's current name in the log), the epoch links and the key envelopes
 * of older epochs. From then on this database, with any member's identity key, opens no key but the current one.
 *
 * <p>Keys go only when nothing needs them: a link or envelope deleted while an old item or title is still stored
 * would leave members unable to read it. A note still holding something old is reported as waiting: someone who can
 * write must open it (their browser re-encrypts it in a snapshot of the current epoch, and re-seals its title).
 * Blocking: runs on the database workers.
 */
final class HistoryCompaction {
    private final JdbcWorkspaceRepository repository;
    private final JdbcWorkspaceNotes notes;
    private final JdbcEpochCompaction items;
    private final WorkspaceLogs logs;

    HistoryCompaction(JdbcWorkspaceRepository repository, JdbcWorkspaceNotes notes, JdbcEpochCompaction items,
                      WorkspaceLogs logs) {
        this.repository = repository;
        this.notes = notes;
        this.items = items;
        this.logs = logs;
    }

    /**
     * What a compaction did.
     *
     * @param compactedNotes notes that hold nothing of an older epoch any more (whether this call or an earlier one
     *                       deleted it, or they never had any): what a member who joins now reads in full
     * @param notesWaiting notes that still hold an item or a title of an older epoch, in the list's order
     * @param nameWaiting whether the workspace's current name is still sealed under an older epoch (an owner's
     *                    browser renames it under the current one)
     * @param oldKeysDeleted whether no epoch link and no envelope of an older epoch is stored any more
     */
    record Outcome(int compactedNotes, List<NoteId> notesWaiting, boolean nameWaiting, boolean oldKeysDeleted) {
    }

    Outcome compact(WorkspaceRow row) throws SQLException {
        int epoch = row.currentEpoch();
        int compacted = 0;
        List<NoteId> waiting = new ArrayList<>();
        for (NoteRow note : notes.notes(row.id())) {
            JdbcEpochCompaction.NoteCompaction done;
            try {
                done = items.compact(note.noteId(), epoch);
            } catch (StorageException e) {
                throw new SQLException(e.getMessage(), e);
            }
            if (done.olderItemsLeft() || titleEpoch(note) < epoch) {
                waiting.add(note.noteId());
            } else {
                compacted++;
            }
        }
        boolean nameWaiting = false;
        boolean keysDeleted = false;
        if (waiting.isEmpty()) {
            synchronized (logs.lock(row.id())) {
                KeyRelease release = releaseOlderKeys(row.id(), epoch);
                nameWaiting = release == KeyRelease.NAME_WAITING;
                keysDeleted = release == KeyRelease.DELETED;
            }
        }
        return new Outcome(compacted, List.copyOf(waiting), nameWaiting, keysDeleted);
    }

    private enum KeyRelease { DELETED, NAME_WAITING, SOMETHING_OLD_ARRIVED }

    /**
     * Deletes the links and the older envelopes in one transaction that holds the workspace's row, so that a
     * rotation (which moves the row's head and epoch, on any node) waits for it or goes first: what is checked old
     * here is old against the epoch that is current when the keys go. Everything is checked again inside, since
     * a title or an item may have been stored meanwhile.
     */
    private KeyRelease releaseOlderKeys(WorkspaceId id, int epoch) throws SQLException {
        try (Connection connection = repository.connection()) {
            connection.setAutoCommit(false);
            try {
                WorkspaceRow row = lockedRow(connection, id);
                if (row.currentEpoch() != epoch || anythingOlder(connection, id, epoch)) {
                    connection.rollback();
                    return KeyRelease.SOMETHING_OLD_ARRIVED;
                }
                MembershipLog log = logs.current(connection, row);
                if (log.currentName().epoch() < epoch) {
                    connection.rollback();
                    return KeyRelease.NAME_WAITING;
                }
                delete(connection, "DELETE FROM epoch_links WHERE workspace_id = ? AND epoch <= ?", id, epoch);
                delete(connection, "DELETE FROM key_envelopes WHERE workspace_id = ? AND epoch < ?", id, epoch);
                connection.commit();
                return KeyRelease.DELETED;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private WorkspaceRow lockedRow(Connection connection, WorkspaceId id) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(
                "SELECT id FROM workspaces WHERE id = ? FOR UPDATE")) {
            lock.setBytes(1, id.toBytes());
            try (ResultSet rows = lock.executeQuery()) {
                if (!rows.next()) {
                    throw new SQLException("workspace " + id + " went during its compaction");
                }
            }
        }
        return repository.workspace(connection, id)
                .orElseThrow(() -> new SQLException("workspace " + id + " went during its compaction"));
    }

    /** Whether any note of the workspace holds an item or a title sealed under an epoch before {@code epoch}. */
    private boolean anythingOlder(Connection connection, WorkspaceId id, int epoch) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM note_items i "
                + "JOIN workspace_notes n ON n.note_id = i.note_id WHERE n.workspace_id = ? AND i.key_epoch < ? "
                + "LIMIT 1")) {
            query.setBytes(1, id.toBytes());
            query.setInt(2, epoch);
            try (ResultSet rows = query.executeQuery()) {
                if (rows.next()) {
                    return true;
                }
            }
        }
        for (byte[] title : SqlRows.blobs(connection, "SELECT title FROM workspace_notes WHERE workspace_id = ?",
                (Object) id.toBytes())) {
            if (titleEpoch(title) < epoch) {
                return true;
            }
        }
        return false;
    }

    private static int titleEpoch(NoteRow note) throws SQLException {
        return titleEpoch(note.title());
    }

    /** A stored title's epoch: the server checked its form before storing it, so one that does not parse is a fault. */
    private static int titleEpoch(byte[] title) throws SQLException {
        try {
            return SealedTitle.parse(title).epoch();
        } catch (InvalidMessageException e) {
            throw new SQLException("a stored title does not parse: " + e.getMessage(), e);
        }
    }

    private static void delete(Connection connection, String sql, WorkspaceId id, int epoch) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(sql)) {
            delete.setBytes(1, id.toBytes());
            delete.setInt(2, epoch);
            delete.executeUpdate();
        }
    }
}
