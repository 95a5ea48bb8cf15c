package dev.vellum.server.workspace;

import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.protocol.account.Username;
import dev.vellum.protocol.id.AccountId;
import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.server.account.SqlValues;
import dev.vellum.server.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Workspaces in the database (schema V8): the membership log's entries, what the server derives from the log
 * (members, roles, the current epoch), the key envelopes and epoch links it delivers, and the registered accounts
 * new members' records are checked against. Notes, invite links and contact books have repositories of their own
 * ({@link JdbcWorkspaceNotes}, {@link JdbcInvitations}, {@link JdbcContactBooks}). The SQL alone: what may be stored
 * is decided before, by {@link LogAppender} and the routes. Methods that take a {@link Connection} are steps of a
 * caller's transaction. Blocking: {@link WorkspaceStore} runs it on the database workers.
 */
final class JdbcWorkspaceRepository {
    private final Database database;

    JdbcWorkspaceRepository(Database database) {
        this.database = database;
    }

    /** The workspace's log position and epoch, as last stored. */
    record WorkspaceRow(WorkspaceId id, int currentEpoch, long logLength, byte[] headHash) {
    }

    /** A member or pending invitee as the log says now; {@code role} is the log's role code. */
    record MemberRow(AccountId accountId, int role, boolean pending) {
    }

    /** One of an account's workspaces, for its list. */
    record Listing(WorkspaceId workspaceId, int role, boolean pending, long logLength) {
    }

    /** An account as registered: what an honest server checks a log's member record against. */
    record RegisteredAccount(AccountId accountId, Username username, PublicIdentity identity) {
    }

    Connection connection() throws SQLException {
        return database.connection();
    }

    // ---- the log and what is derived from it

    Optional<WorkspaceRow> workspace(Connection connection, WorkspaceId id) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT current_epoch, log_length, head_hash FROM workspaces WHERE id = ?")) {
            query.setBytes(1, id.toBytes());
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(new WorkspaceRow(id, rows.getInt(1), rows.getLong(2),
                        rows.getBytes(3))) : Optional.empty();
            }
        }
    }

    Optional<WorkspaceRow> workspace(WorkspaceId id) throws SQLException {
        try (Connection connection = database.connection()) {
            return workspace(connection, id);
        }
    }

    /** Entries from sequence {@code from} on, at most {@code limit}, in order. */
    List<byte[]> entries(Connection connection, WorkspaceId id, long from, int limit) throws SQLException {
        List<byte[]> entries = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT sequence, entry FROM membership_entries "
                + "WHERE workspace_id = ? AND sequence >= ? ORDER BY sequence")) {
            query.setBytes(1, id.toBytes());
            query.setLong(2, from);
            query.setMaxRows(limit);
            try (ResultSet rows = query.executeQuery()) {
                long expected = from;
                while (rows.next()) {
                    if (rows.getLong(1) != expected++) {
                        throw new SQLException("workspace " + id + " has a gap in its log at " + (expected - 1));
                    }
                    entries.add(rows.getBytes(2));
                }
            }
        }
        return entries;
    }

    List<byte[]> entries(WorkspaceId id, long from, int limit) throws SQLException {
        try (Connection connection = database.connection()) {
            return entries(connection, id, from, limit);
        }
    }

    void insertWorkspace(Connection connection, WorkspaceId id, Instant now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO workspaces (id, created_at, "
                + "current_epoch, log_length, head_hash) VALUES (?, ?, 0, 0, ?)")) {
            insert.setBytes(1, id.toBytes());
            insert.setObject(2, SqlValues.utc(now));
            insert.setBytes(3, new byte[32]);
            insert.executeUpdate();
        }
    }

    void insertEntry(Connection connection, WorkspaceId id, long sequence, byte[] entry) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO membership_entries (workspace_id, sequence, entry) VALUES (?, ?, ?)")) {
            insert.setBytes(1, id.toBytes());
            insert.setLong(2, sequence);
            insert.setBytes(3, entry);
            insert.executeUpdate();
        }
    }

    /**
     * Moves the workspace's head from {@code expectedLength} to the new one: compare and set, so of two appends that
     * read the same head (on any node), one moves it and the other finds nothing to update.
     */
    boolean advance(Connection connection, WorkspaceId id, long expectedLength, long newLength, byte[] headHash,
                    int currentEpoch) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE workspaces SET log_length = ?, "
                + "head_hash = ?, current_epoch = ? WHERE id = ? AND log_length = ?")) {
            update.setLong(1, newLength);
            update.setBytes(2, headHash);
            update.setInt(3, currentEpoch);
            update.setBytes(4, id.toBytes());
            update.setLong(5, expectedLength);
            return update.executeUpdate() == 1;
        }
    }

    Map<AccountId, MemberRow> members(Connection connection, WorkspaceId id) throws SQLException {
        Map<AccountId, MemberRow> members = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT account_id, role, pending FROM workspace_members WHERE workspace_id = ?")) {
            query.setBytes(1, id.toBytes());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    AccountId account = AccountId.fromBytes(rows.getBytes(1));
                    members.put(account, new MemberRow(account, rows.getInt(2), rows.getBoolean(3)));
                }
            }
        }
        return members;
    }

    /** Makes the member rows {@code after}, changing only the rows that differ from {@code before}. */
    void updateMembers(Connection connection, WorkspaceId id, Map<AccountId, MemberRow> before,
                       Map<AccountId, MemberRow> after) throws SQLException {
        for (MemberRow gone : before.values()) {
            if (!after.containsKey(gone.accountId())) {
                try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM workspace_members WHERE workspace_id = ? AND account_id = ?")) {
                    delete.setBytes(1, id.toBytes());
                    delete.setBytes(2, gone.accountId().toBytes());
                    delete.executeUpdate();
                }
                deleteEnvelopesOf(connection, id, gone.accountId());
            }
        }
        for (MemberRow now : after.values()) {
            MemberRow was = before.get(now.accountId());
            if (now.equals(was)) {
                continue;
            }
            if (was == null) {
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO workspace_members "
                        + "(workspace_id, account_id, role, pending) VALUES (?, ?, ?, ?)")) {
                    insert.setBytes(1, id.toBytes());
                    insert.setBytes(2, now.accountId().toBytes());
                    insert.setInt(3, now.role());
                    insert.setBoolean(4, now.pending());
                    insert.executeUpdate();
                }
            } else {
                try (PreparedStatement update = connection.prepareStatement("UPDATE workspace_members SET role = ?, "
                        + "pending = ? WHERE workspace_id = ? AND account_id = ?")) {
                    update.setInt(1, now.role());
                    update.setBoolean(2, now.pending());
                    update.setBytes(3, id.toBytes());
                    update.setBytes(4, now.accountId().toBytes());
                    update.executeUpdate();
                }
            }
        }
    }

    Optional<MemberRow> member(WorkspaceId id, AccountId account) throws SQLException {
        try (Connection connection = database.connection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT role, pending FROM workspace_members WHERE workspace_id = ? AND account_id = ?")) {
            query.setBytes(1, id.toBytes());
            query.setBytes(2, account.toBytes());
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(new MemberRow(account, rows.getInt(1), rows.getBoolean(2)))
                        : Optional.empty();
            }
        }
    }

    List<Listing> workspacesOf(AccountId account) throws SQLException {
        List<Listing> listings = new ArrayList<>();
        try (Connection connection = database.connection();
             PreparedStatement query = connection.prepareStatement("SELECT m.workspace_id, m.role, m.pending, "
                     + "w.log_length FROM workspace_members m JOIN workspaces w ON w.id = m.workspace_id "
                     + "WHERE m.account_id = ? ORDER BY w.created_at, m.workspace_id")) {
            query.setBytes(1, account.toBytes());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    listings.add(new Listing(WorkspaceId.fromBytes(rows.getBytes(1)), rows.getInt(2),
                            rows.getBoolean(3), rows.getLong(4)));
                }
            }
        }
        return listings;
    }

    /** Workspaces the account is a member of ({@code pending} false), or invited to ({@code pending} true). */
    long countMemberships(Connection connection, AccountId account, boolean pending) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT COUNT(*) FROM workspace_members WHERE account_id = ? AND pending = ?")) {
            query.setBytes(1, account.toBytes());
            query.setBoolean(2, pending);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    Optional<RegisteredAccount> account(Connection connection, AccountId account) throws SQLException {
        return registered(connection, "account_id = ?", account.toBytes());
    }

    Optional<RegisteredAccount> account(Username username) throws SQLException {
        try (Connection connection = database.connection()) {
            return registered(connection, "username = ?", username.value());
        }
    }

    private static Optional<RegisteredAccount> registered(Connection connection, String where, Object key)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT account_id, username, "
                + "identity_signing_key, identity_agreement_key FROM accounts WHERE " + where)) {
            query.setObject(1, key);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(new RegisteredAccount(AccountId.fromBytes(rows.getBytes(1)),
                        SqlValues.username(rows.getString(2)), SqlValues.identity(rows.getBytes(3),
                        rows.getBytes(4)))) : Optional.empty();
            }
        }
    }

    // ---- keys

    /** Stores an envelope, replacing the one for the same epoch and recipient (a fresh invitation's). */
    void putEnvelope(Connection connection, WorkspaceId id, int epoch, AccountId recipient, byte[] envelope)
            throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM key_envelopes "
                + "WHERE workspace_id = ? AND epoch = ? AND recipient_account_id = ?")) {
            delete.setBytes(1, id.toBytes());
            delete.setInt(2, epoch);
            delete.setBytes(3, recipient.toBytes());
            delete.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO key_envelopes (workspace_id, "
                + "epoch, recipient_account_id, envelope) VALUES (?, ?, ?, ?)")) {
            insert.setBytes(1, id.toBytes());
            insert.setInt(2, epoch);
            insert.setBytes(3, recipient.toBytes());
            insert.setBytes(4, envelope);
            insert.executeUpdate();
        }
    }

    private static void deleteEnvelopesOf(Connection connection, WorkspaceId id, AccountId account)
            throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM key_envelopes WHERE workspace_id = ? AND recipient_account_id = ?")) {
            delete.setBytes(1, id.toBytes());
            delete.setBytes(2, account.toBytes());
            delete.executeUpdate();
        }
    }

    void putLink(Connection connection, WorkspaceId id, int epoch, byte[] link) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM epoch_links WHERE workspace_id = ? AND epoch = ?")) {
            delete.setBytes(1, id.toBytes());
            delete.setInt(2, epoch);
            delete.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO epoch_links (workspace_id, epoch, link) VALUES (?, ?, ?)")) {
            insert.setBytes(1, id.toBytes());
            insert.setInt(2, epoch);
            insert.setBytes(3, link);
            insert.executeUpdate();
        }
    }

    List<byte[]> envelopesFor(WorkspaceId id, AccountId recipient) throws SQLException {
        return blobs("SELECT envelope FROM key_envelopes WHERE workspace_id = ? AND recipient_account_id = ? "
                + "ORDER BY epoch", id.toBytes(), recipient.toBytes());
    }

    List<byte[]> links(WorkspaceId id) throws SQLException {
        return blobs("SELECT link FROM epoch_links WHERE workspace_id = ? ORDER BY epoch", id.toBytes());
    }

    private List<byte[]> blobs(String sql, Object... keys) throws SQLException {
        try (Connection connection = database.connection()) {
            return SqlRows.blobs(connection, sql, keys);
        }
    }
}
