package dev.vellum.server.testing;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.regex.Pattern;

/**
 * Vellum's note page for the end-to-end tests and benchmarks: finds its parts by role and name, as a screen reader
 * would, and walks the steps a person takes (start a new note, open a link, type, read the status).
 */
public final class NotePage {
    /** What the status line says once every edit is stored on the server. */
    public static final String SAVED = "Saved, end-to-end encrypted";
    /** A note's link: its id in the path, its secret after the {@code #}. */
    private static final Pattern NOTE_LINK = Pattern.compile(".*/n/[A-Za-z0-9_-]{22}#[A-Za-z0-9_-]{43}$");

    private NotePage() {
    }

    /** A new page in {@code person}'s browser context on the home page, with **New note** pressed. */
    public static Page newNote(BrowserContext person, RunningServer server) {
        Page page = person.newPage();
        page.navigate(server.url("/"));
        pressNewNote(page);
        return page;
    }

    /** On the home page: presses **New note** and waits until the note's link is in the address bar and it is editable. */
    public static void pressNewNote(Page page) {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New note")).click();
        page.waitForURL(NOTE_LINK);
        assertThat(note(page)).isEditable();
    }

    /** A new page in {@code person}'s browser context, opening a note's link as someone it was sent to. */
    public static Page openLink(BrowserContext person, String link) {
        Page page = person.newPage();
        page.navigate(link);
        return page;
    }

    /** The note's text area. */
    public static Locator note(Page page) {
        return page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Note").setExact(true));
    }

    /** Types into the note key by key, as a person would, where its caret is. */
    public static void type(Page page, String text) {
        note(page).pressSequentially(text, new Locator.PressSequentiallyOptions().setDelay(5));
    }

    /** The status line: saved, offline, changes waiting, ... */
    public static Locator status(Page page) {
        return page.getByRole(AriaRole.STATUS);
    }
}
