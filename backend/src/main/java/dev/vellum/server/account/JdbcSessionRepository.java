package dev.vellum.server.account;

import dev.vellum.crypto.sign.Ed25519PublicKey;
import dev.vellum.protocol.account.SessionSecret;
import dev.vellum.protocol.id.AccountId;
import dev.vellum.server.account.JdbcAccountRepository.NewSession;
import dev.vellum.server.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Login sessions in the database: found by the hash of their token, ended on logout, revocation, deletion or after
 * the idle limit, and trimmed to {@link #MAX_SESSIONS} an account. A live session's row holds its secret, which
 * opens the copy of a device's keys its browser keeps sealed under the session, so the database together with that
 * browser's disk opens them: sessions are deleted as soon as they end, idle ones by {@link #sweepIdleSessions}. The
 * static steps run inside {@link JdbcAccountRepository}'s transactions (sign-up, login, revocation, deletion).
 * Blocking: {@link AccountStore} runs it on the database workers.
 */
public final class JdbcSessionRepository {
    /** A session's last use and a device's last sight are written at most this often. */
    static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);
    /** Sessions an account may have at once; a new one past this ends the one unused longest. */
    public static final int MAX_SESSIONS = 100;

    private final Database database;
    private final Duration sessionIdle;

    /** @param sessionIdle a session unused this long has ended; it is deleted when presented or swept */
    public JdbcSessionRepository(Database database, Duration sessionIdle) {
        this.database = database;
        this.sessionIdle = sessionIdle;
    }

    /** Ends the account's sessions unused longest until it has {@link #MAX_SESSIONS}. */
    static List<SessionEvents.Ended> trimSessions(Connection connection, AccountId accountId)
            throws SQLException {
        long excess = SqlValues.count(connection, "SELECT COUNT(*) FROM sessions WHERE account_id = ?", accountId)
                - MAX_SESSIONS;
        if (excess <= 0) {
            return List.of();
        }
        List<byte[]> oldest = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT token_hash FROM sessions "
                + "WHERE account_id = ? ORDER BY last_used_at, created_at, token_hash LIMIT ?")) {
            query.setBytes(1, accountId.toBytes());
            query.setLong(2, excess);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    oldest.add(rows.getBytes(1));
                }
            }
        }
        List<SessionEvents.Ended> ended = new ArrayList<>();
        for (byte[] tokenHash : oldest) {
            ended.addAll(deleteSessions(connection, "token_hash = ?", tokenHash));
        }
        return ended;
    }

    /** Deletes the sessions {@code where} selects (one parameter) and says which they were. */
    static List<SessionEvents.Ended> deleteSessions(Connection connection, String where, Object key)
            throws SQLException {
        List<SessionEvents.Ended> ended = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT token_hash, account_id, device_signing_key FROM sessions WHERE " + where)) {
            query.setObject(1, key);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ended.add(new SessionEvents.Ended(AccountId.fromBytes(rows.getBytes(2)),
                            SqlValues.signingKey(rows.getBytes(3)), rows.getBytes(1)));
                }
            }
        }
        for (SessionEvents.Ended one : ended) {
            deleteSession(connection, one.tokenHash());
        }
        return ended;
    }

    static void insertSession(Connection connection, AccountId accountId, Ed25519PublicKey device,
                                      NewSession session, Instant now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO sessions (token_hash, account_id, "
                + "device_signing_key, session_secret, created_at, last_used_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setBytes(1, session.tokenHash());
            insert.setBytes(2, accountId.toBytes());
            insert.setBytes(3, device.toBytes());
            insert.setBytes(4, session.secret().toBytes());
            insert.setObject(5, SqlValues.utc(now));
            insert.setObject(6, SqlValues.utc(now));
            insert.executeUpdate();
        }
    }

    /**
     * The live session with this token hash, if any: its device is not revoked, its account exists, and it was used
     * within the idle limit (an idle one is deleted). Writes its last use and its device's last sight, each at most
     * once a {@link #TOUCH_INTERVAL}, so "last used" is up to a minute early and the limit that much stricter.
     */
    public Optional<ActiveSession> findSession(byte[] tokenHash, Instant now) throws SQLException {
        try (Connection connection = database.connection()) {
            ActiveSession found;
            Instant lastUsed;
            try (PreparedStatement query = connection.prepareStatement("SELECT s.account_id, a.username, "
                    + "s.device_signing_key, s.session_secret, s.last_used_at FROM sessions s "
                    + "JOIN accounts a ON a.account_id = s.account_id "
                    + "JOIN devices d ON d.device_signing_key = s.device_signing_key "
                    + "WHERE s.token_hash = ? AND d.revoked_at IS NULL")) {
                query.setBytes(1, tokenHash);
                try (ResultSet rows = query.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    found = new ActiveSession(tokenHash.clone(), AccountId.fromBytes(rows.getBytes(1)),
                            SqlValues.username(rows.getString(2)), SqlValues.signingKey(rows.getBytes(3)),
                            SessionSecret.fromBytes(rows.getBytes(4)));
                    lastUsed = SqlValues.instant(rows, 5);
                }
            }
            if (lastUsed.isBefore(now.minus(sessionIdle))) {
                deleteSession(connection, tokenHash);
                return Optional.empty();
            }
            if (lastUsed.isBefore(now.minus(TOUCH_INTERVAL))) {
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE sessions SET last_used_at = ? WHERE token_hash = ?")) {
                    update.setObject(1, SqlValues.utc(now));
                    update.setBytes(2, tokenHash);
                    update.executeUpdate();
                }
            }
            touchDevice(connection, found.device(), now);
            return Optional.of(found);
        }
    }

    /** Sets the device's last sight to {@code now} unless it was set less than a minute ago. */
    static void touchDevice(Connection connection, Ed25519PublicKey device, Instant now)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE devices SET last_seen_at = ? "
                + "WHERE device_signing_key = ? AND last_seen_at < ?")) {
            update.setObject(1, SqlValues.utc(now));
            update.setBytes(2, device.toBytes());
            update.setObject(3, SqlValues.utc(now.minus(TOUCH_INTERVAL)));
            update.executeUpdate();
        }
    }

    public void deleteSession(byte[] tokenHash) throws SQLException {
        try (Connection connection = database.connection()) {
            deleteSession(connection, tokenHash);
        }
    }

    /** Deletes the session with this token hash, whatever its state, and says whose it was (empty if none). */
    public Optional<SessionEvents.Ended> endSession(byte[] tokenHash) throws SQLException {
        try (Connection connection = database.connection()) {
            List<SessionEvents.Ended> ended = deleteSessions(connection, "token_hash = ?", tokenHash);
            return ended.isEmpty() ? Optional.empty() : Optional.of(ended.get(0));
        }
    }

    /**
     * Deletes every session unused for the idle limit, so that an abandoned session's secret does not stay in the
     * database until someone presents its cookie (which may be never).
     *
     * @return the sessions deleted, so that sockets still open on them close
     */
    public List<SessionEvents.Ended> sweepIdleSessions(Instant now) throws SQLException {
        try (Connection connection = database.connection()) {
            return deleteSessions(connection, "last_used_at < ?", SqlValues.utc(now.minus(sessionIdle)));
        }
    }

    static void deleteSession(Connection connection, byte[] tokenHash) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM sessions WHERE token_hash = ?")) {
            delete.setBytes(1, tokenHash);
            delete.executeUpdate();
        }
    }
}
