package dev.vellum.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.protocol.relay.AppendResult;
import dev.vellum.protocol.relay.JoinHistory;
import dev.vellum.protocol.relay.StoredItem;
import dev.vellum.protocol.seal.NoteKeys;
import dev.vellum.server.testing.EmbeddedPostgresServer;
import dev.vellum.testing.TestAuthor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two repositories on one PostgreSQL database, as two server nodes have: each append reads the note's latest revision
 * under the note's row lock, never from what it stored itself, so the other node's appends are never numbered
 * over, even where a snapshot has deleted the updates a stale number would collide with.
 */
class SharedDatabaseAppendsTest {
    private final JvmSecureRandomSource random = new JvmSecureRandomSource();
    private final NoteKeys keys = NoteKeys.generate(random);

    private Database first;
    private Database second;

    @BeforeEach
    void open() throws Exception {
        String jdbcUrl = EmbeddedPostgresServer.newDatabase().jdbcUrl();
        // Shared: opened as the nodes of a cluster open it (--cluster).
        first = Database.open(jdbcUrl, null, 2, true);
        second = Database.open(jdbcUrl, null, 2, true);
    }

    @AfterEach
    void close() {
        first.close();
        second.close();
    }

    @Test
    void aClusterCanShareADatabase_thatSeveralProcessesOpen_andNotEmbeddedH2() {
        assertTrue(SharedDatabases.isShared("jdbc:postgresql://db.example/vellum"));
        assertTrue(SharedDatabases.isShared("jdbc:h2:tcp://db.example/vellum"));
        assertFalse(SharedDatabases.isShared("jdbc:h2:file:/var/lib/vellum/vellum"));
        assertFalse(SharedDatabases.isShared("jdbc:h2:mem:test"));
    }

    @Test
    void appendAfterAnotherNodesSnapshotDeletedUpdates_isNumberedAfterTheSnapshot() throws Exception {
        // Retention 0: a snapshot is safe at once, so the updates it covers are deleted in its transaction.
        JdbcNoteItemRepository nodeA = new JdbcNoteItemRepository(first, 1 << 20, System::currentTimeMillis, 0);
        JdbcNoteItemRepository nodeB = new JdbcNoteItemRepository(second, 1 << 20, System::currentTimeMillis, 0);
        TestAuthor alice = new TestAuthor(keys, random);
        TestAuthor bob = new TestAuthor(keys, random);

        assertEquals(1, stored(nodeA.append(alice.stored(alice.nextUpdate("a1")))));
        assertEquals(2, stored(nodeA.append(alice.stored(alice.nextUpdate("a2")))));
        // Node B appends an update and a snapshot covering everything so far: revisions 1 to 3 are deleted.
        assertEquals(3, stored(nodeB.append(bob.stored(bob.nextUpdate("b1")))));
        assertEquals(4, stored(nodeB.append(bob.stored(bob.nextSnapshot(3, new byte[] {1, 2, 3})))));

        // Node A last stored revision 2: had it kept that, revision 3 (free again) would be handed out twice.
        assertEquals(5, stored(nodeA.append(alice.stored(alice.nextUpdate("a3")))));
        JoinHistory history = nodeB.joinHistory(keys.noteId(), 0);
        List<Long> revisions = new ArrayList<>();
        if (history.base() != null) {
            revisions.add(history.base().revision());
        }
        history.items().stream().map(StoredItem::revision).forEach(revisions::add);
        assertEquals(List.of(4L, 5L), revisions);
    }

    private static long stored(AppendResult result) {
        return assertInstanceOf(AppendResult.Stored.class, result).revision();
    }
}
