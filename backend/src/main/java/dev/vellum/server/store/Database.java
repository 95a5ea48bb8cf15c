package dev.vellum.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * The connection pool, opened with the schema migrated to the latest version by Flyway, from the scripts in
 * {@code db/migration}. Schema changes are new scripts; an existing database is upgraded in place, never recreated.
 * Blocking: call off the event loop.
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource dataSource;

    private Database(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public static Database open(String jdbcUrl, int poolSize) throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("vellum-db");
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            migrate(dataSource);
        } catch (SQLException | RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new Database(dataSource);
    }

    /**
     * Adopts a database made before Flyway (see {@link LegacySchemaVersion}), then applies every newer script.
     *
     * @throws FlywayException if a script fails or one already applied was changed since
     */
    private static void migrate(HikariDataSource dataSource) throws SQLException {
        int legacyVersion;
        try (Connection connection = dataSource.getConnection()) {
            legacyVersion = LegacySchemaVersion.toAdopt(connection);
        }
        if (legacyVersion > 0) {
            flyway(dataSource)
                    .baselineVersion(String.valueOf(legacyVersion))
                    .baselineDescription("adopted from schema_version")
                    .load()
                    .baseline();
        }
        flyway(dataSource).load().migrate();
    }

    private static FluentConfiguration flyway(HikariDataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true);
    }

    /** The schema version Flyway has applied, for checks and tests. */
    String schemaVersion() {
        return flyway(dataSource).load().info().current().getVersion().getVersion();
    }

    Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
