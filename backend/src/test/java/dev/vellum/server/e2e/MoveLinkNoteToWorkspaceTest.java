package dev.vellum.server.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.vellum.server.testing.NotePage.note;
import static dev.vellum.server.testing.WorkspacePages.button;
import static dev.vellum.server.testing.WorkspacePages.field;
import static dev.vellum.server.testing.WorkspacePages.link;
import static dev.vellum.server.testing.WorkspacePages.slowly;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.SelectOption;
import dev.vellum.server.testing.BrowserTest;
import dev.vellum.server.testing.BrowserTestCase;
import dev.vellum.server.testing.NotePage;
import dev.vellum.server.testing.WorkspacePages;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A logged-in person moves a note shared by link into their Personal workspace: the workspace then lists it by the
 * first line of its text and opens it with the whole text, and the link note keeps what it had.
 */
@BrowserTest
class MoveLinkNoteToWorkspaceTest extends BrowserTestCase {
    private static final Pattern WORKSPACE_NOTE = Pattern.compile(".*/w/[A-Za-z0-9_-]{22}/n/[A-Za-z0-9_-]{22}$");
    private static final String TEXT = "Garden plan\nTomatoes by the wall.";

    private static BrowserContext context;

    @BeforeAll
    static void start() {
        PlaywrightAssertions.setDefaultAssertionTimeout(30_000);
        context = browser.newContext();
    }

    @AfterAll
    static void close() {
        PlaywrightAssertions.setDefaultAssertionTimeout(5_000);
        context.close();
    }

    @Test
    void aMovedLinkNote_isListedInTheWorkspaceByItsFirstLine_andOpensWithItsText() {
        Page dana = WorkspacePages.signUp(context, server, "dana", "dana keeps a quiet garden");
        assertThat(link(dana, "Personal")).isVisible(slowly());
        NotePage.pressNewNote(dana);
        String linkNote = dana.url();
        NotePage.type(dana, TEXT);
        assertThat(NotePage.status(dana)).hasText(NotePage.SAVED);

        button(dana, "Move to workspace").click();
        field(dana, "Workspace").selectOption(new SelectOption().setLabel("Personal"));
        button(dana, "Move").click();

        dana.waitForURL(WORKSPACE_NOTE, new Page.WaitForURLOptions().setTimeout(WorkspacePages.SLOW_MILLIS));
        String moved = dana.url();
        assertThat(note(dana)).hasValue(TEXT, new LocatorAssertions.HasValueOptions()
                .setTimeout(WorkspacePages.SLOW_MILLIS));
        assertThat(dana.locator("#alert")).containsText("that link still opens the old copy");
        assertThat(NotePage.status(dana)).hasText(NotePage.SAVED);
        WorkspacePages.shot(dana, "move-01-moved");

        // The workspace lists it by its first line, and opening it from there (a fresh page) shows the text.
        dana.navigate(server.url("/"));
        link(dana, "Personal").click();
        link(dana, "Garden plan").click();
        dana.waitForURL(moved);
        assertThat(field(dana, "Title")).hasValue("Garden plan");
        assertThat(note(dana)).hasValue(TEXT, new LocatorAssertions.HasValueOptions()
                .setTimeout(WorkspacePages.SLOW_MILLIS));

        // The link note is left as it was.
        dana.navigate(linkNote);
        assertThat(note(dana)).hasValue(TEXT);
    }
}
