package dev.vellum.server.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.server.testing.EmbeddedPostgresServer;
import dev.vellum.server.testing.RunningServer;
import dev.vellum.server.testing.TestConfigs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Only a server on its own embedded H2 file keeps the notes' latest revisions in memory. A single server on PostgreSQL
 * reads them under the note's lock, as a cluster's nodes do ({@code TwoNodeClusterTest} checks that side): nothing
 * stops a second server, or an overlapping restart, from writing to the same database, and a remembered number that
 * a snapshot has since freed would not even fail on the key.
 */
class SingleNodeDatabaseTest {
    @TempDir
    Path dataDir;

    @Test
    void aSingleNodeOnPostgres_readsTheLatestRevisionsUnderTheNotesLock() {
        String jdbcUrl = EmbeddedPostgresServer.newDatabase().jdbcUrl();
        try (RunningServer server = RunningServer.start(TestConfigs.withFlags(dataDir, "--jdbc-url", jdbcUrl))) {
            assertTrue(server.sharesDatabase());
        }
    }

    @Test
    void aSingleNodeOnItsOwnH2File_keepsTheLatestRevisionsInMemory() {
        try (RunningServer server = RunningServer.start(TestConfigs.inFolder(dataDir))) {
            assertFalse(server.sharesDatabase());
        }
    }
}
