package dev.vellum.server.workspace;

import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.server.account.SqlValues;
import dev.vellum.server.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Invite links in the database (schema V8): each link's sealed welcome and expiry, and its one join request. Whether
 * a link is open is the log's to say ({@link InvitationDesk}). Blocking: {@link WorkspaceStore} runs it on the
 * database workers.
 */
final class JdbcInvitations {
    private final Database database;

    JdbcInvitations(Database database) {
        this.database = database;
    }

    /** An invite link's record: the workspace, the sealed welcome and the expiry the log gives it. */
    record InvitationRow(WorkspaceId workspaceId, byte[] welcome, Instant expiresAt) {
    }

    void insertInvitation(Connection connection, byte[] invitationId, WorkspaceId id, byte[] welcome,
                          Instant expiresAt) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO link_invitations (invitation_id, "
                + "workspace_id, welcome, expires_at) VALUES (?, ?, ?, ?)")) {
            insert.setBytes(1, invitationId);
            insert.setBytes(2, id.toBytes());
            insert.setBytes(3, welcome);
            insert.setObject(4, SqlValues.utc(expiresAt));
            insert.executeUpdate();
        }
    }

    Optional<InvitationRow> invitation(byte[] invitationId) throws SQLException {
        try (Connection connection = database.connection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT workspace_id, welcome, expires_at FROM link_invitations WHERE invitation_id = ?")) {
            query.setBytes(1, invitationId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(new InvitationRow(WorkspaceId.fromBytes(rows.getBytes(1)),
                        rows.getBytes(2), SqlValues.instant(rows, 3))) : Optional.empty();
            }
        }
    }

    /** Stores the invitation's one join request; false if it has one already. */
    boolean insertJoinRequest(byte[] invitationId, byte[] request, Instant now) throws SQLException {
        try (Connection connection = database.connection()) {
            if (SqlRows.exists(connection, "SELECT 1 FROM join_requests WHERE invitation_id = ?", invitationId)) {
                return false;
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO join_requests (invitation_id, request, created_at) VALUES (?, ?, ?)")) {
                insert.setBytes(1, invitationId);
                insert.setBytes(2, request);
                insert.setObject(3, SqlValues.utc(now));
                insert.executeUpdate();
                return true;
            } catch (SQLException e) {
                if (SqlRows.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    return false;
                }
                throw e;
            }
        }
    }

    List<byte[]> joinRequests(WorkspaceId id) throws SQLException {
        try (Connection connection = database.connection()) {
            return SqlRows.blobs(connection, "SELECT r.request FROM join_requests r JOIN link_invitations i "
                    + "ON i.invitation_id = r.invitation_id WHERE i.workspace_id = ? ORDER BY r.created_at",
                    id.toBytes());
        }
    }

    /** Forgets the invitation's join request (confirmed, or the invitation closed). */
    void deleteJoinRequest(Connection connection, byte[] invitationId) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM join_requests WHERE invitation_id = ?")) {
            delete.setBytes(1, invitationId);
            delete.executeUpdate();
        }
    }
}
