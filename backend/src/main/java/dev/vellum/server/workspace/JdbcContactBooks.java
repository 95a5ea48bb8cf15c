package dev.vellum.server.workspace;

import dev.vellum.protocol.id.AccountId;
import dev.vellum.server.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Contact books in the database (schema V8): one sealed book per account, replaced by compare and set on its
 * revision. Blocking: {@link WorkspaceStore} runs it on the database workers.
 */
final class JdbcContactBooks {
    private final Database database;

    JdbcContactBooks(Database database) {
        this.database = database;
    }

    /** A stored contact book and its revision. */
    record ContactBook(long revision, byte[] book) {
    }

    Optional<ContactBook> contactBook(AccountId account) throws SQLException {
        try (Connection connection = database.connection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT revision, book FROM contact_books WHERE account_id = ?")) {
            query.setBytes(1, account.toBytes());
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(new ContactBook(rows.getLong(1), rows.getBytes(2)))
                        : Optional.empty();
            }
        }
    }

    /**
     * Replaces the book if its stored revision is {@code expected} (0: none stored yet), compare and set; the new
     * revision, or empty when another save came first.
     */
    OptionalLong saveContactBook(AccountId account, long expected, byte[] book) throws SQLException {
        try (Connection connection = database.connection()) {
            if (expected == 0) {
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO contact_books (account_id, revision, book) VALUES (?, 1, ?)")) {
                    insert.setBytes(1, account.toBytes());
                    insert.setBytes(2, book);
                    insert.executeUpdate();
                    return OptionalLong.of(1);
                } catch (SQLException e) {
                    if (SqlRows.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                        return OptionalLong.empty();
                    }
                    throw e;
                }
            }
            try (PreparedStatement update = connection.prepareStatement("UPDATE contact_books SET revision = ?, "
                    + "book = ? WHERE account_id = ? AND revision = ?")) {
                update.setLong(1, expected + 1);
                update.setBytes(2, book);
                update.setBytes(3, account.toBytes());
                update.setLong(4, expected);
                return update.executeUpdate() == 1 ? OptionalLong.of(expected + 1) : OptionalLong.empty();
            }
        }
    }
}
