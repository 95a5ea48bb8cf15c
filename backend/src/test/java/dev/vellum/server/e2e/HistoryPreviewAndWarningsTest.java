package dev.vellum.server.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.vellum.server.testing.NotePage.note;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What a person sees beyond the text: the Markdown preview and its checkboxes, the list of earlier versions and
 * restoring one, and the warning when the server sends something that fails its checks.
 */
@BrowserTest
class HistoryPreviewAndWarningsTest extends BrowserTestCase {
    private static final Path SCREENSHOTS = Path.of("target/screenshots");

    @Test
    void preview_showsHeadingsListsAndTasks_andTickingABox_isAnEditEveryoneSees() {
        String groceries = "# Groceries\n- [ ] milk\n  - oat if none\n- [x] bread\n1. **fresh** fruit\n"
                + "> from the *market*";
        Page alice = newNote(groceries);
        Page bob = browser.newContext().newPage();
        bob.navigate(alice.url());
        assertThat(note(bob)).hasValue(groceries);

        alice.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Preview")).click();
        Locator preview = alice.getByRole(AriaRole.ARTICLE, new Page.GetByRoleOptions().setName("Preview"));
        assertThat(preview.getByRole(AriaRole.HEADING, new Locator.GetByRoleOptions().setName("Groceries")))
                .isVisible();
        assertThat(preview.locator("strong")).hasText("fresh");
        assertThat(preview.locator("blockquote em")).hasText("market");
        Locator nested = preview.getByRole(AriaRole.LISTITEM).filter(new Locator.FilterOptions().setHasText("oat"));
        assertThat(nested).hasCSS("margin-left", "24px"); // one level deeper than "milk", by class
        assertEquals(List.of(), alice.evaluate("window.cspViolations"),
                "the preview renders without anything the page's Content-Security-Policy blocks");
        Locator milk = preview.getByRole(AriaRole.CHECKBOX, new Locator.GetByRoleOptions().setName("milk"));
        assertThat(milk).not().isChecked();
        assertThat(preview.getByRole(AriaRole.CHECKBOX, new Locator.GetByRoleOptions().setName("bread")))
                .isChecked();
        alice.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("9-markdown-preview.png")));

        milk.click();

        String ticked = groceries.replace("- [ ] milk", "- [x] milk");
        assertThat(note(alice)).hasValue(ticked);
        assertThat(note(bob)).hasValue(ticked);
        assertThat(milk).isChecked();
        bob.context().close();
        alice.context().close();
    }

    @Test
    void aPauseAfterEditing_leavesAVersion_thatCanBeViewedAndRestoredForEveryone() {
        Page alice = browser.newContext().newPage();
        // Alice's timers run on Playwright's clock, so her pause is fast-forwarded rather than waited out.
        alice.clock().install();
        startNote(alice, "First draft: keep this wording.");
        Page bob = browser.newContext().newPage();
        bob.navigate(alice.url());
        assertThat(note(bob)).hasValue("First draft: keep this wording.");

        alice.clock().runFor(11_000); // Alice pauses: her browser keeps a version (a snapshot)
        note(bob).fill("Bob rewrote everything.");
        assertThat(note(alice)).hasValue("Bob rewrote everything.");

        alice.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("History")).click();
        Locator panel = alice.getByRole(AriaRole.COMPLEMENTARY,
                new Page.GetByRoleOptions().setName("Earlier versions"));
        Locator versions = panel.getByRole(AriaRole.LISTITEM);
        assertThat(versions).hasCount(1);
        assertThat(versions.first()).containsText("(key ");
        versions.first().getByRole(AriaRole.BUTTON).click();
        assertThat(panel.locator("#history-text")).hasText("First draft: keep this wording.");
        alice.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("10-history.png")));

        panel.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Restore this version")).click();

        assertThat(note(alice)).hasValue("First draft: keep this wording.");
        assertThat(note(bob)).hasValue("First draft: keep this wording.");
        assertThat(alice.getByRole(AriaRole.STATUS)).hasText("Saved, end-to-end encrypted");
        bob.context().close();
        alice.context().close();
    }

    @Test
    void anItemTamperedWithOnTheWay_isWarnedAbout_andTheRealOneFollowsOnANewConnection() {
        Page alice = newNote("Before.");
        BrowserContext bobContext = browser.newContext();
        AtomicBoolean tamper = new AtomicBoolean();
        // Bob's frames from the server pass through here, where the test plays a malicious relay.
        bobContext.routeWebSocket(Pattern.compile(".*/ws/notes/.*"), page -> {
            WebSocketRoute server = page.connectToServer();
            server.onMessage(frame -> {
                byte[] bytes = frame.binary();
                if (bytes == null) {
                    page.send(frame.text());
                    return;
                }
                // A Revision frame (type 2, after the frame version) or, as the app asks for, a compact one (13).
                if ((bytes[1] == 2 || bytes[1] == 13) && tamper.getAndSet(false)) {
                    bytes = bytes.clone();
                    // The author's signature: in full, just before the write key (32) and write signature (64); in
                    // compact form, the 64 bytes before the write signature.
                    bytes[bytes.length - 97] ^= 1;
                }
                page.send(bytes);
            });
        });
        Page bob = bobContext.newPage();
        bob.navigate(alice.url());
        assertThat(note(bob)).hasValue("Before.");

        tamper.set(true);
        note(alice).press("End");
        alice.keyboard().type(" After.");
        assertThat(note(alice)).hasValue("Before. After.");

        Locator warnings = bob.getByRole(AriaRole.LIST, new Page.GetByRoleOptions()
                .setName("Warnings about this note's history"));
        assertThat(warnings).containsText("has a bad signature. It was not applied.");
        bob.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("11-tampered-warning.png")));
        // The tampered item came compact: what Bob rebuilt the author's next items from is no longer what the
        // server holds, so his page connects again by itself, where the real item is served (under the number of
        // the one he refused, which is said too).
        assertThat(note(bob)).hasValue("Before. After.", new LocatorAssertions.HasValueOptions().setTimeout(10_000));
        assertThat(warnings).containsText("another change under number");

        bob.reload();
        assertThat(note(bob)).hasValue("Before. After.", new LocatorAssertions.HasValueOptions().setTimeout(10_000));
        assertThat(warnings.getByRole(AriaRole.LISTITEM)).hasCount(0);
        bobContext.close();
        alice.context().close();
    }

    @Test
    void aSecondTabOfTheSameNote_asksFirst_andTakingItOver_stopsTheFirst() {
        Page first = newNote("One tab at a time.");
        Page second = first.context().newPage();
        second.navigate(first.url());

        assertThat(second.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions()
                .setName("This note is open in another tab"))).isVisible();
        second.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("12-open-in-another-tab.png")));
        second.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Use it here")).click();

        assertThat(note(second)).hasValue("One tab at a time.");
        assertThat(note(second)).isEditable();
        assertThat(first.getByRole(AriaRole.ALERT).filter(new Locator.FilterOptions()
                .setHasText("now open in another tab"))).isVisible();
        assertThat(note(first)).not().isEditable();
        note(second).press("End");
        second.keyboard().type(" Here now.");
        assertThat(second.getByRole(AriaRole.STATUS)).hasText("Saved, end-to-end encrypted");
        first.context().close();
    }

    private static Page newNote(String text) {
        BrowserContext context = browser.newContext();
        context.addInitScript("window.cspViolations = []; document.addEventListener('securitypolicyviolation', "
                + "event => window.cspViolations.push(event.violatedDirective));");
        return startNote(context.newPage(), text);
    }

    /** Starts a new note in {@code page} and types {@code text} into it, then waits until the server has it. */
    private static Page startNote(Page page, String text) {
        page.navigate(server.url("/"));
        NotePage.pressNewNote(page);
        note(page).fill(text);
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Saved, end-to-end encrypted");
        return page;
    }
}
