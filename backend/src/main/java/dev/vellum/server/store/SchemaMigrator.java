package dev.vellum.server.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Brings the schema up to date with versioned SQL scripts, recorded in {@code schema_version}. Schema changes are
 * new migrations appended to {@link #MIGRATIONS}; an existing database is upgraded in place, never recreated.
 */
final class SchemaMigrator {
    static final List<Migration> MIGRATIONS = List.of(
            new Migration(1, "create note revisions", "db/migration/V1__create_note_revisions.sql"),
            new Migration(2, "create note items and author chains", "db/migration/V2__create_note_items.sql"),
            new Migration(3, "index snapshots by coverage", "db/migration/V3__index_snapshots_by_coverage.sql"));

    private SchemaMigrator() {
    }

    /**
     * Applies every migration newer than the database's version, each in its own transaction. H2 and PostgreSQL
     * differ here: H2 commits each DDL statement at once, so a migration that fails halfway leaves its earlier
     * statements applied (and unrecorded); keep migrations to one DDL statement, or idempotent.
     */
    static int migrate(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                    + "version INTEGER PRIMARY KEY, description VARCHAR(200) NOT NULL, "
                    + "applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
        }
        int current = currentVersion(connection);
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            for (Migration migration : MIGRATIONS) {
                if (migration.version() > current) {
                    apply(connection, migration);
                    current = migration.version();
                }
            }
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        return current;
    }

    static int currentVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static void apply(Connection connection, Migration migration) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements(read(migration.resource()))) {
                statement.execute(sql);
            }
            try (PreparedStatement record = connection.prepareStatement(
                    "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, CURRENT_TIMESTAMP)")) {
                record.setInt(1, migration.version());
                record.setString(2, migration.description());
                record.executeUpdate();
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw new SQLException("migration " + migration.version() + " (" + migration.description() + ") failed",
                    e);
        }
    }

    /** Splits a script on semicolons after dropping comment lines; migrations contain no string literals. */
    private static List<String> statements(String script) {
        StringBuilder withoutComments = new StringBuilder();
        for (String line : script.split("\n")) {
            if (!line.trim().startsWith("--")) {
                withoutComments.append(line).append('\n');
            }
        }
        return java.util.Arrays.stream(withoutComments.toString().split(";"))
                .map(String::trim)
                .filter(sql -> !sql.isEmpty())
                .toList();
    }

    private static String read(String resource) {
        try (InputStream in = SchemaMigrator.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing migration resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
