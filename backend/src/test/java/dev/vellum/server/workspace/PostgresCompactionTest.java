package dev.vellum.server.workspace;

/** Every case of {@link CompactionTest}, the history compaction's SQL included, on PostgreSQL. */
class PostgresCompactionTest extends CompactionTest {
    private final OnPostgres postgres = new OnPostgres();

    @Override
    String[] withStorage(String... flags) {
        return postgres.withStorage(flags);
    }
}
