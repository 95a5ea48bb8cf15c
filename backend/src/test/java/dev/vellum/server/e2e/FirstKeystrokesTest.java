package dev.vellum.server.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.vellum.server.testing.NotePage.note;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.WebSocketRoute;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.WaitForSelectorState;
import dev.vellum.server.testing.BrowserTest;
import dev.vellum.server.testing.NotePage;
import dev.vellum.server.testing.RunningServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A person who starts typing the moment the editor appears, on a server and a page that have just started, keeps
 * every character: in their own editor, at the other person's, and after a reload. Once lost the first few.
 */
@BrowserTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FirstKeystrokesTest {
    private static final String CREATOR_TYPES = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String JOINER_TYPES = "abcdefghijklmnopqrstuvwxyz";

    private static RunningServer server;
    private static Browser browser;

    /** The server and browser start for this class alone: the first note is the server's first. */
    @BeforeAll
    static void coldServerAndBrowser(RunningServer runningServer, Browser chromium) {
        server = runningServer;
        browser = chromium;
    }

    @Test
    @Order(1)
    void typingAtOnce_keepsEveryCharacter_forCreatorAndJoiner_locallyAtThePeerAndAfterReload() {
        BrowserContext creatorContext = browser.newContext();
        Page creator = creatorContext.newPage();
        creator.navigate(server.url("/"));
        creator.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New note")).click();
        // Not NotePage.pressNewNote: it waits until the note is editable, and the point is not to wait.
        typeTheMomentItAppears(creator, CREATOR_TYPES);
        assertThat(note(creator)).hasValue(CREATOR_TYPES);

        BrowserContext joinerContext = browser.newContext();
        Page joiner = joinerContext.newPage();
        joiner.navigate(creator.url());
        typeTheMomentItAppears(joiner, JOINER_TYPES);

        // The joiner's caret may stand anywhere when the history arrives: both runs, each whole, in either order.
        for (Page person : new Page[] {creator, joiner}) {
            assertThat(note(person)).hasValue(Pattern.compile(
                    "^(" + CREATOR_TYPES + JOINER_TYPES + "|" + JOINER_TYPES + CREATOR_TYPES + ")$"));
        }
        String together = note(creator).inputValue();
        assertThat(note(joiner)).hasValue(together);
        assertThat(creator.getByRole(AriaRole.STATUS)).hasText("Saved, end-to-end encrypted");
        assertThat(joiner.getByRole(AriaRole.STATUS)).hasText("Saved, end-to-end encrypted");

        Page fresh = browser.newContext().newPage();
        fresh.navigate(creator.url());
        assertThat(note(fresh)).hasValue(together);
        creator.reload();
        assertThat(note(creator)).hasValue(together);
        joiner.reload();
        assertThat(note(joiner)).hasValue(together);

        fresh.context().close();
        joinerContext.close();
        creatorContext.close();
    }

    @Test
    @Order(2)
    void whileTheNoteIsOpening_thereIsNoTextBoxToTypeInto_andNothingTypedLands() {
        Page creator = browser.newContext().newPage();
        creator.navigate(server.url("/"));
        NotePage.pressNewNote(creator);
        NotePage.type(creator, "Written before you came.");
        assertThat(NotePage.status(creator)).hasText(NotePage.SAVED);

        // The joiner's connection holds every frame from the server until the test lets them through.
        BrowserContext joinerContext = browser.newContext();
        List<byte[]> held = new ArrayList<>();
        AtomicReference<WebSocketRoute> toPage = new AtomicReference<>();
        AtomicBoolean holding = new AtomicBoolean(true);
        joinerContext.routeWebSocket(Pattern.compile(".*/ws/notes/.*"), page -> {
            toPage.set(page);
            page.connectToServer().onMessage(frame -> {
                if (holding.get()) {
                    held.add(frame.binary());
                } else {
                    page.send(frame.binary());
                }
            });
        });
        Page joiner = joinerContext.newPage();
        joiner.navigate(creator.url());
        Locator opening = joiner.getByText("Opening the note…");
        assertThat(opening).isVisible();
        assertThat(note(joiner)).isHidden();
        joiner.keyboard().type("lost?");
        joiner.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/0-opening.png")));

        holding.set(false);
        held.forEach(frame -> toPage.get().send(frame));

        assertThat(note(joiner)).isEditable();
        assertThat(opening).isHidden();
        assertThat(note(joiner)).hasValue("Written before you came.");
        assertThat(note(creator)).hasValue("Written before you came.");
        joinerContext.close();
        creator.context().close();
    }

    /** Waits only until the editor is visible, then types at once, key by key, as a fast typist would. */
    private static void typeTheMomentItAppears(Page page, String text) {
        Locator note = note(page);
        note.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE));
        note.pressSequentially(text);
        assertTrue(note.inputValue().contains(text), "typed at once, kept at once: " + note.inputValue());
    }
}
