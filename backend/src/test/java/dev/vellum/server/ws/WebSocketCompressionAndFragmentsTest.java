package dev.vellum.server.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.seal.NoteKeys;
import dev.vellum.protocol.wire.ErrorCode;
import dev.vellum.protocol.wire.Frame;
import dev.vellum.server.testing.RawConnection;
import dev.vellum.server.testing.RunningServer;
import dev.vellum.server.testing.TestConfigs;
import dev.vellum.server.testing.TestSocket;
import dev.vellum.testing.TestAuthor;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.Deflater;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A message's size limit holds for what the server actually has to hold in memory: compressed messages are not
 * accepted at all (a compression bomb once froze the event loop), and a message sent in many small fragments is
 * refused with the documented error and close code 1009 as soon as it passes the limit.
 */
class WebSocketCompressionAndFragmentsTest {
    private static final int MAX_FRAME_BYTES = 4096;

    private final JvmSecureRandomSource random = new JvmSecureRandomSource();
    private final NoteKeys keys = NoteKeys.generate(random);
    private final NoteId noteId = keys.noteId();

    @TempDir
    Path dataDir;
    private RunningServer server;

    @BeforeEach
    void start() {
        server = RunningServer.start(TestConfigs.withLimits(dataDir, MAX_FRAME_BYTES, 50));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void permessageDeflateOffered_isNotNegotiated() throws Exception {
        try (RawConnection connection = RawConnection.open(server.port())) {
            connection.send(RawConnection.upgradeRequest(server.port(), "/ws/notes/" + noteId,
                    "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n"
                            + "Sec-WebSocket-Extensions: x-webkit-deflate-frame\r\n"));

            String head = connection.readHead().toLowerCase(Locale.ROOT);
            assertTrue(head.startsWith("http/1.1 101"), head);
            assertFalse(head.contains("deflate"), head);
        }
    }

    @Test
    void compressedBomb_isRefusedQuickly_andOthersAreStillServed() throws Exception {
        byte[] bomb = deflated(new byte[64 * 1024 * 1024]); // 64 MiB of zeros, about 64 KB on the wire
        try (RawConnection connection = RawConnection.open(server.port())) {
            connection.send(RawConnection.upgradeRequest(server.port(), "/ws/notes/" + noteId,
                    "Sec-WebSocket-Extensions: permessage-deflate\r\n"));
            assertTrue(connection.readHead().startsWith("HTTP/1.1 101"));
            long started = System.nanoTime();
            // FIN, RSV1 (compressed), binary
            connection.send(RawConnection.clientFrame(0x80 | 0x40 | 0x2, bomb));

            assertTrue(connection.awaitClosedByServer(5_000), "the server should close a compressed message");
            assertTrue(System.nanoTime() - started < 5_000_000_000L);
        }
        assertStillServes();
    }

    @Test
    void messageInManySmallFragments_overTheLimit_getsFrameTooLargeAndClose1009() throws Exception {
        try (TestSocket socket = TestSocket.connect(server.vertx(), server.port(), noteId.toString())) {
            socket.next(Frame.CaughtUp.class);

            // 64 fragments of 512 bytes: each small, together 8 times the limit (4 times Vert.x's own).
            socket.sendFragmented(new byte[MAX_FRAME_BYTES * 8], 512);

            Frame.Error error = socket.next(Frame.Error.class);
            assertEquals(ErrorCode.FRAME_TOO_LARGE, error.code());
            assertTrue(socket.awaitClosed());
            assertEquals((short) 1009, socket.closeStatusCode());
        }
        assertStillServes();
    }

    @Test
    void messageInFragments_withinTheLimit_isAccepted() throws Exception {
        TestAuthor author = new TestAuthor(keys, random);
        try (TestSocket socket = TestSocket.connect(server.vertx(), server.port(), noteId.toString())) {
            socket.next(Frame.CaughtUp.class);
            NoteItem item = author.nextUpdate("in pieces");

            socket.sendFragmented(dev.vellum.protocol.wire.FrameCodec.encode(new Frame.Publish(item)), 100);

            assertEquals(1, socket.next(Frame.Accepted.class).revision());
        }
    }

    private void assertStillServes() throws Exception {
        TestAuthor author = new TestAuthor(keys, random);
        try (TestSocket socket = TestSocket.connect(server.vertx(), server.port(), noteId.toString())) {
            Frame frame;
            do {
                frame = socket.next();
            } while (!(frame instanceof Frame.CaughtUp));
            long next = ((Frame.CaughtUp) frame).latestRevision() + 1;
            socket.send(new Frame.Publish(author.nextUpdate("still served")));
            assertEquals(next, socket.next(Frame.Accepted.class).revision());
        }
    }

    /** Raw DEFLATE without the 00 00 ff ff tail, as permessage-deflate sends a message (RFC 7692, 7.2.1). */
    private static byte[] deflated(byte[] data) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        deflater.setInput(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[64 * 1024];
        while (true) {
            int n = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH);
            out.write(chunk, 0, n);
            if (n < chunk.length) {
                break;
            }
        }
        deflater.end();
        byte[] bytes = out.toByteArray();
        return java.util.Arrays.copyOf(bytes, bytes.length - 4);
    }
}
