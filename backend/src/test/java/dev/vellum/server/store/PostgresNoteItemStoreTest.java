package dev.vellum.server.store;

import dev.vellum.server.testing.EmbeddedPostgresServer;

/** Every case of {@link NoteItemStoreTest}, on PostgreSQL: a fresh database for each test. */
class PostgresNoteItemStoreTest extends NoteItemStoreTest {
    private final String jdbcUrl = EmbeddedPostgresServer.newMigratedDatabase().jdbcUrl();

    @Override
    String jdbcUrl() {
        return jdbcUrl;
    }
}
