package dev.vellum.server.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.protocol.EncryptedRevision;
import dev.vellum.protocol.NoteId;
import dev.vellum.protocol.NoteKeys;
import dev.vellum.protocol.NoteRevisionCipher;
import dev.vellum.protocol.RevisionHeader;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RevisionStoreTest {
    private final JvmSecureRandomSource random = new JvmSecureRandomSource();
    private final NoteKeys keys = NoteKeys.generate(random);
    private final NoteRevisionCipher cipher = new NoteRevisionCipher(keys, random);
    private final NoteId noteId = keys.noteId();

    @TempDir
    Path dataDir;
    private Vertx vertx;
    private WorkerExecutor executor;
    private Database database;
    private RevisionStore store;

    @BeforeEach
    void open() throws Exception {
        vertx = Vertx.vertx();
        executor = vertx.createSharedWorkerExecutor("test-db", 4);
        database = Database.open(jdbcUrl(), 4);
        store = new RevisionStore(database, executor);
    }

    @AfterEach
    void close() {
        database.close();
        vertx.close().await();
    }

    @Test
    void append_inOrder_storesAndHistoryReturnsAllOldestFirst() {
        EncryptedRevision first = revision(1);
        EncryptedRevision second = revision(2);
        assertEquals(AppendResult.STORED, store.append(first).await());
        assertEquals(AppendResult.STORED, store.append(second).await());

        List<EncryptedRevision> history = store.history(noteId).await();
        assertEquals(2, history.size());
        assertArrayEquals(first.encode(), history.get(0).encode());
        assertArrayEquals(second.encode(), history.get(1).encode());
    }

    @Test
    void append_takenOrSkippedNumber_isStale_andStoresNothing() {
        store.append(revision(1)).await();

        assertEquals(AppendResult.STALE, store.append(revision(1)).await());
        assertEquals(AppendResult.STALE, store.append(revision(3)).await());
        assertEquals(1, store.history(noteId).await().size());
    }

    @Test
    void history_ofUnknownNote_isEmpty() {
        assertTrue(store.history(NoteId.random(random)).await().isEmpty());
    }

    @Test
    void concurrentAppendsOfOneNumber_storeExactlyOne() throws Exception {
        List<io.vertx.core.Future<AppendResult>> racing = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            racing.add(store.append(revision(1)));
        }
        ConcurrentLinkedQueue<AppendResult> results = new ConcurrentLinkedQueue<>();
        for (io.vertx.core.Future<AppendResult> future : racing) {
            results.add(future.await());
        }

        assertEquals(1, results.stream().filter(r -> r == AppendResult.STORED).count());
    }

    @Test
    void reopeningDatabase_keepsRevisions_andDoesNotReapplyMigrations() throws Exception {
        store.append(revision(1)).await();
        database.close();

        database = Database.open(jdbcUrl(), 4);
        store = new RevisionStore(database, executor);

        assertEquals(1, store.history(noteId).await().get(0).header().revision());
        try (Connection connection = database.connection()) {
            assertEquals(SchemaMigrator.MIGRATIONS.size(), SchemaMigrator.currentVersion(connection));
        }
    }

    private EncryptedRevision revision(long number) {
        return cipher.seal(RevisionHeader.linkShared(noteId, number), new byte[] {(byte) number});
    }

    private String jdbcUrl() {
        return "jdbc:h2:file:" + dataDir.resolve("vellum");
    }
}
