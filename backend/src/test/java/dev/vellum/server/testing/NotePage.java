package dev.vellum.server.testing;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/** Finds parts of Vellum's note page for the end-to-end tests, by role and name, as a screen reader would. */
public final class NotePage {
    private NotePage() {
    }

    /** The note's text area. */
    public static Locator note(Page page) {
        return page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Note").setExact(true));
    }
}
