package dev.vellum.server.workspace;

/** Every case of {@link WorkspaceApiTest}, through the real server, on PostgreSQL. */
class PostgresWorkspaceApiTest extends WorkspaceApiTest {
    private final OnPostgres postgres = new OnPostgres();

    @Override
    String[] withStorage(String... flags) {
        return postgres.withStorage(flags);
    }
}
