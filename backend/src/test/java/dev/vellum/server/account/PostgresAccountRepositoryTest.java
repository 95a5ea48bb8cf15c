package dev.vellum.server.account;

import dev.vellum.server.testing.EmbeddedPostgresServer;

/** Every case of {@link JdbcAccountRepositoryTest}, accounts and sessions, on PostgreSQL: a fresh database each. */
class PostgresAccountRepositoryTest extends JdbcAccountRepositoryTest {
    @Override
    String jdbcUrl() {
        return EmbeddedPostgresServer.newMigratedDatabase().jdbcUrl();
    }
}
