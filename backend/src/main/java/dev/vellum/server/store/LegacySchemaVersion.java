package dev.vellum.server.store;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Databases made before Flyway record their schema in {@code schema_version} (version, description, applied_at),
 * written by the hand-written migrator that applied V1 to V3. Such a database is adopted by baselining Flyway at the
 * version it records: Flyway then applies only what is newer, and V4 drops the old table. The scripts V1 to V3 are
 * the very ones that migrator ran, so a database adopted at 3 and one Flyway built from scratch are the same. An
 * explicit baseline, rather than Flyway's baselineOnMigrate, so that a non-empty schema without this table is
 * refused by Flyway instead of being taken for ours.
 */
final class LegacySchemaVersion {
    private static final String LEGACY_TABLE = "schema_version";
    private static final String FLYWAY_TABLE = "flyway_schema_history";

    private LegacySchemaVersion() {
    }

    /**
     * The version to baseline Flyway at: the highest the old migrator recorded, if it left its table and Flyway has
     * no history yet; else 0, nothing to adopt (a new database, or one Flyway already manages).
     */
    static int toAdopt(Connection connection) throws SQLException {
        if (!hasTable(connection, LEGACY_TABLE) || hasTable(connection, FLYWAY_TABLE)) {
            return 0;
        }
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COALESCE(MAX(version), 0) FROM " + LEGACY_TABLE)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** Whether the connection's current schema has the table, whatever case the database stores its name in. */
    private static boolean hasTable(Connection connection, String name) throws SQLException {
        DatabaseMetaData metadata = connection.getMetaData();
        try (ResultSet tables = metadata.getTables(connection.getCatalog(), connection.getSchema(), null,
                new String[] {"TABLE"})) {
            while (tables.next()) {
                if (name.equalsIgnoreCase(tables.getString("TABLE_NAME"))) {
                    return true;
                }
            }
        }
        return false;
    }
}
