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
import dev.vellum.testing.TestAuthor;
import dev.vellum.server.testing.TestSocket;
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
    /** Holds one join of the note's history (about 7.2 MB) but not two; history is not yet sent in pages. */
    private static final int BUDGET_BYTES = 8 * 1024 * 1024;
    private static final int NEVER_READING = 3;

    private final JvmSecureRandomSource random = new JvmSecureRandomSource();
    private final NoteKeys keys = NoteKeys.generate(random);

    @TempDir
    Path dataDir;

    @Test
    void connectionsThatNeverRead_areClosedOnceTheSharedBudgetIsFull_andAReaderIsStillServed() throws Exception {
        try (RunningServer server = RunningServer.start(TestConfigs.withFlags(dataDir,
                "--outbox-budget-bytes", Integer.toString(BUDGET_BYTES)))) {
            storeLargeNote(server); // about 7 MB of history, more than the kernel buffers of a stalled socket
            List<RawConnection> stalled = new ArrayList<>();
            try {
                for (int i = 0; i < NEVER_READING; i++) {
                    RawConnection connection = RawConnection.openWithSmallReceiveBuffer(server.port());
                    connection.send(RawConnection.upgradeRequest(server.port(), "/ws/notes/" + keys.noteId(), ""));
                    stalled.add(connection);
                }
                Thread.sleep(2000); // the server queues each join's history and stalls on the full sockets

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
            try (TestSocket reader = TestSocket.connect(server.vertx(), server.port(), keys.noteId().toString())) {
                int items = 0;
                Frame frame;
                while (!((frame = reader.next()) instanceof Frame.CaughtUp)) {
                    if (frame instanceof Frame.History history) {
                        items += history.revisions().size();
                    }
                }
                assertEquals(ITEMS, items);
            }
        }
    }

    private void storeLargeNote(RunningServer server) throws InterruptedException {
        TestAuthor author = new TestAuthor(keys, random);
        try (TestSocket writer = TestSocket.connect(server.vertx(), server.port(), keys.noteId().toString())) {
            writer.next(Frame.CaughtUp.class);
            for (int i = 0; i < ITEMS; i++) {
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
