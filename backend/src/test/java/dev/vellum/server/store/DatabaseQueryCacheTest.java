package dev.vellum.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.server.testing.EmbeddedPostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseQueryCacheTest {
    @TempDir
    Path dataDir;

    @Test
    void anEmbeddedH2Database_keepsTheParsedFormOfMoreStatementsThanAnAppendUses() throws Exception {
        try (Database database = Database.open("jdbc:h2:file:" + dataDir.resolve("vellum") + ";WRITE_DELAY=0", 2);
             Connection connection = database.connection();
             Statement query = connection.createStatement();
             ResultSet rows = query.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS "
                     + "WHERE SETTING_NAME = 'QUERY_CACHE_SIZE'")) {
            rows.next();
            assertEquals(String.valueOf(Database.QUERY_CACHE_SIZE), rows.getString(1));
        }
    }

    @Test
    void aUrlThatSetsItOrIsNoEmbeddedH2_isLeftAsItIs() {
        assertEquals("jdbc:h2:mem:x;query_cache_size=4", Database.withQueryCache("jdbc:h2:mem:x;query_cache_size=4"));
        assertEquals("jdbc:h2:tcp://db/vellum", Database.withQueryCache("jdbc:h2:tcp://db/vellum"));
        assertEquals("jdbc:postgresql://db/vellum", Database.withQueryCache("jdbc:postgresql://db/vellum"));
    }

    @Test
    void aPostgresUrl_batchesInsertsIntoMultiRowStatements_unlessItSaysOtherwise() {
        assertEquals("jdbc:postgresql://db/vellum?reWriteBatchedInserts=true",
                Database.withBatchedInserts("jdbc:postgresql://db/vellum"));
        assertEquals("jdbc:postgresql://db/vellum?user=v&reWriteBatchedInserts=true",
                Database.withBatchedInserts("jdbc:postgresql://db/vellum?user=v"));
        assertEquals("jdbc:postgresql://db/vellum?rewritebatchedinserts=false",
                Database.withBatchedInserts("jdbc:postgresql://db/vellum?rewritebatchedinserts=false"));
        assertEquals("jdbc:h2:mem:x", Database.withBatchedInserts("jdbc:h2:mem:x"));
    }

    @Test
    void aPostgresDatabase_isOpenedWithBatchedInserts() throws Exception {
        try (Database database = Database.open(EmbeddedPostgresServer.newDatabase().jdbcUrl(), 2);
             Connection connection = database.connection()) {
            assertTrue(connection.getMetaData().getURL().contains("reWriteBatchedInserts=true"),
                    connection.getMetaData().getURL());
        }
    }
}
