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
 * changes are new migrations; an existing database is upgraded in place, never recreated. The same scripts run on
 * H2 (the default, embedded) and on PostgreSQL: they and every statement of the repositories keep to SQL both
 * accept, and the one vendor code the repositories look at is the standard SQLSTATE 23505 (unique violation).
 * Blocking: call off the event loop. It survives the database closing underneath it (H2 closes itself after an
 * OutOfMemoryError or a failed write): broken connections are evicted rather than lent again, and a new one opens
 * the database anew.
 */
public final class Database implements AutoCloseable {
    /** How long checking a borrowed connection may take; for embedded H2 it is a flag lookup. */
    private static final int VALIDATION_SECONDS = 2;
    /**
     * The fewest connections the pool opens: Flyway on PostgreSQL migrates on a second connection while the first
     * holds its lock, so a pool of one waited 30 seconds for itself and failed.
     */
    private static final int MIN_POOL_SIZE = 2;
    /** Statements whose parsed form each H2 connection keeps (see {@link #withQueryCache}). */
    static final int QUERY_CACHE_SIZE = 64;

    private final HikariDataSource dataSource;
    private final int poolSize;
    private final boolean shared;

    private Database(HikariDataSource dataSource, int poolSize, boolean shared) {
        this.dataSource = dataSource;
        this.poolSize = poolSize;
        this.shared = shared;
    }

    /** A database only this process writes to (see {@link #open(String, String, int, boolean)}). */
    public static Database open(String jdbcUrl, int poolSize) throws SQLException {
        return open(jdbcUrl, null, poolSize, false);
    }

    /**
     * @param jdbcUrl H2 ({@code jdbc:h2:...}) or PostgreSQL ({@code jdbc:postgresql://host/database?user=...}); the
     *                same migrations run on both
     * @param password the database password, or null for none or one the URL holds; kept by the pool, never logged
     * @param requestedPoolSize connections to keep; at least {@link #MIN_POOL_SIZE}
     * @param shared whether other processes may write to it too: the nodes of a cluster ({@code --cluster}), and any
     *               database another process can open ({@link SharedDatabases}). Only a database this process alone
     *               writes keeps what it read (the notes' latest revisions)
     */
    public static Database open(String jdbcUrl, String password, int requestedPoolSize, boolean shared)
            throws SQLException {
        int poolSize = Math.max(requestedPoolSize, MIN_POOL_SIZE);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(withBatchedInserts(withQueryCache(jdbcUrl)));
        if (password != null) {
            config.setPassword(password);
        }
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
        return new Database(dataSource, poolSize, shared);
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
     * PostgreSQL's driver sends a batch of inserts (a group commit's items, {@code GroupWrites}) as one statement per
     * row unless told to rewrite them into multi-row inserts: one round trip and one parse for the group. Nothing
     * reads a batch's update counts (which the rewrite reports as unknown), and a unique violation still fails the
     * batch with SQLSTATE 23505. A URL that sets it either way, or that is not PostgreSQL, is left as it is.
     */
    static String withBatchedInserts(String jdbcUrl) {
        if (!jdbcUrl.startsWith("jdbc:postgresql:")
                || jdbcUrl.toLowerCase(Locale.ROOT).contains("rewritebatchedinserts")) {
            return jdbcUrl;
        }
        return jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
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

    /**
     * Whether other processes (other nodes of a cluster) may write to this database too: then nothing read from it
     * may be kept in memory as the truth for the next transaction.
     */
    public boolean shared() {
        return shared;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
