package dev.vellum.server.ws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.seal.NoteKeys;
import dev.vellum.protocol.wire.Frame;
import dev.vellum.server.testing.RunningServer;
import dev.vellum.server.testing.TestConfigs;
import dev.vellum.server.testing.TestSocket;
import dev.vellum.testing.TestAuthor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reader that asks for compact revisions ({@code ?compact=1}) gets the items others publish in the compact form,
 * rebuilds exactly the bytes that were published, and those verify; a reader that does not ask gets full Revision
 * frames as before.
 */
class CompactRevisionsRelayTest {
    private final JvmSecureRandomSource random = new JvmSecureRandomSource();
    private final NoteKeys keys = NoteKeys.generate(random);

    @TempDir
    Path dataDir;
    private RunningServer server;

    @BeforeEach
    void start() throws Exception {
        server = RunningServer.start(TestConfigs.inFolder(dataDir));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void compactReader_rebuildsEveryPublishedItem_andItVerifies_inFewerBytes() throws Exception {
        TestAuthor alice = new TestAuthor(keys, random);
        TestAuthor bob = new TestAuthor(keys, random);
        try (TestSocket writer = joined(""); TestSocket compact = joined("?compact=1");
             TestSocket full = joined("?compact=0")) {
            List<NoteItem> published = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                TestAuthor author = i % 2 == 0 ? alice : bob;
                NoteItem item = i == 5 ? author.nextSnapshot(4, new byte[300]) : author.nextUpdate("edit " + i);
                writer.send(new Frame.Publish(item));
                assertEquals(i + 1, writer.next(Frame.Accepted.class).revision());
                published.add(author.stored(item));
            }
            for (int i = 0; i < published.size(); i++) {
                Frame.Revision fromCompact = compact.next(Frame.Revision.class);
                Frame.Revision fromFull = full.next(Frame.Revision.class);
                assertEquals(i + 1, fromCompact.revision());
                assertArrayEquals(published.get(i).encode(), fromCompact.item().encode(), "item " + i);
                assertArrayEquals(published.get(i).encode(), fromFull.item().encode(), "item " + i);
                fromCompact.item().verifyForStorage();
            }
            // Each author's keys and the note's context go once; every later delivery leaves out about 200 bytes.
            long saved = full.revisionBytes() - compact.revisionBytes();
            assertTrue(saved > 4 * 195, "saved " + saved + " bytes of " + full.revisionBytes());
        }
    }

    @Test
    void compactOtherThanZeroOrOne_isRefusedBeforeUpgrade() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server.url("/ws/notes/" + keys.noteId() + "?compact=yes"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, response.statusCode());
        assertEquals("compact must be 0 or 1", response.body());
    }

    private TestSocket joined(String query) throws InterruptedException {
        TestSocket socket = TestSocket.connect(server.vertx(), server.port(), keys.noteId() + query);
        socket.next(Frame.CaughtUp.class);
        return socket;
    }
}
