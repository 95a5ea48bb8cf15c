package dev.vellum.server.workspace;

import dev.vellum.server.testing.EmbeddedPostgresServer;
import java.util.ArrayList;
import java.util.List;

/** The flags that put one test's server on a fresh PostgreSQL database of its own. */
final class OnPostgres {
    private final String jdbcUrl = EmbeddedPostgresServer.newMigratedDatabase().jdbcUrl();

    String[] withStorage(String... flags) {
        List<String> all = new ArrayList<>(List.of(flags));
        all.addAll(List.of("--jdbc-url", jdbcUrl));
        return all.toArray(String[]::new);
    }
}
