package dev.vellum.server.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.seal.NoteKeys;
import dev.vellum.protocol.wire.Frame;
import dev.vellum.server.testing.RawConnection;
import dev.vellum.server.testing.RunningServer;
import dev.vellum.server.testing.TestConfigs;
import dev.vellum.server.testing.TestSocket;
import dev.vellum.testing.TestAuthor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that never read cannot make the server buffer without bound: all outboxes share one budget, and a
 * connection whose frames do not fit is closed (1008) rather than buffered, while a client that reads is served.
 */
class SlowReaderTest {
    private static final int ITEMS = 8;
    private static final int ITEM_BYTES = 900 * 1024;
    /**
     * Less than the note's history (about 7.2 MB), which is sent a page (two items here) at a time: a join holds
     * about 1.8 MB while its client does not read, so two stalled joins fit and the third does not.
     */
    private static final int BUDGET_BYTES = 4 * 1024 * 1024;
    private static final int NEVER_READING = 3;
    private static final int RELAYED_ITEMS = 16;

    private final JvmSecureRandomSource random = new JvmSecureRandomSource();
    private final NoteKeys keys = NoteKeys.generate(random);

    @TempDir
    Path dataDir;

    @Test
    void connectionsThatNeverRead_areClosedOnceTheSharedBudgetIsFull_andAReaderIsStillServed() throws Exception {
        try (RunningServer server = RunningServer.start(TestConfigs.withFlags(dataDir,
                "--outbox-budget-bytes", Integer.toString(BUDGET_BYTES)))) {
            List<RawConnection> stalled = new ArrayList<>();
            try {
                for (int i = 0; i < NEVER_READING; i++) {
                    RawConnection connection = RawConnection.openWithSmallReceiveBuffer(server.port());
                    connection.send(RawConnection.upgradeRequest(server.port(), "/ws/notes/" + keys.noteId(), ""));
                    stalled.add(connection);
                }
                Thread.sleep(500);
                // Each item is relayed live to every stalled client: about 3 x 14 MB, far more than the kernel
                // buffers of the stalled sockets and the budget hold. (A join's history no longer fills the budget:
                // it is read a page at a time, each only once the last has been written.)
                storeLargeNote(server, RELAYED_ITEMS);
                Thread.sleep(1000);

                int closed = 0;
                for (RawConnection connection : stalled) {
                    connection.readHead();
                    Integer closeCode = connection.readUntilCloseFrame(3000);
                    if (closeCode != null) {
                        assertEquals(1008, closeCode);
                        closed++;
                    }
                }
                assertTrue(closed >= 1, "no connection that never read was closed");
            } finally {
                for (RawConnection connection : stalled) {
                    connection.close();
                }
            }
            assertReaderGetsWholeHistory(server, RELAYED_ITEMS);
        }
    }

    @Test
    void historyLargerThanTheSharedBudget_reachesAClientThatReads_pageByPage() throws Exception {
        try (RunningServer server = RunningServer.start(TestConfigs.withFlags(dataDir,
                "--outbox-budget-bytes", Integer.toString(BUDGET_BYTES)))) {
            storeLargeNote(server, ITEMS);

            assertReaderGetsWholeHistory(server, ITEMS); // queued whole, 7.2 MB would not fit the 4 MiB budget
            assertReaderGetsWholeHistory(server, ITEMS);
        }
    }

    private void assertReaderGetsWholeHistory(RunningServer server, int items) throws Exception {
        try (TestSocket reader = TestSocket.connect(server.vertx(), server.port(), keys.noteId().toString())) {
            List<Long> revisions = new ArrayList<>();
            Frame frame;
            while (!((frame = reader.next()) instanceof Frame.CaughtUp)) {
                if (frame instanceof Frame.History history) {
                    history.revisions().forEach(revision -> revisions.add(revision.revision()));
                }
            }
            assertEquals(items, ((Frame.CaughtUp) frame).latestRevision());
            assertEquals(java.util.stream.LongStream.rangeClosed(1, items).boxed().toList(), revisions);
        }
    }

    private void storeLargeNote(RunningServer server, int items) throws InterruptedException {
        TestAuthor author = new TestAuthor(keys, random);
        try (TestSocket writer = TestSocket.connect(server.vertx(), server.port(), keys.noteId().toString())) {
            writer.next(Frame.CaughtUp.class);
            for (int i = 0; i < items; i++) {
                byte[] body = new byte[ITEM_BYTES];
                random.nextBytes(body);
                NoteItem item = author.nextUpdate(body);
                writer.send(new Frame.Publish(item));
                assertEquals(i + 1, writer.next(Frame.Accepted.class).revision());
                author.stored(item);
            }
        }
    }
}
