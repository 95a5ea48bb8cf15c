package dev.vellum.server.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.vellum.server.testing.WorkspacePages.button;
import static dev.vellum.server.testing.WorkspacePages.field;
import static dev.vellum.server.testing.WorkspacePages.link;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import dev.vellum.server.testing.BrowserTest;
import dev.vellum.server.testing.BrowserTestCase;
import dev.vellum.server.testing.NotePage;
import dev.vellum.server.testing.WorkspacePages;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A person who types a new workspace note's title as soon as its page shows the field, without waiting for the note
 * to open, gets that title kept and saved, as one who waits does.
 */
@BrowserTest
class NewNoteTitleTypedAtOnceTest extends BrowserTestCase {
    private static final Pattern WORKSPACE_NOTE = Pattern.compile(".*/w/[A-Za-z0-9_-]{22}/n/[A-Za-z0-9_-]{22}$");
    private static final int ROUNDS = 3;
    /** Between keys, as a person types: the typing then spans the note's opening, whatever the machine's speed. */
    private static final double KEY_DELAY_MILLIS = 40;

    @Test
    void aTitleTypedRightAfterTheNewNotesPageLoads_isKeptAndSaved() {
        PlaywrightAssertions.setDefaultAssertionTimeout(30_000);
        BrowserContext context = browser.newContext();
        try {
            Page alice = WorkspacePages.signUp(context, server, "alice", "violet kettle marches slowly");
            String workspaceUrl = WorkspacePages.newWorkspace(alice, server, "Errands");
            for (int round = 0; round < ROUNDS; round++) {
                String title = "Errands for the trip, list " + round;
                alice.navigate(workspaceUrl);
                button(alice, "New note").click();
                alice.waitForURL(WORKSPACE_NOTE);
                // At once, as a person does: no waiting for the note's text to open.
                field(alice, "Title").pressSequentially(title, new Locator.PressSequentiallyOptions()
                        .setDelay(KEY_DELAY_MILLIS));
                field(alice, "Title").press("Enter");
                assertThat(alice.locator("#note-title-status")).hasText("Title saved");
                assertThat(field(alice, "Title")).hasValue(title);
                assertThat(NotePage.note(alice)).isEditable(new LocatorAssertions.IsEditableOptions()
                        .setTimeout(WorkspacePages.SLOW_MILLIS));
                assertThat(NotePage.note(alice)).hasValue(""); // nothing of the title went into the text

                alice.navigate(workspaceUrl);
                assertThat(link(alice, title)).isVisible();
            }
        } finally {
            context.close();
        }
    }
}
