package dev.vellum.server.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.seal.NoteKeys;
import dev.vellum.protocol.wire.ErrorCode;
import dev.vellum.protocol.wire.Frame;
import dev.vellum.server.testing.LogCapture;
import dev.vellum.server.testing.RunningServer;
import dev.vellum.server.testing.SecretScan;
import dev.vellum.server.testing.TestSocket;
import dev.vellum.testing.TestAuthor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's log, at every level, through SLF4J into its backend: a stored item and a refused frame leave the
 * note's id and the error's code, and nothing of the item.
 */
class RelayLogTest {
    private final JvmSecureRandomSource random = new JvmSecureRandomSource();
    private final NoteKeys keys = NoteKeys.generate(random);
    private final TestAuthor author = new TestAuthor(keys, random);

    @TempDir
    Path dataDir;

    @Test
    void storedItemAndRefusedFrame_logTheNoteIdAndErrorCode_neverTheItem() throws Exception {
        NoteItem item = author.nextUpdate("a line of the note, which reaches the server only sealed");
        byte[] refused = {1, 1, 2, 0x42, 0x43}; // a publish of an item three bytes long: malformed
        byte[] logged;
        try (LogCapture log = LogCapture.everything(); RunningServer server = RunningServer.start(dataDir)) {
            try (TestSocket socket = TestSocket.connect(server.vertx(), server.port(), keys.noteId().toString())) {
                socket.next(Frame.CaughtUp.class);
                socket.send(new Frame.Publish(item));
                assertEquals(1, socket.next(Frame.Accepted.class).revision());
                socket.sendBinary(refused);
                assertEquals(ErrorCode.MALFORMED_FRAME, socket.next(Frame.Error.class).code());
            }
            logged = SecretScan.serverLog(server, log);
            assertTrue(log.text().contains("refused frame on note " + keys.noteId() + ": MALFORMED_FRAME"),
                    "the refusal's debug line, with the note's id and the code:\n" + log.text());
        }

        List<String> found = new ArrayList<>();
        SecretScan.scanBytes(found, "stored item", item.encode(), new byte[0], logged);
        assertTrue(found.isEmpty(), "the log holds content: " + found);
    }
}
