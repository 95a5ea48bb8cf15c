package dev.vellum.server.account;

import dev.vellum.crypto.agree.X25519PublicKey;
import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.crypto.sign.Ed25519PublicKey;
import dev.vellum.error.InvalidPublicKeyException;
import dev.vellum.error.InvalidUsernameException;
import dev.vellum.protocol.account.Username;
import dev.vellum.protocol.id.AccountId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Conversions between columns and typed values, shared by the account and workspace repositories. */
public final class SqlValues {
    private SqlValues() {
    }

    static long count(Connection connection, String sql, AccountId accountId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setBytes(1, accountId.toBytes());
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    public static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    public static Instant instant(ResultSet rows, int column) throws SQLException {
        return rows.getObject(column, OffsetDateTime.class).toInstant();
    }

    public static Instant instantOrNull(ResultSet rows, int column) throws SQLException {
        OffsetDateTime time = rows.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    /** What the server wrote itself; failing to read it back means the database was changed under it. */
    public static Username username(String stored) throws SQLException {
        try {
            return Username.parse(stored);
        } catch (InvalidUsernameException e) {
            throw new SQLException("a stored username is not in normal form", e);
        }
    }

    static Ed25519PublicKey signingKey(byte[] stored) throws SQLException {
        try {
            return Ed25519PublicKey.fromBytes(stored);
        } catch (InvalidPublicKeyException e) {
            throw new SQLException("a stored device key is not a public key", e);
        }
    }

    public static PublicIdentity identity(byte[] signing, byte[] agreement) throws SQLException {
        try {
            return new PublicIdentity(Ed25519PublicKey.fromBytes(signing), X25519PublicKey.fromBytes(agreement));
        } catch (InvalidPublicKeyException e) {
            throw new SQLException("a stored identity key is not a public key", e);
        }
    }
}
