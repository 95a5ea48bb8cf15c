package dev.vellum.server.store;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.vellum.server.testing.EmbeddedPostgresServer;
import dev.vellum.server.testing.RunningServer;
import dev.vellum.server.testing.TestConfigs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A single node is its database's one writer, on PostgreSQL as on H2: it keeps the notes' latest revisions in memory
 * rather than reading them under the note's lock on every append. Only {@code --cluster} makes the database shared
 * ({@code TwoNodeClusterTest} checks that side).
 */
class SingleNodeDatabaseTest {
    @TempDir
    Path dataDir;

    @Test
    void aSingleNodeOnPostgres_keepsTheLatestRevisionsInMemory() {
        String jdbcUrl = EmbeddedPostgresServer.newDatabase().jdbcUrl();
        try (RunningServer server = RunningServer.start(TestConfigs.withFlags(dataDir, "--jdbc-url", jdbcUrl))) {
            assertFalse(server.sharesDatabase());
        }
    }

    @Test
    void aSingleNodeOnH2_keepsTheLatestRevisionsInMemory() {
        try (RunningServer server = RunningServer.start(TestConfigs.inFolder(dataDir))) {
            assertFalse(server.sharesDatabase());
        }
    }
}
