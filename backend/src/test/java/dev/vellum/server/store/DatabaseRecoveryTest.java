package dev.vellum.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.relay.AppendResult;
import dev.vellum.protocol.seal.NoteKeys;
import dev.vellum.server.testing.TestConfigs;
import dev.vellum.testing.TestAuthor;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * After the database closes underneath the pool (H2 does so itself after an OutOfMemoryError or a write failure;
 * here it is told to), the very next append succeeds, without a restart, and nothing stored before is lost.
 */
class DatabaseRecoveryTest {
    private static final int POOL_SIZE = 4;

    private final JvmSecureRandomSource random = new JvmSecureRandomSource();
    private final NoteKeys keys = NoteKeys.generate(random);

    @TempDir
    Path dataDir;
    private Vertx vertx;
    private WorkerExecutor executor;
    private Database database;
    private NoteItemStore store;

    @BeforeEach
    void open() throws Exception {
        vertx = Vertx.vertx();
        executor = vertx.createSharedWorkerExecutor("test-db", POOL_SIZE);
        database = Database.open(TestConfigs.inFolder(dataDir).jdbcUrl(), POOL_SIZE);
        store = new NoteItemStore(database, executor);
    }

    @AfterEach
    void close() {
        database.close();
        vertx.close().await();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SHUTDOWN", "SHUTDOWN IMMEDIATELY"})
    void databaseClosedUnderneath_nextAppendsSucceed(String shutdown) throws Exception {
        TestAuthor author = new TestAuthor(keys, random);
        // Every pooled connection busy a moment before, so none has idled long enough for HikariCP to check it.
        appendConcurrently(author, POOL_SIZE);
        shutDownUnderneath(shutdown);

        assertEquals(POOL_SIZE + 1, ((AppendResult.Stored) store.append(next(author)).await()).revision());
        appendConcurrently(new TestAuthor(keys, random), POOL_SIZE);
        assertEquals(2 * POOL_SIZE + 1, store.joinHistory(keys.noteId(), 0).await().latestRevision());
    }

    private void shutDownUnderneath(String shutdown) throws SQLException {
        Connection connection = database.connection();
        try (Statement statement = connection.createStatement()) {
            statement.execute(shutdown);
        }
        try {
            connection.close();
        } catch (SQLException alreadyClosed) {
            // the pool finds its connection dead on return: expected here
        }
    }

    /** One author per item, so that they can all be in flight at once. */
    private void appendConcurrently(TestAuthor first, int count) {
        List<Future<AppendResult>> appends = new ArrayList<>();
        appends.add(store.append(next(first)));
        for (int i = 1; i < count; i++) {
            appends.add(store.append(next(new TestAuthor(keys, random))));
        }
        for (Future<AppendResult> append : appends) {
            append.await();
        }
    }

    private static NoteItem next(TestAuthor author) {
        return author.stored(author.nextUpdate(new byte[] {1}));
    }
}
