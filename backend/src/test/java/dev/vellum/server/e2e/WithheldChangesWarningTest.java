package dev.vellum.server.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.vellum.server.testing.NotePage.note;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.WebSocketRoute;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.vellum.server.testing.BrowserTest;
import dev.vellum.server.testing.BrowserTestCase;
import dev.vellum.server.testing.NotePage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A server that holds back what someone wrote from one reader is no longer silent: the writer's signed presence says
 * how far their changes go, and the reader's page says the server is holding them back, then takes that back once
 * they arrive. The test plays the malicious relay on Bob's WebSocket.
 */
@BrowserTest
class WithheldChangesWarningTest extends BrowserTestCase {
    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    /** Alice's next heartbeat (10 s) states her chain; Bob warns 5 s after; a margin for a busy machine. */
    private static final double WARNING_TIMEOUT_MILLIS = 40_000;

    @Test
    void changesHeldBackFromOneReader_areWarnedAbout_andTheWarningGoesOnceTheyArrive() {
        BrowserContext aliceContext = browser.newContext();
        Page alice = aliceContext.newPage();
        alice.navigate(server.url("/"));
        NotePage.pressNewNote(alice);
        note(alice).fill("Before.");
        assertThat(NotePage.status(alice)).hasText(NotePage.SAVED);

        BrowserContext bobContext = browser.newContext();
        List<byte[]> heldBack = new ArrayList<>();
        boolean[] withholding = {false};
        WebSocketRoute[] bobSocket = new WebSocketRoute[1];
        bobContext.routeWebSocket(Pattern.compile(".*/ws/notes/.*"), page -> {
            bobSocket[0] = page;
            WebSocketRoute toServer = page.connectToServer();
            toServer.onMessage(frame -> {
                byte[] bytes = frame.binary();
                if (bytes == null) {
                    page.send(frame.text());
                } else if (withholding[0] && (bytes[1] == 2 || bytes[1] == 13)) { // a Revision, full or compact
                    heldBack.add(bytes);
                } else {
                    page.send(bytes);
                }
            });
        });
        Page bob = bobContext.newPage();
        bob.navigate(alice.url());
        assertThat(note(bob)).hasValue("Before.");

        withholding[0] = true;
        note(alice).press("End");
        alice.keyboard().type(" After.");
        assertThat(NotePage.status(alice)).hasText(NotePage.SAVED);

        Locator warnings = bob.getByRole(AriaRole.LIST, new Page.GetByRoleOptions()
                .setName("Warnings about this note's history"));
        assertThat(warnings).containsText("The server is holding back changes by",
                new LocatorAssertions.ContainsTextOptions().setTimeout(WARNING_TIMEOUT_MILLIS));
        assertThat(note(bob)).hasValue("Before.");
        bob.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("12-withheld-warning.png")));

        withholding[0] = false;
        heldBack.forEach(bobSocket[0]::send);
        assertThat(note(bob)).hasValue("Before. After.");
        assertThat(warnings.getByRole(AriaRole.LISTITEM)).hasCount(0);
        bobContext.close();
        aliceContext.close();
    }
}
