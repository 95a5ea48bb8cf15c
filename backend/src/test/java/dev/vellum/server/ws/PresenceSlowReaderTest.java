package dev.vellum.server.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.seal.NoteKeys;
import dev.vellum.protocol.wire.Frame;
import dev.vellum.protocol.wire.FrameCodec;
import dev.vellum.server.testing.RawConnection;
import dev.vellum.server.testing.RunningServer;
import dev.vellum.server.testing.TestConfigs;
import dev.vellum.server.testing.TestSocket;
import dev.vellum.testing.TestAuthor;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Presence is never queued for a reader that is behind: it is dropped for that reader, while items relayed at the
 * same time wait their turn and arrive, and a reader that keeps up gets the presence.
 */
class PresenceSlowReaderTest {
    private static final int ITEMS = 4;
    private static final int ITEM_BYTES = 900 * 1024;
    private static final int PRESENCE_SENT = 3;

    private final JvmSecureRandomSource random = new JvmSecureRandomSource();
    private final NoteKeys keys = NoteKeys.generate(random);
    private final TestAuthor author = new TestAuthor(keys, random);

    @TempDir
    Path dataDir;

    @Test
    void readerThatIsBehind_getsNoPresence_butEveryItem() throws Exception {
        try (RunningServer server = RunningServer.start(TestConfigs.inFolder(dataDir));
             TestSocket writer = TestSocket.connect(server.vertx(), server.port(), keys.noteId().toString())) {
            writer.next(Frame.CaughtUp.class);
            for (int i = 0; i < ITEMS; i++) {
                byte[] body = new byte[ITEM_BYTES];
                random.nextBytes(body);
                NoteItem item = author.nextUpdate(body);
                writer.send(new Frame.Publish(item));
                assertEquals(i + 1, writer.next(Frame.Accepted.class).revision());
                author.stored(item);
            }
            try (RawConnection stalled = RawConnection.openWithSmallReceiveBuffer(server.port());
                 TestSocket live = TestSocket.connect(server.vertx(), server.port(), keys.noteId().toString())) {
                stalled.send(RawConnection.upgradeRequest(server.port(), "/ws/notes/" + keys.noteId(), ""));
                // Its history (3.6 MB) fills the socket that is not read and the rest waits at the server: behind.
                assertTrue(stalled.awaitReceiveBufferFull(10_000), "the stalled reader's socket never filled");
                skipUntilCaughtUp(live);

                for (int i = 0; i < PRESENCE_SENT; i++) {
                    writer.send(new Frame.Presence(author.presence("caret " + i, i + 1)));
                    Thread.sleep(250);
                }
                NoteItem after = author.nextUpdate("after the presence");
                writer.send(new Frame.Publish(after));
                assertEquals(ITEMS + 1, writer.next(Frame.Accepted.class).revision());
                for (int i = 0; i < PRESENCE_SENT; i++) {
                    live.next(Frame.Presence.class);
                }

                stalled.readHead();
                int presence = 0;
                boolean sawLastItem = false;
                for (byte[] message : stalled.readMessages(3000)) {
                    Frame frame = FrameCodec.decode(message);
                    if (frame instanceof Frame.Presence) {
                        presence++;
                    } else if (frame instanceof Frame.Revision revision && revision.revision() == ITEMS + 1) {
                        sawLastItem = true;
                    }
                }
                assertEquals(0, presence, "presence was queued for a reader that was behind");
                assertTrue(sawLastItem, "the item relayed meanwhile still arrives");
            }
        }
    }

    private static void skipUntilCaughtUp(TestSocket socket) throws InterruptedException {
        Frame frame;
        do {
            frame = socket.next();
        } while (!(frame instanceof Frame.CaughtUp));
    }
}
