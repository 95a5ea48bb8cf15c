package dev.vellum.server.account;

import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.crypto.sign.Ed25519PublicKey;
import dev.vellum.protocol.account.AccountSalt;
import dev.vellum.protocol.account.SessionSecret;
import dev.vellum.protocol.account.Username;
import dev.vellum.protocol.id.AccountId;
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
 * Accounts and devices in the database (schemas V6, V7): public keys, sealed bundles, hashes of authentication keys,
 * device certificates and revocations, and the names of deleted accounts, which stay taken. A sign-up, login,
 * revocation or deletion changes sessions in the same transaction, through {@link JdbcSessionRepository}'s steps.
 * Blocking: {@link AccountStore} runs it on the database workers.
 */
public final class JdbcAccountRepository {
    /** SQLSTATE 23505, unique violation: a racing sign-up took the name, or a key is already registered. */
    private static final String UNIQUE_VIOLATION = "23505";
    /** Unrevoked devices an account may have; a new one past this is refused until one is revoked. */
    public static final int MAX_DEVICES = 50;

    private static final String ACCOUNT_COLUMNS = "account_id, username, salt, auth_key_hash, "
            + "recovery_auth_key_hash, identity_signing_key, identity_agreement_key, passphrase_bundle, "
            + "recovery_bundle";

    private final Database database;

    public JdbcAccountRepository(Database database) {
        this.database = database;
    }

    /** A new session's token hash and secret, stored with the device that starts it. */
    public record NewSession(byte[] tokenHash, SessionSecret secret) {
    }

    /** New passphrase material: salt, the new authentication key's hash, the keys sealed under the new passphrase. */
    public record PassphraseChange(AccountSalt salt, byte[] authKeyHash, byte[] passphraseBundle) {
    }

    public enum SignUpOutcome { CREATED, USERNAME_TAKEN, ACCOUNT_ID_TAKEN, DEVICE_TAKEN }

    public enum SessionOutcome { STARTED, NO_ACCOUNT, DEVICE_REVOKED, DEVICE_OF_ANOTHER_ACCOUNT, TOO_MANY_DEVICES }

    /**
     * How a session start went, and which other sessions it ended (the oldest past {@link #MAX_SESSIONS}, and on a
     * recovery every other session of the account), so their sockets can be closed.
     */
    public record SessionStart(SessionOutcome outcome, List<SessionEvents.Ended> ended) {
        public SessionStart {
            ended = List.copyOf(ended);
        }

        static SessionStart refused(SessionOutcome outcome) {
            return new SessionStart(outcome, List.of());
        }
    }

    /** Where a device stands, for checking the items it signs. */
    public record DeviceStanding(AccountId accountId, String username, PublicIdentity identity, boolean revoked) {
    }

    /**
     * The secret named {@code name}, made from {@code random} the first time and kept for good, so that what it
     * keys stays the same across restarts and on every node.
     */
    public byte[] serverSecret(String name, RandomSource random) throws SQLException {
        try (Connection connection = database.connection()) {
            byte[] existing = readSecret(connection, name);
            if (existing != null) {
                return existing;
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO server_secrets (name, secret) VALUES (?, ?)")) {
                insert.setString(1, name);
                insert.setBytes(2, random.randomBytes(32));
                insert.executeUpdate();
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
                // Another node made it first: use theirs.
            }
            byte[] made = readSecret(connection, name);
            if (made == null) {
                throw new SQLException("server secret " + name + " vanished after it was written");
            }
            return made;
        }
    }

    private static byte[] readSecret(Connection connection, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT secret FROM server_secrets WHERE name = ?")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getBytes(1) : null;
            }
        }
    }

    public Optional<AccountRecord> findById(AccountId accountId) throws SQLException {
        try (Connection connection = database.connection()) {
            return findAccount(connection, "account_id = ?", accountId.toBytes());
        }
    }

    /**
     * What checking an authentication key needs: the account's id and its keys' stored hashes, read without
     * decoding the rest of the record (public keys), so that a known username costs no more than an unknown one.
     */
    public record StoredCredentials(AccountId accountId, byte[] authKeyHash, byte[] recoveryAuthKeyHash) {
    }

    public Optional<StoredCredentials> credentials(Username username) throws SQLException {
        return credentials("username = ?", username.value());
    }

    public Optional<StoredCredentials> credentials(AccountId accountId) throws SQLException {
        return credentials("account_id = ?", accountId.toBytes());
    }

    private Optional<StoredCredentials> credentials(String where, Object key) throws SQLException {
        try (Connection connection = database.connection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT account_id, auth_key_hash, recovery_auth_key_hash FROM accounts WHERE " + where)) {
            query.setObject(1, key);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(new StoredCredentials(AccountId.fromBytes(rows.getBytes(1)),
                        rows.getBytes(2), rows.getBytes(3))) : Optional.empty();
            }
        }
    }

    /** The account's salt alone, for the salt request: nothing else of the record is read or decoded. */
    public Optional<AccountSalt> salt(Username username) throws SQLException {
        try (Connection connection = database.connection();
             PreparedStatement query = connection.prepareStatement("SELECT salt FROM accounts WHERE username = ?")) {
            query.setString(1, username.value());
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(AccountSalt.fromBytes(rows.getBytes(1))) : Optional.empty();
            }
        }
    }

    private static Optional<AccountRecord> findAccount(Connection connection, String where, Object key)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT " + ACCOUNT_COLUMNS + " FROM accounts WHERE " + where)) {
            query.setObject(1, key);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new AccountRecord(
                        AccountId.fromBytes(rows.getBytes(1)),
                        SqlValues.username(rows.getString(2)),
                        AccountSalt.fromBytes(rows.getBytes(3)),
                        rows.getBytes(4),
                        rows.getBytes(5),
                        SqlValues.identity(rows.getBytes(6), rows.getBytes(7)),
                        rows.getBytes(8),
                        rows.getBytes(9)));
            }
        }
    }

    /** Stores a new account with its first device and session, all or nothing. */
    public SignUpOutcome signUp(AccountRecord account, DeviceRecord device, NewSession session, Instant now)
            throws SQLException {
        try (Connection connection = database.connection()) {
            connection.setAutoCommit(false);
            try {
                SignUpOutcome taken = taken(connection, account, device);
                if (taken != null) {
                    connection.rollback();
                    return taken;
                }
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO accounts ("
                        + ACCOUNT_COLUMNS + ", created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    insert.setBytes(1, account.id().toBytes());
                    insert.setString(2, account.username().value());
                    insert.setBytes(3, account.salt().toBytes());
                    insert.setBytes(4, account.authKeyHash());
                    insert.setBytes(5, account.recoveryAuthKeyHash());
                    insert.setBytes(6, account.identity().signingKey().toBytes());
                    insert.setBytes(7, account.identity().agreementKey().toBytes());
                    insert.setBytes(8, account.passphraseBundle());
                    insert.setBytes(9, account.recoveryBundle());
                    insert.setObject(10, SqlValues.utc(now));
                    insert.executeUpdate();
                }
                insertDevice(connection, device);
                JdbcSessionRepository.insertSession(connection, account.id(), device.signingKey(), session, now);
                connection.commit();
                return SignUpOutcome.CREATED;
            } catch (SQLException e) {
                connection.rollback();
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    // A sign-up raced this one between the check and the insert; say which key it took.
                    SignUpOutcome taken = taken(connection, account, device);
                    if (taken != null) {
                        return taken;
                    }
                }
                throw e;
            }
        }
    }

    private static SignUpOutcome taken(Connection connection, AccountRecord account, DeviceRecord device)
            throws SQLException {
        // A deleted account's name and id stay taken: readers would show a newcomer as the one who left.
        if (exists(connection, "SELECT 1 FROM accounts WHERE username = ?", account.username().value())
                || exists(connection, "SELECT 1 FROM retired_accounts WHERE username = ?",
                        account.username().value())) {
            return SignUpOutcome.USERNAME_TAKEN;
        }
        if (exists(connection, "SELECT 1 FROM accounts WHERE account_id = ?", account.id().toBytes())
                || exists(connection, "SELECT 1 FROM retired_accounts WHERE account_id = ?",
                        account.id().toBytes())) {
            return SignUpOutcome.ACCOUNT_ID_TAKEN;
        }
        if (exists(connection, "SELECT 1 FROM devices WHERE device_signing_key = ?", device.signingKey().toBytes())) {
            return SignUpOutcome.DEVICE_TAKEN;
        }
        return null;
    }

    private static boolean exists(Connection connection, String sql, Object key) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setObject(1, key);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    /**
     * Starts a session on a device of the account after a login or recovery proof: registers the device if it is
     * new (unless the account has {@link #MAX_DEVICES} unrevoked ones), refuses it if it is revoked or another
     * account's, and with {@code change} (recovery) first replaces the passphrase material and ends every other
     * session of the account. Past {@link #MAX_SESSIONS}, the account's sessions unused longest end. All or nothing.
     *
     * @param certificate the identity key's certificate for the device, already verified against the account
     */
    public SessionStart startSession(AccountId accountId, Ed25519PublicKey device, byte[] certificate,
                                       NewSession session, PassphraseChange change, Instant now)
            throws SQLException {
        try {
            return startSessionOnce(accountId, device, certificate, session, change, now);
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            // Two logins of one new device raced to register it: the other did, so this one now finds it.
            return startSessionOnce(accountId, device, certificate, session, change, now);
        }
    }

    private SessionStart startSessionOnce(AccountId accountId, Ed25519PublicKey device, byte[] certificate,
                                            NewSession session, PassphraseChange change, Instant now)
            throws SQLException {
        try (Connection connection = database.connection()) {
            connection.setAutoCommit(false);
            try {
                if (!exists(connection, "SELECT 1 FROM accounts WHERE account_id = ?", accountId.toBytes())) {
                    connection.rollback();
                    return SessionStart.refused(SessionOutcome.NO_ACCOUNT);
                }
                Optional<DeviceRecord> known = findDevice(connection, device);
                if (known.isPresent() && !known.get().accountId().equals(accountId)) {
                    connection.rollback();
                    return SessionStart.refused(SessionOutcome.DEVICE_OF_ANOTHER_ACCOUNT);
                }
                if (known.isPresent() && known.get().revoked()) {
                    connection.rollback();
                    return SessionStart.refused(SessionOutcome.DEVICE_REVOKED);
                }
                if (known.isEmpty()) {
                    if (SqlValues.count(connection,
                            "SELECT COUNT(*) FROM devices WHERE account_id = ? AND revoked_at IS NULL",
                            accountId) >= MAX_DEVICES) {
                        connection.rollback();
                        return SessionStart.refused(SessionOutcome.TOO_MANY_DEVICES);
                    }
                    insertDevice(connection, new DeviceRecord(device, accountId, certificate, now, now, null));
                } else {
                    JdbcSessionRepository.touchDevice(connection, device, now);
                }
                List<SessionEvents.Ended> ended = new ArrayList<>();
                if (change != null) {
                    updatePassphrase(connection, accountId, change);
                    // Whoever holds the old passphrase, or a session opened with it, is locked out by a recovery.
                    ended.addAll(JdbcSessionRepository.deleteSessions(connection, "account_id = ?",
                            accountId.toBytes()));
                }
                JdbcSessionRepository.insertSession(connection, accountId, device, session, now);
                ended.addAll(JdbcSessionRepository.trimSessions(connection, accountId));
                connection.commit();
                return new SessionStart(SessionOutcome.STARTED, ended);
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private static void insertDevice(Connection connection, DeviceRecord device) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO devices (device_signing_key, "
                + "account_id, certificate, added_at, last_seen_at, revoked_at) VALUES (?, ?, ?, ?, ?, NULL)")) {
            insert.setBytes(1, device.signingKey().toBytes());
            insert.setBytes(2, device.accountId().toBytes());
            insert.setBytes(3, device.certificate());
            insert.setObject(4, SqlValues.utc(device.addedAt()));
            insert.setObject(5, SqlValues.utc(device.lastSeenAt()));
            insert.executeUpdate();
        }
    }

    /** The account's devices, revoked ones too, oldest first. */
    public List<DeviceRecord> devices(AccountId accountId) throws SQLException {
        try (Connection connection = database.connection();
             PreparedStatement query = connection.prepareStatement("SELECT device_signing_key, certificate, "
                     + "added_at, last_seen_at, revoked_at FROM devices WHERE account_id = ? "
                     + "ORDER BY added_at, device_signing_key")) {
            query.setBytes(1, accountId.toBytes());
            List<DeviceRecord> devices = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    devices.add(new DeviceRecord(SqlValues.signingKey(rows.getBytes(1)), accountId, rows.getBytes(2),
                            SqlValues.instant(rows, 3), SqlValues.instant(rows, 4), SqlValues.instantOrNull(rows, 5)));
                }
            }
            return devices;
        }
    }

    private static Optional<DeviceRecord> findDevice(Connection connection, Ed25519PublicKey device)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT account_id, certificate, added_at, "
                + "last_seen_at, revoked_at FROM devices WHERE device_signing_key = ?")) {
            query.setBytes(1, device.toBytes());
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new DeviceRecord(device, AccountId.fromBytes(rows.getBytes(1)), rows.getBytes(2),
                        SqlValues.instant(rows, 3), SqlValues.instant(rows, 4), SqlValues.instantOrNull(rows, 5)));
            }
        }
    }

    /**
     * Marks the account's device revoked and deletes its sessions, in one transaction.
     *
     * @return false if the account has no such device (revoking one already revoked is true, and changes nothing)
     */
    public boolean revokeDevice(AccountId accountId, Ed25519PublicKey device, Instant now) throws SQLException {
        try (Connection connection = database.connection()) {
            connection.setAutoCommit(false);
            try {
                Optional<DeviceRecord> known = findDevice(connection, device);
                if (known.isEmpty() || !known.get().accountId().equals(accountId)) {
                    connection.rollback();
                    return false;
                }
                try (PreparedStatement update = connection.prepareStatement("UPDATE devices SET revoked_at = ? "
                        + "WHERE device_signing_key = ? AND revoked_at IS NULL")) {
                    update.setObject(1, SqlValues.utc(now));
                    update.setBytes(2, device.toBytes());
                    update.executeUpdate();
                }
                try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM sessions WHERE device_signing_key = ?")) {
                    delete.setBytes(1, device.toBytes());
                    delete.executeUpdate();
                }
                connection.commit();
                return true;
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /**
     * Replaces the recovery key's authentication key hash and bundle: the old recovery key stops working.
     *
     * @return false if the account is gone
     */
    public boolean replaceRecoveryKey(AccountId accountId, byte[] recoveryAuthKeyHash, byte[] recoveryBundle)
            throws SQLException {
        try (Connection connection = database.connection();
             PreparedStatement update = connection.prepareStatement("UPDATE accounts SET recovery_auth_key_hash = ?, "
                     + "recovery_bundle = ? WHERE account_id = ?")) {
            update.setBytes(1, recoveryAuthKeyHash);
            update.setBytes(2, recoveryBundle);
            update.setBytes(3, accountId.toBytes());
            return update.executeUpdate() == 1;
        }
    }

    /** Replaces the salt, authentication key hash and passphrase bundle; the recovery material stays. */
    public void changePassphrase(AccountId accountId, PassphraseChange change) throws SQLException {
        try (Connection connection = database.connection()) {
            updatePassphrase(connection, accountId, change);
        }
    }

    private static void updatePassphrase(Connection connection, AccountId accountId, PassphraseChange change)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE accounts SET salt = ?, "
                + "auth_key_hash = ?, passphrase_bundle = ? WHERE account_id = ?")) {
            update.setBytes(1, change.salt().toBytes());
            update.setBytes(2, change.authKeyHash());
            update.setBytes(3, change.passphraseBundle());
            update.setBytes(4, accountId.toBytes());
            update.executeUpdate();
        }
    }

    /**
     * Deletes the account, its devices and its sessions (in one transaction), and keeps its username and id as
     * retired, never to be signed up again.
     */
    public void deleteAccount(AccountId accountId, Instant now) throws SQLException {
        try (Connection connection = database.connection()) {
            connection.setAutoCommit(false);
            try {
                try (PreparedStatement retire = connection.prepareStatement("INSERT INTO retired_accounts "
                        + "(account_id, username, retired_at) SELECT account_id, username, ? FROM accounts "
                        + "WHERE account_id = ?")) {
                    retire.setObject(1, SqlValues.utc(now));
                    retire.setBytes(2, accountId.toBytes());
                    retire.executeUpdate();
                }
                // In order, rather than by the schema's cascades alone, so it reads the same on any database.
                for (String table : new String[] {"sessions", "devices", "accounts"}) {
                    try (PreparedStatement delete = connection.prepareStatement(
                            "DELETE FROM " + table + " WHERE account_id = ?")) {
                        delete.setBytes(1, accountId.toBytes());
                        delete.executeUpdate();
                    }
                }
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** The device's account, that account's identity, and whether it is revoked; empty for an unknown device. */
    public Optional<DeviceStanding> deviceStanding(Ed25519PublicKey device) throws SQLException {
        try (Connection connection = database.connection();
             PreparedStatement query = connection.prepareStatement("SELECT d.account_id, a.identity_signing_key, "
                     + "a.identity_agreement_key, d.revoked_at, a.username FROM devices d "
                     + "JOIN accounts a ON a.account_id = d.account_id WHERE d.device_signing_key = ?")) {
            query.setBytes(1, device.toBytes());
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new DeviceStanding(AccountId.fromBytes(rows.getBytes(1)), rows.getString(5),
                        SqlValues.identity(rows.getBytes(2), rows.getBytes(3)),
                        SqlValues.instantOrNull(rows, 4) != null));
            }
        }
    }

}
