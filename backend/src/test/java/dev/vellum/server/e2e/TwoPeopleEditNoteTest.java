package dev.vellum.server.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.vellum.server.testing.NotePage.newNote;
import static dev.vellum.server.testing.NotePage.note;
import static dev.vellum.server.testing.NotePage.pressNewNote;
import static dev.vellum.server.testing.NotePage.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.vellum.crypto.key.SymmetricKey;
import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.protocol.seal.NoteKeys;
import dev.vellum.server.testing.BrowserTest;
import dev.vellum.server.testing.LogCapture;
import dev.vellum.server.testing.RunningServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two people in two browser contexts share one note through its link, against the real server, then the
 * database files, every stored row and the server log are searched for what they typed and for the key.
 */
@BrowserTest(captureServerLog = true)
class TwoPeopleEditNoteTest {
    private static final Path SCREENSHOTS = Path.of("target/screenshots");

    private static Path dataDir;
    private static LogCapture log;
    private static RunningServer server;
    private static Browser browser;

    @BeforeAll
    static void startServerAndBrowser(RunningServer runningServer, Browser chromium, LogCapture serverLog) {
        server = runningServer;
        browser = chromium;
        log = serverLog;
        dataDir = server.dataDir();
    }

    @Test
    void aliceAndBobEditLive_andServerHoldsNoPlaintextNorKey() throws Exception {
        String aliceMarker = "ALICE-" + UUID.randomUUID();
        String bobMarker = "BOB-" + UUID.randomUUID();
        BrowserContext aliceContext = browser.newContext();
        BrowserContext bobContext = browser.newContext();
        Page alice = aliceContext.newPage();
        Page bob = bobContext.newPage();

        alice.navigate(server.url("/"));
        screenshot(alice, "1-alice-home");
        pressNewNote(alice);
        Locator aliceNote = note(alice);
        aliceNote.pressSequentially("Shopping list: " + aliceMarker, new Locator.PressSequentiallyOptions().setDelay(5));
        assertThat(status(alice)).hasText("Saved, end-to-end encrypted");
        screenshot(alice, "2-alice-typed");

        String link = alice.url();
        bob.navigate(link);
        Locator bobNote = note(bob);
        assertThat(bobNote).hasValue("Shopping list: " + aliceMarker);
        assertThat(bobNote).isEditable();

        bobNote.focus();
        bob.keyboard().press("Control+End");
        bobNote.pressSequentially("\nBob adds: " + bobMarker, new Locator.PressSequentiallyOptions().setDelay(5));
        String together = "Shopping list: " + aliceMarker + "\nBob adds: " + bobMarker;
        assertThat(aliceNote).hasValue(together);
        assertThat(status(bob)).hasText("Saved, end-to-end encrypted");
        screenshot(alice, "3-alice-sees-bob");
        screenshot(bob, "3-bob-typed");

        bob.reload();
        assertThat(note(bob)).hasValue(together);
        screenshot(bob, "4-bob-reloaded");

        SymmetricKey key = SymmetricKey.fromBase64Url(link.substring(link.indexOf('#') + 1));
        List<byte[]> secrets = List.of(aliceMarker.getBytes(StandardCharsets.UTF_8),
                bobMarker.getBytes(StandardCharsets.UTF_8), key.exportBytes(),
                key.toBase64Url().getBytes(StandardCharsets.UTF_8));
        List<byte[]> rows = server.storedEnvelopes();
        assertFalse(rows.isEmpty(), "the note was stored");
        assertNoSecretIn("stored rows", rows, secrets);
        assertNoSecretIn("database files", readAllFiles(dataDir), secrets);
        assertNoSecretIn("server log", List.of(log.text().getBytes(StandardCharsets.UTF_8)), secrets);
        assertTrue(log.text().contains("vellum-db"), "the log capture saw the server's log");

        aliceContext.close();
        bobContext.close();
    }

    @Test
    void linkWithAnotherNotesKey_isRefusedBeforeAnythingIsFetched() {
        BrowserContext context = browser.newContext();
        Page owner = newNote(context, server);
        String link = owner.url();
        String otherSecret = NoteKeys.generate(new JvmSecureRandomSource()).secret().toBase64Url();

        Page stranger = browser.newContext().newPage();
        stranger.navigate(link.substring(0, link.indexOf('#') + 1) + otherSecret);

        assertThat(stranger.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions()
                .setName("This link can't be opened"))).isVisible();
        assertThat(stranger.getByText("does not belong to its note")).isVisible();
        screenshot(stranger, "5-mismatched-link");
        stranger.context().close();
        context.close();
    }

    @Test
    void linkWithoutKey_explainsWhatIsMissing() {
        Page page = browser.newContext().newPage();
        page.navigate(server.url("/n/AAAAAAAAAAAAAAAAAAAAAA"));

        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("This link can't be opened")))
                .isVisible();
        assertThat(page.getByText("the part after # is missing")).isVisible();
        page.context().close();
    }

    @Test
    void browserWithoutWebAssemblyGc_isToldItIsNotSupported() {
        BrowserContext context = browser.newContext();
        context.addInitScript("WebAssembly.validate = () => false;");
        Page page = context.newPage();
        page.navigate(server.url("/"));

        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions()
                .setName("This browser is not supported"))).isVisible();
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New note"))).isHidden();
        screenshot(page, "6-unsupported");
        context.close();
    }

    @Test
    void pageWithoutASecureContext_refusesToRun_andSaysWhy() {
        BrowserContext context = browser.newContext();
        // What a browser reports for plain HTTP from a non-local address (localhost itself counts as secure).
        context.addInitScript("Object.defineProperty(window, 'isSecureContext', { value: false });");
        Page page = context.newPage();
        page.navigate(server.url("/"));

        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions()
                .setName("This connection is not secure"))).isVisible();
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New note"))).isHidden();
        screenshot(page, "7-insecure-context");
        context.close();
    }

    private static void screenshot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
    }

    private static List<byte[]> readAllFiles(Path dir) throws IOException {
        List<byte[]> contents = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                contents.add(Files.readAllBytes(file));
            }
        }
        assertFalse(contents.isEmpty(), "the data folder holds the database");
        return contents;
    }

    private static void assertNoSecretIn(String where, List<byte[]> haystacks, List<byte[]> secrets) {
        for (byte[] haystack : haystacks) {
            for (byte[] secret : secrets) {
                assertEquals(-1, indexOf(haystack, secret), "a secret appears in the " + where);
            }
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
