package dev.vellum.server.testing;

import dev.vellum.crypto.agree.X25519PublicKey;
import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.crypto.sign.Ed25519PublicKey;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidPublicKeyException;
import dev.vellum.protocol.id.AccountId;
import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.protocol.item.KeyEnvelope;
import dev.vellum.protocol.workspace.MembershipEntry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The test's hands on the running server's database, to play a server that lies: it reads and rewrites what the
 * server stores (the membership log, the key envelopes, the account directory) behind the server's back, as someone
 * who controls the server could, so that what the browsers fetch next is the attacker's. It holds no key of anyone:
 * whatever it inserts is either copied from what it stores or signed with keys the test gives it.
 */
public final class MaliciousServer {
    private final String jdbcUrl;

    public MaliciousServer(RunningServer server) {
        this.jdbcUrl = server.jdbcUrl();
    }

    /** The stored log of a workspace, from its first entry. */
    public List<MembershipEntry> log(WorkspaceId workspace) throws SQLException {
        List<MembershipEntry> entries = new ArrayList<>();
        try (Connection db = connect();
             PreparedStatement query = db.prepareStatement(
                     "SELECT entry FROM membership_entries WHERE workspace_id = ? ORDER BY sequence")) {
            query.setBytes(1, workspace.toBytes());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    entries.add(parse(rows.getBytes(1)));
                }
            }
        }
        return entries;
    }

    /** Appends an entry the server never checked, as the next of the stored log. */
    public void append(WorkspaceId workspace, MembershipEntry entry) throws SQLException {
        try (Connection db = connect()) {
            db.setAutoCommit(false);
            try (PreparedStatement insert = db.prepareStatement(
                    "INSERT INTO membership_entries (workspace_id, sequence, entry) VALUES (?, ?, ?)")) {
                insert.setBytes(1, workspace.toBytes());
                insert.setLong(2, entry.sequence());
                insert.setBytes(3, entry.encode());
                insert.executeUpdate();
            }
            moveHead(db, workspace);
            db.commit();
        }
    }

    /** Replaces the stored entry at {@code entry.sequence()} with {@code entry} (a fork, or putting it back). */
    public void replace(WorkspaceId workspace, MembershipEntry entry) throws SQLException {
        try (Connection db = connect()) {
            db.setAutoCommit(false);
            try (PreparedStatement update = db.prepareStatement(
                    "UPDATE membership_entries SET entry = ? WHERE workspace_id = ? AND sequence = ?")) {
                update.setBytes(1, entry.encode());
                update.setBytes(2, workspace.toBytes());
                update.setLong(3, entry.sequence());
                if (update.executeUpdate() != 1) {
                    throw new IllegalStateException("no stored entry " + entry.sequence());
                }
            }
            moveHead(db, workspace);
            db.commit();
        }
    }

    /** Drops every stored entry from {@code length} on: the log as it was when it was that long. */
    public void truncate(WorkspaceId workspace, long length) throws SQLException {
        try (Connection db = connect()) {
            db.setAutoCommit(false);
            try (PreparedStatement delete = db.prepareStatement(
                    "DELETE FROM membership_entries WHERE workspace_id = ? AND sequence >= ?")) {
                delete.setBytes(1, workspace.toBytes());
                delete.setLong(2, length);
                delete.executeUpdate();
            }
            moveHead(db, workspace);
            db.commit();
        }
    }

    /** Puts back entries taken away before (after a rollback): the stored log is then whole again. */
    public void restore(WorkspaceId workspace, List<MembershipEntry> whole) throws SQLException {
        truncate(workspace, 0);
        for (MembershipEntry entry : whole) {
            append(workspace, entry);
        }
    }

    /** The identity the account directory holds for an account: what {@code GET /api/users/...} presents. */
    public PublicIdentity registeredIdentity(AccountId account) throws SQLException, InvalidPublicKeyException {
        try (Connection db = connect();
             PreparedStatement query = db.prepareStatement("SELECT identity_signing_key, identity_agreement_key"
                     + " FROM accounts WHERE account_id = ?")) {
            query.setBytes(1, account.toBytes());
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    throw new IllegalStateException("no account " + account);
                }
                return new PublicIdentity(Ed25519PublicKey.fromBytes(rows.getBytes(1)),
                        X25519PublicKey.fromBytes(rows.getBytes(2)));
            }
        }
    }

    /** Swaps the identity the directory presents for an account, as a server posing as that person would. */
    public void swapIdentity(AccountId account, PublicIdentity presented) throws SQLException {
        try (Connection db = connect();
             PreparedStatement update = db.prepareStatement("UPDATE accounts SET identity_signing_key = ?,"
                     + " identity_agreement_key = ? WHERE account_id = ?")) {
            update.setBytes(1, presented.signingKey().toBytes());
            update.setBytes(2, presented.agreementKey().toBytes());
            update.setBytes(3, account.toBytes());
            if (update.executeUpdate() != 1) {
                throw new IllegalStateException("no account " + account);
            }
        }
    }

    /** A stored key envelope: for whom, which epoch, and the bytes. */
    public record StoredEnvelope(WorkspaceId workspace, int epoch, AccountId recipient, byte[] envelope) {
        public KeyEnvelope parsed() throws InvalidMessageException {
            return KeyEnvelope.parse(envelope);
        }
    }

    /** Every stored key envelope, in every workspace. */
    public List<StoredEnvelope> envelopes() throws SQLException {
        List<StoredEnvelope> envelopes = new ArrayList<>();
        try (Connection db = connect();
             PreparedStatement query = db.prepareStatement("SELECT workspace_id, epoch, recipient_account_id,"
                     + " envelope FROM key_envelopes ORDER BY workspace_id, epoch");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                envelopes.add(new StoredEnvelope(WorkspaceId.fromBytes(rows.getBytes(1)), rows.getInt(2),
                        AccountId.fromBytes(rows.getBytes(3)), rows.getBytes(4)));
            }
        }
        return envelopes;
    }

    /** Every stored envelope addressed to {@code recipient}, in any workspace. */
    public List<StoredEnvelope> envelopesTo(AccountId recipient) throws SQLException {
        return envelopes().stream().filter(e -> e.recipient().equals(recipient)).toList();
    }

    /** Makes the server hand {@code recipient} these bytes as their key envelope for {@code epoch}. */
    public void replaceEnvelope(WorkspaceId workspace, int epoch, AccountId recipient, byte[] envelope)
            throws SQLException {
        try (Connection db = connect();
             PreparedStatement update = db.prepareStatement("UPDATE key_envelopes SET envelope = ?"
                     + " WHERE workspace_id = ? AND epoch = ? AND recipient_account_id = ?")) {
            update.setBytes(1, envelope);
            update.setBytes(2, workspace.toBytes());
            update.setInt(3, epoch);
            update.setBytes(4, recipient.toBytes());
            if (update.executeUpdate() != 1) {
                throw new IllegalStateException("no envelope of epoch " + epoch + " for " + recipient);
            }
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl);
    }

    /** Keeps the server's summary of the log (its length and head) in step with the rows, as the server would. */
    private static void moveHead(Connection db, WorkspaceId workspace) throws SQLException {
        long length = 0;
        byte[] head = new byte[32];
        try (PreparedStatement query = db.prepareStatement(
                "SELECT sequence, entry FROM membership_entries WHERE workspace_id = ? ORDER BY sequence")) {
            query.setBytes(1, workspace.toBytes());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    length = rows.getLong(1) + 1;
                    head = parse(rows.getBytes(2)).hash();
                }
            }
        }
        try (PreparedStatement update = db.prepareStatement(
                "UPDATE workspaces SET log_length = ?, head_hash = ? WHERE id = ?")) {
            update.setLong(1, length);
            update.setBytes(2, head);
            update.setBytes(3, workspace.toBytes());
            update.executeUpdate();
        }
    }

    private static MembershipEntry parse(byte[] bytes) {
        try {
            return MembershipEntry.parse(bytes);
        } catch (InvalidMessageException e) {
            throw new IllegalStateException("the database holds an entry that does not parse", e);
        }
    }
}
