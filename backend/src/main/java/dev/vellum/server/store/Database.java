package dev.vellum.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The connection pool, opened with the schema migrated to the latest version. Blocking: call off the event loop.
 * It survives the database closing underneath it (H2 closes itself after an OutOfMemoryError or a failed write):
 * broken connections are evicted rather than lent again, and a new one opens the database anew.
 */
public final class Database implements AutoCloseable {
    /** How long checking a borrowed connection may take; for embedded H2 it is a flag lookup. */
    private static final int VALIDATION_SECONDS = 2;

    private final HikariDataSource dataSource;
    private final int poolSize;

    private Database(HikariDataSource dataSource, int poolSize) {
        this.dataSource = dataSource;
        this.poolSize = poolSize;
    }

    public static Database open(String jdbcUrl, int poolSize) throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("vellum-db");
        config.setExceptionOverrideClassName(BrokenConnectionEviction.class.getName());
        HikariDataSource dataSource = new HikariDataSource(config);
        try (Connection connection = dataSource.getConnection()) {
            SchemaMigrator.migrate(connection);
        } catch (SQLException | RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new Database(dataSource, poolSize);
    }

    /**
     * A working connection. HikariCP checks a connection only when it has been idle for a while, so one that broke
     * a moment ago (the database closed under it) would be lent out, fail, and go back to the pool; each is checked
     * here and thrown away if broken, so the next request after a storage failure works.
     */
    Connection connection() throws SQLException {
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
