package dev.vellum.server.account;

import dev.vellum.crypto.hash.Sha256;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.protocol.account.LoginChallenge;
import dev.vellum.protocol.id.AccountId;
import dev.vellum.server.account.LoginChallenges.Kind;
import dev.vellum.server.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The challenges handed out by login and recovery starts, each waiting for its device's signature, in the database
 * ({@code login_challenges}) so that every node sharing it can finish a login another node started. Single-use
 * (taken out on the first finish, whatever its outcome, by one {@code DELETE} whose row count says which of two
 * finishes racing on two nodes took it), bound to the account and to the kind of start that made it, and valid for
 * {@link #VALIDITY}. Rows are found by the SHA-256 of the challenge: the table gives no challenge to sign, and the
 * index lookup compares hashes, never the challenge itself, so its timing tells nothing of one.
 *
 * <p>Bounded two ways: an account has at most {@link #MAX_PER_ACCOUNT} waiting (its own oldest goes to make room, so
 * starting logins over and over costs nobody else anything), and all accounts together at most
 * {@link #MAX_OUTSTANDING}. When that is reached, a new start is refused with the wait until the oldest expires:
 * another account's unexpired challenge is never dropped, so filling the store takes thousands of accounts (each
 * start needs the account's passphrase, and {@link LoginLimits} counts starts per address) and cancels nobody's
 * login under way. The counts are read, not locked: starts running at the same instant (at most the database
 * workers of every node) may each pass them, so the bounds hold give or take that many. Expired rows are deleted by
 * every start. Blocking: {@link LoginChallenges} runs it on the database workers.
 */
public final class JdbcLoginChallenges {
    public static final Duration VALIDITY = Duration.ofSeconds(60);
    public static final int MAX_OUTSTANDING = 10_000;
    /** A person logging in on two or three devices at once; more only cancels their own earlier starts. */
    public static final int MAX_PER_ACCOUNT = 3;

    private final Database database;
    private final RandomSource random;
    private final Clock clock;
    private final int maxOutstanding;

    public JdbcLoginChallenges(Database database, RandomSource random, Clock clock) {
        this(database, random, clock, MAX_OUTSTANDING);
    }

    JdbcLoginChallenges(Database database, RandomSource random, Clock clock, int maxOutstanding) {
        this.database = database;
        this.random = random;
        this.clock = clock;
        this.maxOutstanding = maxOutstanding;
    }

    /**
     * @throws ApiError {@code rate-limited}, with the wait until the oldest challenge expires, when all accounts
     *                  together have {@link #MAX_OUTSTANDING} waiting and this account has none of its own to give up
     */
    public LoginChallenge issue(AccountId accountId, Kind kind) throws ApiError, SQLException {
        Instant now = clock.instant();
        try (Connection connection = database.connection()) {
            deleteExpired(connection, now);
            List<byte[]> own = ownOldestFirst(connection, accountId);
            long total = count(connection);
            int toDrop = Math.max(own.size() - MAX_PER_ACCOUNT + 1, !own.isEmpty() && total >= maxOutstanding ? 1 : 0);
            if (toDrop > 0) {
                for (byte[] hash : own.subList(0, Math.min(toDrop, own.size()))) {
                    delete(connection, hash); // only ever this account's own
                }
            } else if (total >= maxOutstanding) {
                throw ApiError.rateLimited(secondsUntilOldestExpires(connection, now));
            }
            LoginChallenge challenge = LoginChallenge.random(random);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO login_challenges "
                    + "(challenge_hash, account_id, kind, expires_at) VALUES (?, ?, ?, ?)")) {
                insert.setBytes(1, hash(challenge.toBytes()));
                insert.setBytes(2, accountId.toBytes());
                insert.setShort(3, code(kind));
                insert.setObject(4, SqlValues.utc(now.plus(VALIDITY)));
                insert.executeUpdate();
            }
            return challenge;
        }
    }

    /**
     * Takes the challenge out and returns its account, if it was issued for {@code kind} and has not expired. Of
     * finishes presenting one challenge at once, on one node or several, only the one whose {@code DELETE} removed
     * the row may use it.
     *
     * @throws ApiError {@code challenge-expired} if it is unknown, used, expired or of the other kind
     */
    public AccountId take(byte[] challenge, Kind kind) throws ApiError, SQLException {
        Instant now = clock.instant();
        byte[] hash = hash(challenge);
        try (Connection connection = database.connection()) {
            AccountId accountId;
            short storedKind;
            Instant expiresAt;
            try (PreparedStatement query = connection.prepareStatement("SELECT account_id, kind, expires_at "
                    + "FROM login_challenges WHERE challenge_hash = ?")) {
                query.setBytes(1, hash);
                try (ResultSet rows = query.executeQuery()) {
                    if (!rows.next()) {
                        throw ApiError.challengeExpired();
                    }
                    accountId = AccountId.fromBytes(rows.getBytes(1));
                    storedKind = rows.getShort(2);
                    expiresAt = SqlValues.instant(rows, 3);
                }
            }
            // The row never changes once written, so what was read is the row this DELETE removes, if any.
            if (delete(connection, hash) != 1 || storedKind != code(kind) || now.isAfter(expiresAt)) {
                throw ApiError.challengeExpired();
            }
            return accountId;
        }
    }

    /** Challenges waiting now, expired ones not yet deleted included: for tests. */
    long outstanding() throws SQLException {
        try (Connection connection = database.connection()) {
            return count(connection);
        }
    }

    private static byte[] hash(byte[] challenge) {
        return Sha256.hash(challenge);
    }

    private static short code(Kind kind) {
        return switch (kind) {
            case LOGIN -> 1;
            case RECOVERY -> 2;
        };
    }

    private static void deleteExpired(Connection connection, Instant now) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM login_challenges WHERE expires_at < ?")) {
            delete.setObject(1, SqlValues.utc(now));
            delete.executeUpdate();
        }
    }

    private static List<byte[]> ownOldestFirst(Connection connection, AccountId accountId) throws SQLException {
        List<byte[]> own = new ArrayList<>(MAX_PER_ACCOUNT);
        try (PreparedStatement query = connection.prepareStatement("SELECT challenge_hash FROM login_challenges "
                + "WHERE account_id = ? ORDER BY issue_order")) {
            query.setBytes(1, accountId.toBytes());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    own.add(rows.getBytes(1));
                }
            }
        }
        return own;
    }

    private static long count(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT COUNT(*) FROM login_challenges");
             ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static long secondsUntilOldestExpires(Connection connection, Instant now) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT MIN(expires_at) FROM login_challenges");
             ResultSet rows = query.executeQuery()) {
            rows.next();
            Instant oldest = SqlValues.instantOrNull(rows, 1);
            long millis = oldest == null ? 0 : Duration.between(now, oldest).toMillis();
            return Math.max(1, (millis + 999) / 1000);
        }
    }

    /** @return the rows deleted: 1, or 0 if another finish (on any node) deleted it first */
    private static int delete(Connection connection, byte[] hash) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM login_challenges WHERE challenge_hash = ?")) {
            delete.setBytes(1, hash);
            return delete.executeUpdate();
        }
    }
}
