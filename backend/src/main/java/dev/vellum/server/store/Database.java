package dev.vellum.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * The connection pool, opened with the schema migrated to the latest version by Flyway, from the scripts in
 * {@code db/migration} and the one migration written in Java ({@link ItemKeyEpochsMigration}, version 9). Schema
 * changes are new migrations; an existing database is upgraded in place, never recreated.
 * Blocking: call off the event loop. It survives the database closing underneath it (H2 closes itself after an
 * OutOfMemoryError or a failed write): broken connections are evicted rather than lent again, and a new one opens
 * the database anew.
 */
public final class Database implements AutoCloseable {
    /** How long checking a borrowed connection may take; for embedded H2 it is a flag lookup. */
    private static final int VALIDATION_SECONDS = 2;
    /** Statements whose parsed form each H2 connection keeps (see {@link #withQueryCache}). */
    static final int QUERY_CACHE_SIZE = 64;

    private final HikariDataSource dataSource;
    private final int poolSize;

    private Database(HikariDataSource dataSource, int poolSize) {
        this.dataSource = dataSource;
        this.poolSize = poolSize;
    }

    public static Database open(String jdbcUrl, int poolSize) throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(withQueryCache(jdbcUrl));
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("vellum-db");
        config.setExceptionOverrideClassName(BrokenConnectionEviction.class.getName());
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            migrate(dataSource);
        } catch (SQLException | RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new Database(dataSource, poolSize);
    }

    /**
     * H2 keeps the parsed form of each connection's last {@code QUERY_CACHE_SIZE} statements, 8 unless the URL says
     * otherwise; an append alone uses about ten, so each was parsed anew every time (JFR: preparing statements was a
     * tenth of the database threads' samples under the relay benchmark). Only the parse cache: nothing about how or
     * when data is written changes. A URL that sets it, or that is not embedded H2, is left as it is.
     */
    static String withQueryCache(String jdbcUrl) {
        if (!jdbcUrl.startsWith("jdbc:h2:") || jdbcUrl.toUpperCase(Locale.ROOT).contains("QUERY_CACHE_SIZE")
                || jdbcUrl.startsWith("jdbc:h2:tcp:") || jdbcUrl.startsWith("jdbc:h2:ssl:")) {
            return jdbcUrl;
        }
        return jdbcUrl + ";QUERY_CACHE_SIZE=" + QUERY_CACHE_SIZE;
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
                .javaMigrations(new ItemKeyEpochsMigration())
                .failOnMissingLocations(true);
    }

    /** The schema version Flyway has applied, for checks and tests. */
    String schemaVersion() {
        return flyway(dataSource).load().info().current().getVersion().getVersion();
    }

    /**
     * A working connection. HikariCP checks a connection only when it has been idle for a while, so one that broke
     * a moment ago (the database closed under it) would be lent out, fail, and go back to the pool; each is checked
     * here and thrown away if broken, so the next request after a storage failure works.
     */
    public Connection connection() throws SQLException {
        for (int attempt = 0; ; attempt++) {
            Connection connection = dataSource.getConnection();
            boolean valid;
            try {
                valid = connection.isValid(VALIDATION_SECONDS);
            } catch (SQLException e) {
                valid = false;
            }
            if (valid || attempt > poolSize) {
                return connection;
            }
            dataSource.evictConnection(connection);
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
