package dev.vellum.server.testing;

import static dev.vellum.server.testing.NotePage.note;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The comments of a note for the end-to-end tests, found by the names issue 11 gives them: button "Comment" on a
 * selection, a textbox "Comment" and button "Post", per thread "Reply", "Resolve" and "Reopen"; a thread is a region
 * named after the start of its anchored text; the toolbar's "Comments (n)" counts open threads.
 */
public final class CommentPages {
    private CommentPages() {
    }

    /** The side panel that lists the threads. */
    public static Locator panel(Page page) {
        return page.getByRole(AriaRole.COMPLEMENTARY, new Page.GetByRoleOptions().setName("Comments")
                .setExact(true));
    }

    /** The thread about the text that began with {@code quoteStart} when it was posted. */
    public static Locator thread(Page page, String quoteStart) {
        return panel(page).getByRole(AriaRole.REGION, new Locator.GetByRoleOptions()
                .setName(Pattern.compile("^" + literal(quoteStart))));
    }

    /**
     * {@code text} as a regular expression that matches it literally, in the syntax both Java and the browser's
     * JavaScript read: Playwright hands a name's pattern to the page, where {@link Pattern#quote}'s {@code \Q...\E}
     * means something else.
     */
    private static String literal(String text) {
        return text.replaceAll("[\\\\^$.|?*+()\\[\\]{}]", "\\\\$0");
    }

    /** Every thread in the panel, in the panel's order. */
    public static Locator threads(Page page) {
        return panel(page).getByRole(AriaRole.REGION);
    }

    /** The names of the threads in the panel, in its order: what a screen reader lists. */
    @SuppressWarnings("unchecked")
    public static List<String> threadNames(Page page) {
        return (List<String>) threads(page).evaluateAll("regions => regions.map(region =>"
                + " region.getAttribute('aria-label') || (region.getAttribute('aria-labelledby') || '').split(' ')"
                + ".map(id => (document.getElementById(id) || {}).textContent || '').join(' ').trim())");
    }

    /** The toolbar's count of open threads, e.g. "Comments (2)". */
    public static Locator openCount(Page page, int open) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions()
                .setName(Pattern.compile("^Comments \\(" + open + "\\)$")));
    }

    /**
     * Selects {@code word} (its first occurrence) in the note as a person would with Shift and the arrow keys: the
     * range is set at once, so that an edit arriving meanwhile cannot shift it, then grown and shrunk by a key.
     */
    public static void selectWord(Page page, String word) {
        String text = note(page).inputValue();
        int start = text.indexOf(word);
        if (start < 0) {
            throw new AssertionError("\"" + word + "\" is not in the note: " + text);
        }
        select(page, start, start + word.length());
    }

    /** Selects the characters {@code start} (inclusive) to {@code end} (exclusive), {@code end > start}. */
    public static void select(Page page, int start, int end) {
        note(page).evaluate("(area, range) => { area.focus(); area.setSelectionRange(range[0], range[1], 'forward'); }",
                List.of(start, end));
        page.keyboard().press("Shift+ArrowLeft");
        page.keyboard().press("Shift+ArrowRight");
    }

    /** Selects {@code word}, presses "Comment" and writes {@code text}, leaving it unposted. */
    public static void startComment(Page page, String word, String text) {
        selectWord(page, word);
        WorkspacePages.button(page, "Comment").click();
        Locator box = page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Comment")
                .setExact(true)).filter(new Locator.FilterOptions().setVisible(true));
        box.fill(text);
    }

    /** Posts the comment {@link #startComment} wrote. */
    public static void post(Page page) {
        WorkspacePages.button(page, "Post").click();
    }

    /** Comments {@code text} on {@code word}. */
    public static void comment(Page page, String word, String text) {
        startComment(page, word, text);
        post(page);
    }

    /** Replies {@code text} in {@code thread}. */
    public static void reply(Locator thread, String text) {
        WorkspacePages.button(thread, "Reply").click();
        Locator box = thread.getByRole(AriaRole.TEXTBOX, new Locator.GetByRoleOptions()
                .setName(Pattern.compile("^(Reply|Comment)$")));
        box.fill(text);
        WorkspacePages.button(thread, "Post").click();
    }

    public static void resolve(Locator thread) {
        WorkspacePages.button(thread, "Resolve").click();
    }

    /** Reopens a resolved thread, unfolding it first if it is folded to one line ("Resolved: “…” · 2 comments"). */
    public static void reopen(Locator thread) {
        Locator reopen = WorkspacePages.button(thread, "Reopen");
        if (!reopen.isVisible()) {
            thread.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions()
                    .setName(Pattern.compile("Resolved: "))).click();
        }
        reopen.click();
    }

    /**
     * The text {@code thread} is anchored to now, as the editor shows it: clicking a thread selects its range in
     * the note.
     */
    public static String anchoredText(Page page, Locator thread) {
        Locator area = note(page);
        area.evaluate("area => area.setSelectionRange(0, 0)");
        thread.click(new Locator.ClickOptions().setPosition(4, 4));
        page.waitForCondition(() -> (Boolean) area.evaluate("area => area.selectionEnd > area.selectionStart"),
                new Page.WaitForConditionOptions().setTimeout(10_000));
        return (String) area.evaluate("area => area.value.substring(area.selectionStart, area.selectionEnd)");
    }
}
