package dev.vellum.server.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.vellum.server.testing.NotePage.note;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.WebSocket;
import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.seal.NoteKeys;
import dev.vellum.protocol.wire.Frame;
import dev.vellum.server.testing.NotePage;
import dev.vellum.server.testing.ServerAndBrowser;
import dev.vellum.server.testing.TestConfigs;
import dev.vellum.server.testing.TestSocket;
import dev.vellum.testing.TestAuthor;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A person typing while the server is overloaded: a server that holds one write at a time, with that one stuck in the
 * database (the test holds a row lock another writer's item waits for). Every item the person sends is answered
 * "retry after"; their page keeps saying "Saving…" (and, once it lasts, "server busy, retrying"), keeps its one
 * connection, and once the server drains, everything typed is stored: at another reader's and after a reload.
 */
@Tag("browser")
class TypingThroughOverloadTest {
    private static final String TYPED = "Typed while the server was too busy to take it, and kept.";

    @TempDir
    Path dataDir;

    @Test
    void typingThroughAnOverloadedServer_losesNothing_andShowsNoError() throws Exception {
        // The server's database sessions wait up to a minute for a row lock, so the stuck write stays stuck.
        String jdbcUrl = "jdbc:h2:file:" + dataDir.resolve("vellum") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0"
                + ";LOCK_TIMEOUT=60000";
        try (ServerAndBrowser running = ServerAndBrowser.start(TestConfigs.withFlags(dataDir,
                "--jdbc-url", jdbcUrl, "--max-pending-writes", "1"))) {
            JvmSecureRandomSource random = new JvmSecureRandomSource();
            NoteKeys otherNote = NoteKeys.generate(random);
            TestAuthor other = new TestAuthor(otherNote, random);
            BrowserContext person = running.browser().newContext();
            Page page = NotePage.newNote(person, running.server());
            // Sockets that close once the note is open: the page must ride out the overload on its one connection.
            // (The socket of the page before the reload below closes before the counting starts.)
            AtomicBoolean counting = new AtomicBoolean();
            AtomicInteger closed = new AtomicInteger();
            AtomicInteger retryAfters = new AtomicInteger();
            page.onWebSocket(socket -> {
                socket.onClose(gone -> {
                    if (counting.get()) {
                        closed.incrementAndGet();
                    }
                });
                socket.onFrameReceived(frame -> {
                    byte[] bytes = frame.binary();
                    if (bytes != null && bytes.length > 2 && (bytes[1] & 0xff) == 127 && bytes[2] == 26) {
                        retryAfters.incrementAndGet();
                    }
                });
            });
            page.reload(); // so the listener sees the note's socket from its start
            assertThat(note(page)).isEditable();
            counting.set(true);

            try (TestSocket writer = TestSocket.connect(running.server().vertx(), running.server().port(),
                    otherNote.noteId().toString());
                 Connection lock = DriverManager.getConnection(jdbcUrl)) {
                writer.next(Frame.CaughtUp.class);
                NoteItem first = other.nextUpdate("first");
                writer.send(new Frame.Publish(first));
                writer.next(Frame.Accepted.class);
                other.stored(first);
                // Take the other note's size row, which its next append must lock too: that append is then the one
                // write the server holds, and it holds it until the test lets go.
                lock.setAutoCommit(false);
                try (PreparedStatement take = lock.prepareStatement(
                        "SELECT stored_bytes FROM note_sizes WHERE note_id = ? FOR UPDATE")) {
                    take.setBytes(1, otherNote.noteId().toBytes());
                    try (ResultSet row = take.executeQuery()) {
                        assertTrue(row.next());
                    }
                }
                writer.send(new Frame.Publish(other.nextUpdate("stuck")));

                NotePage.type(page, TYPED);
                assertThat(NotePage.status(page)).hasText(Pattern.compile("^Saving…"));
                assertThat(NotePage.status(page)).hasText("Saving… · server busy, retrying",
                        new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions().setTimeout(15_000));
                assertTrue(retryAfters.get() > 0, "the person's items were answered retry-after");

                lock.commit(); // the server drains
                writer.next(Frame.Accepted.class);
            }

            assertThat(NotePage.status(page)).hasText(NotePage.SAVED);
            assertThat(note(page)).hasValue(TYPED);
            assertEquals(0, closed.get(), "it never reconnected");
            Page reader = NotePage.openLink(running.browser().newContext(), page.url());
            assertThat(note(reader)).hasValue(TYPED);
            page.reload();
            assertThat(note(page)).hasValue(TYPED);
        }
    }
}
