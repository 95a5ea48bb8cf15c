package dev.vellum.server.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.vellum.server.testing.NotePage.note;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.BoundingBox;
import dev.vellum.server.testing.BrowserTest;
import dev.vellum.server.testing.BrowserTestCase;
import dev.vellum.server.testing.NotePage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The comments panel's own controls, for one person: the "Comment" button on a selection, the thread's region and
 * its buttons, the highlight behind the text and in the preview, folding a resolved thread, the open count in the
 * toolbar, and a thread whose text was deleted. How comments travel between people is in the scenario tests.
 */
@BrowserTest
class CommentsPanelControlsTest extends BrowserTestCase {
    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    private static final String TEXT = "Alpha beta gamma delta.\nA second line, with **bold words** in it.\n";

    @Test
    void aCommentOnASelection_isAThreadNamedAfterItsText_highlighted_andTheControlsWork() {
        Page page = newNote(TEXT);
        Locator commentButton = button(page, "Comment");
        Locator toggle = page.locator("#comments-toggle");
        assertThat(commentButton).isHidden(); // nothing selected yet
        assertThat(toggle).hasText("Comments");
        assertThat(panel(page)).isHidden();

        select(page, "beta");
        assertThat(commentButton).isVisible();
        commentButton.click();
        Locator box = page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Comment").setExact(true));
        assertThat(box).isFocused();
        box.fill("Should this be Beta?");
        button(page, "Post").click();

        Locator thread = panel(page).getByRole(AriaRole.REGION, new Locator.GetByRoleOptions().setName("beta")
                .setExact(true));
        assertThat(thread).containsText("Should this be Beta?");
        assertThat(toggle).hasText("Comments (1)");
        assertThat(note(page)).isFocused(); // back in the text after posting
        Locator highlight = page.locator("#comment-marks .hl");
        assertThat(highlight).hasCount(1);
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("comments-1-posted.png")));

        // A click on the highlighted word puts the caret there, and marks its thread.
        note(page).evaluate("area => area.setSelectionRange(0, 0)");
        BoundingBox word = highlight.boundingBox();
        page.mouse().click(word.x + word.width / 2, word.y + word.height / 2);
        assertThat(page.locator(".thread[data-active='true']")).hasCount(1);
        assertThat(note(page)).isFocused();
        int caret = ((Number) note(page).evaluate("area => area.selectionStart")).intValue();
        assertEquals(true, caret >= TEXT.indexOf("beta") && caret <= TEXT.indexOf("beta") + 4,
                "the click landed in the highlighted word, at " + caret);

        // A click on the thread selects its text.
        note(page).evaluate("area => area.setSelectionRange(0, 0)");
        thread.click(new Locator.ClickOptions().setPosition(4, 4));
        assertEquals("beta", note(page).evaluate("area => area.value.substring(area.selectionStart, "
                + "area.selectionEnd)"));

        button(thread, "Reply").click();
        thread.getByRole(AriaRole.TEXTBOX, new Locator.GetByRoleOptions().setName("Reply")).fill("Yes, capital B.");
        button(thread, "Post").click();
        assertThat(thread.locator(".comment")).hasCount(2);

        button(thread, "Edit").first().click();
        thread.getByRole(AriaRole.TEXTBOX, new Locator.GetByRoleOptions().setName("Edited text"))
                .fill("Should this be BETA?");
        button(thread, "Save").click();
        assertThat(thread).containsText("Should this be BETA?");
        assertThat(thread).containsText("edited");

        // Deleting asks first: "Cancel" keeps the reply, "Delete comment" deletes it for everyone.
        Locator reply = thread.locator(".comment").nth(1);
        button(reply, "Delete").click();
        Locator confirmation = thread.getByRole(AriaRole.GROUP, new Locator.GetByRoleOptions()
                .setName("Delete this comment?"));
        assertThat(button(confirmation, "Delete comment")).isFocused();
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("comments-1b-delete-asks.png")));
        button(confirmation, "Cancel").click();
        assertThat(confirmation).hasCount(0);
        assertThat(thread).containsText("Yes, capital B.");
        button(reply, "Delete").click();
        button(confirmation, "Delete comment").click();
        assertThat(reply).containsText("Comment deleted.");
        assertThat(thread.getByText("Yes, capital B.")).hasCount(0);
        assertThat(button(reply, "Edit")).hasCount(0);

        // Resolved: folded to one line, no highlight, not counted; unfolding shows it all, and it can be reopened.
        button(thread, "Resolve").click();
        Locator folded = thread.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions()
                .setName("Resolved: “beta” · 2 comments"));
        assertThat(folded).hasAttribute("aria-expanded", "false");
        assertThat(thread.getByText("Should this be BETA?")).isHidden();
        assertThat(toggle).hasText("Comments");
        assertThat(highlight).hasCount(0);
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("comments-2-resolved.png")));
        folded.click();
        assertThat(thread.getByText("Should this be BETA?")).isVisible();
        button(thread, "Reopen").click();
        assertThat(toggle).hasText("Comments (1)");
        assertThat(highlight).hasCount(1);

        // The toolbar button hides and shows the panel.
        toggle.click();
        assertThat(panel(page)).isHidden();
        assertThat(toggle).hasAttribute("aria-pressed", "false");
        toggle.click();
        assertThat(panel(page)).isVisible();

        // In the preview too: the highlighted words (inside bold) are marked, and a click there marks the thread.
        select(page, "bold words");
        commentButton.click();
        box.fill("Too loud.");
        box.press("Control+Enter");
        Locator loud = panel(page).getByRole(AriaRole.REGION, new Locator.GetByRoleOptions().setName("bold words"));
        assertThat(loud).isVisible();
        assertEquals(List.of("beta", "bold words"), panel(page).getByRole(AriaRole.REGION).evaluateAll(
                "regions => regions.map(region => region.getAttribute('aria-label'))"), "threads in text order");
        button(page, "Preview").click();
        Locator marks = page.locator("#preview mark.comment-mark");
        assertThat(marks).hasCount(2);
        assertThat(marks.nth(1)).hasText("bold words");
        marks.nth(1).click();
        assertThat(page.locator(".thread[data-active='true'] section")).hasAttribute("aria-label", "bold words");
        assertThat(loud).isFocused();
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("comments-3-preview.png")));

        // Deleting the commented text keeps the thread, detached, with its quote.
        select(page, "beta ");
        page.keyboard().press("Delete");
        assertThat(thread).containsText("Detached");
        assertThat(thread).containsText("“beta”");
        assertThat(toggle).hasText("Comments (2)");
        assertEquals(List.of("bold words", "beta"), panel(page).getByRole(AriaRole.REGION).evaluateAll(
                "regions => regions.map(region => region.getAttribute('aria-label'))"), "detached threads last");
        assertEquals(List.of(), page.evaluate("window.cspViolations"),
                "nothing the comments draw is blocked by the page's Content-Security-Policy");
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("comments-4-detached.png")));
        page.context().close();
    }

    private static Locator panel(Page page) {
        return page.getByRole(AriaRole.COMPLEMENTARY, new Page.GetByRoleOptions().setName("Comments").setExact(true));
    }

    private static Locator button(Page page, String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private static Locator button(Locator scope, String name) {
        return scope.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(name).setExact(true));
    }

    /** Selects the first {@code word} in the note, and nudges the selection by keyboard as a person would. */
    private static void select(Page page, String word) {
        int start = note(page).inputValue().indexOf(word);
        note(page).evaluate("(area, range) => { area.focus(); area.setSelectionRange(range[0], range[1]); }",
                List.of(start, start + word.length()));
        page.keyboard().press("Shift+ArrowLeft");
        page.keyboard().press("Shift+ArrowRight");
    }

    private static Page newNote(String text) {
        BrowserContext context = browser.newContext();
        context.addInitScript("window.cspViolations = []; document.addEventListener('securitypolicyviolation', "
                + "event => window.cspViolations.push(event.violatedDirective));");
        Page page = context.newPage();
        page.navigate(server.url("/"));
        NotePage.pressNewNote(page);
        note(page).fill(text);
        assertThat(page.getByRole(AriaRole.STATUS)).hasText(NotePage.SAVED);
        return page;
    }
}
