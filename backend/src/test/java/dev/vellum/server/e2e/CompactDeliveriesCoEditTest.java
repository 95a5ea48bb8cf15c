package dev.vellum.server.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.vellum.server.testing.NotePage.pressNewNote;
import static dev.vellum.server.testing.NotePage.note;
import static dev.vellum.server.testing.NotePage.status;
import static dev.vellum.server.testing.NotePage.type;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.vellum.server.testing.BrowserTest;
import dev.vellum.server.testing.BrowserTestCase;
import dev.vellum.server.testing.NotePage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Two people co-edit a note in the browser, each receiving the other's edits as compact revisions (frame type 13,
 * which the app always asks for): each browser rebuilds the full items, checks them as any, and shows the other's
 * words, with no warning.
 */
@BrowserTest
class CompactDeliveriesCoEditTest extends BrowserTestCase {
    /** The second byte of a frame: its type (docs/protocol.md, "WebSocket frames"). */
    private static final int COMPACT_REVISION = 13;

    @Test
    void twoPeopleCoEdit_overCompactRevisions_andEachSeesTheOthersWords() {
        BrowserContext aliceContext = browser.newContext();
        BrowserContext bobContext = browser.newContext();
        Page alice = aliceContext.newPage();
        AtomicInteger aliceCompact = countCompactRevisions(alice); // before the page opens its socket
        alice.navigate(server.url("/"));
        pressNewNote(alice);
        type(alice, "Alice starts.");
        assertThat(status(alice)).hasText(NotePage.SAVED);

        Page bob = bobContext.newPage();
        AtomicInteger bobCompact = countCompactRevisions(bob);
        bob.navigate(alice.url());
        assertThat(note(bob)).hasValue("Alice starts.");
        note(bob).focus();
        bob.keyboard().press("Control+End");
        type(bob, " Bob answers.");
        assertThat(note(alice)).hasValue("Alice starts. Bob answers.");
        alice.keyboard().press("Control+End");
        type(alice, " Alice again.");
        assertThat(note(bob)).hasValue("Alice starts. Bob answers. Alice again.");
        assertThat(note(alice)).hasValue("Alice starts. Bob answers. Alice again.");

        assertTrue(aliceCompact.get() > 0, "Alice got Bob's edits as compact revisions");
        assertTrue(bobCompact.get() > 0, "Bob got Alice's edits as compact revisions");
        assertThat(alice.locator("#warnings li")).hasCount(0);
        assertThat(bob.locator("#warnings li")).hasCount(0);
        aliceContext.close();
        bobContext.close();
    }

    /** Counts the compact revisions {@code page}'s note sockets receive from now on. */
    private static AtomicInteger countCompactRevisions(Page page) {
        AtomicInteger count = new AtomicInteger();
        page.onWebSocket(socket -> {
            if (socket.url().contains("/ws/notes/") && socket.url().contains("compact=1")) {
                socket.onFrameReceived(frame -> {
                    byte[] bytes = frame.binary();
                    if (bytes != null && bytes.length > 1 && bytes[1] == COMPACT_REVISION) {
                        count.incrementAndGet();
                    }
                });
            }
        });
        return count;
    }
}
