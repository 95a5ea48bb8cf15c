package dev.vellum.server.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.vellum.server.testing.NotePage.newNote;
import static dev.vellum.server.testing.NotePage.note;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.WebSocketRoute;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.vellum.server.testing.BrowserTest;
import dev.vellum.server.testing.BrowserTestCase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Three people type into one note at the same time, at three different places, a key each in turn: every edit
 * survives, all three end with the same text, and a reload shows it.
 */
@BrowserTest
class ThreePeopleCoEditTest extends BrowserTestCase {
    private static final Path SCREENSHOTS = Path.of("target/screenshots");

    @Test
    void threePeopleTypingAtOnce_allKeepEveryEdit_andConverge() throws Exception {
        Page alice = newNote(browser.newContext(), server);
        Locator aliceNote = note(alice);
        aliceNote.fill("[top]\n[middle]\n[end]");
        assertThat(alice.getByRole(AriaRole.STATUS)).hasText("Saved, end-to-end encrypted");
        Page bob = browser.newContext().newPage();
        Page carol = browser.newContext().newPage();
        bob.navigate(alice.url());
        carol.navigate(alice.url());
        assertThat(note(bob)).hasValue("[top]\n[middle]\n[end]");
        assertThat(note(carol)).hasValue("[top]\n[middle]\n[end]");

        String aliceWords = "alice-types-here";
        String bobWords = "bob-is-typing-too";
        String carolWords = "carol-as-well";
        placeCaret(alice, 4);   // inside "[top]"
        placeCaret(bob, 13);    // inside "[middle]"
        placeCaret(carol, 19);  // inside "[end]"
        int longest = Math.max(aliceWords.length(), Math.max(bobWords.length(), carolWords.length()));
        for (int i = 0; i < longest; i++) {
            typeKey(alice, aliceWords, i);
            typeKey(bob, bobWords, i);
            typeKey(carol, carolWords, i);
        }

        String expected = "[topalice-types-here]\n[middlebob-is-typing-too]\n[endcarol-as-well]";
        for (Page page : List.of(alice, bob, carol)) {
            assertThat(note(page)).hasValue(expected);
            assertThat(page.getByRole(AriaRole.STATUS)).hasText("Saved, end-to-end encrypted");
        }
        // Each sees the two others: named in the list and as carets over the text.
        for (Page page : List.of(alice, bob, carol)) {
            assertThat(page.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Also in this note"))
                    .getByRole(AriaRole.LISTITEM)).hasCount(2);
            assertThat(page.locator("#peer-layer .peer-caret")).hasCount(2);
        }
        carol.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("7-three-people.png")));

        bob.reload();
        assertThat(note(bob)).hasValue(expected);

        for (byte[] row : server.storedEnvelopes()) {
            String asText = new String(row, StandardCharsets.ISO_8859_1);
            assertFalse(asText.contains("alice-types") || asText.contains("[middle]"), "plaintext in a row");
        }
        assertTrue(server.storedEnvelopes().size() > 3, "the edits were stored as several revisions");
        assertEquals(expected, note(carol).inputValue());
    }

    @Test
    void personWhoGoesOffline_keepsEditing_throughAReload_andConvergesOnReturn() {
        Page alice = newNote(browser.newContext(), server);
        note(alice).fill("shared start");
        assertThat(alice.getByRole(AriaRole.STATUS)).hasText("Saved, end-to-end encrypted");

        BrowserContext bobContext = browser.newContext();
        AtomicBoolean bobOffline = new AtomicBoolean();
        List<WebSocketRoute> bobSockets = new CopyOnWriteArrayList<>();
        // Bob's WebSocket goes through this route, so the test can cut it as a network would.
        bobContext.routeWebSocket(Pattern.compile(".*/ws/notes/.*"), socket -> {
            if (bobOffline.get()) {
                socket.close();
                return;
            }
            socket.connectToServer();
            bobSockets.add(socket);
        });
        Page bob = bobContext.newPage();
        bob.navigate(alice.url());
        assertThat(note(bob)).hasValue("shared start");

        bobOffline.set(true);
        bobSockets.forEach(WebSocketRoute::close);
        assertThat(bob.getByRole(AriaRole.STATUS)).containsText("Offline");
        placeCaret(bob, "shared start".length());
        bob.keyboard().type(" + bob offline");
        assertThat(bob.getByRole(AriaRole.STATUS)).containsText("changes waiting");
        bob.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("8-bob-offline.png")));
        placeCaret(alice, 0);
        alice.keyboard().type("alice online: ");

        // Still offline, Bob reloads: his edits come back from IndexedDB, still waiting to be sent.
        // The local copy is written shortly after edits; the editor says when it holds all of them.
        assertThat(note(bob)).hasAttribute("data-local-copy", "kept");
        bob.reload();
        assertThat(note(bob)).hasValue("shared start + bob offline");
        assertThat(note(bob)).isEditable();
        assertThat(bob.getByRole(AriaRole.STATUS)).containsText("changes waiting");

        bobOffline.set(false); // the client's next reconnect attempt gets through
        String expected = "alice online: shared start + bob offline";
        assertThat(note(bob)).hasValue(expected, new LocatorAssertions.HasValueOptions().setTimeout(15_000));
        assertThat(note(alice)).hasValue(expected);
        assertThat(bob.getByRole(AriaRole.STATUS)).hasText("Saved, end-to-end encrypted");
        bobContext.close();
    }

    private static void typeKey(Page page, String words, int index) {
        if (index < words.length()) {
            page.keyboard().type(String.valueOf(words.charAt(index)));
        }
    }

    /** Clicks into the note and puts the caret at {@code offset}, as a person would with the arrow keys. */
    private static void placeCaret(Page page, int offset) {
        note(page).focus();
        page.keyboard().press("Control+Home");
        for (int i = 0; i < offset; i++) {
            page.keyboard().press("ArrowRight");
        }
    }
}
