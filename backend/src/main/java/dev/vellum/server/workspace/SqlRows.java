package dev.vellum.server.workspace;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Small queries the workspace repositories share. */
final class SqlRows {
    /** SQLSTATE 23505, unique violation: a racing request stored the same key first. */
    static final String UNIQUE_VIOLATION = "23505";

    private SqlRows() {
    }

    static boolean exists(Connection connection, String sql, byte[] key) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setBytes(1, key);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    static long count(Connection connection, String sql, byte[] key) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setBytes(1, key);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** The first column of every row, as bytes, for {@code keys} bound in order. */
    static List<byte[]> blobs(Connection connection, String sql, Object... keys) throws SQLException {
        List<byte[]> found = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < keys.length; i++) {
                query.setObject(i + 1, keys[i]);
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getBytes(1));
                }
            }
        }
        return found;
    }
}
