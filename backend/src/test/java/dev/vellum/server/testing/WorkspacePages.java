package dev.vellum.server.testing;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The workspace screens for the end-to-end tests: finds their parts by role and accessible name, as issue 10 lists
 * them and a screen reader would, and walks a person's steps (sign up, make a workspace, invite, join, open a note).
 */
public final class WorkspacePages {
    /** Signing up runs Argon2id at the real cost, slower on a loaded machine than Playwright's default wait. */
    public static final double SLOW_MILLIS = 60_000;
    private static final Path SHOTS = Path.of("target/screenshots");
    private static final Pattern WORKSPACE_PAGE = Pattern.compile(".*/w/[A-Za-z0-9_-]{22}$");
    private static final Pattern WORKSPACE_NOTE = Pattern.compile(".*/w/[A-Za-z0-9_-]{22}/n/[A-Za-z0-9_-]{22}$");

    private WorkspacePages() {
    }

    /** Signs {@code username} up in {@code context} through the page, and leaves it logged in on the home page. */
    public static Page signUp(BrowserContext context, RunningServer server, String username, String passphrase) {
        Page page = context.newPage();
        page.navigate(server.url("/signup"));
        field(page, "Username").fill(username);
        field(page, "Passphrase").fill(passphrase);
        field(page, "Repeat passphrase").fill(passphrase);
        button(page, "Sign up").click();
        button(page, "I have saved it").click(new Locator.ClickOptions().setTimeout(SLOW_MILLIS));
        assertThat(page.getByText("Logged in as " + username)).isVisible();
        return page;
    }

    /** From the home page: makes a workspace named {@code name} and returns its page's address. */
    public static String newWorkspace(Page page, RunningServer server, String name) {
        page.navigate(server.url("/"));
        button(page, "New workspace").click();
        field(page, "Workspace name").fill(name);
        button(page, "Create").click();
        page.waitForURL(WORKSPACE_PAGE, new Page.WaitForURLOptions().setTimeout(SLOW_MILLIS));
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(name))).isVisible();
        return page.url();
    }

    /**
     * The owner invites {@code username} by name into the workspace at {@code workspaceUrl}, in the role whose
     * option value is {@code role} ("editor", "viewer").
     */
    public static void invite(Page owner, String workspaceUrl, String username, String role) {
        owner.navigate(workspaceUrl);
        openMembers(owner);
        button(owner, "Invite").click();
        field(owner, "Username").fill(username);
        field(owner, "Role").selectOption(new SelectOption().setValue(role));
        button(owner, "Send invitation").click();
        assertThat(owner.locator("#invite-sent")).containsText(username);
        button(owner, "Close the invite dialog").click();
    }

    /** The invitee accepts the invitation to {@code workspaceName} from their home page. */
    public static void accept(Page invitee, RunningServer server, String workspaceName) {
        invitee.navigate(server.url("/"));
        Locator invitation = item(invitee, "Invitations", workspaceName);
        assertThat(invitation).isVisible(slowly());
        button(invitation, "Accept").click();
        assertThat(link(invitee, workspaceName)).isVisible(slowly());
    }

    /** Makes a note titled {@code title} in the workspace and waits until it takes typing; returns its address. */
    public static String newNote(Page writer, String workspaceUrl, String title) {
        writer.navigate(workspaceUrl);
        button(writer, "New note").click();
        writer.waitForURL(WORKSPACE_NOTE);
        field(writer, "Title").fill(title);
        field(writer, "Title").press("Enter");
        assertThat(writer.locator("#note-title-status")).hasText("Title saved");
        assertThat(NotePage.note(writer)).isEditable(new LocatorAssertions.IsEditableOptions()
                .setTimeout(SLOW_MILLIS));
        return writer.url();
    }

    /** The visible field with this accessible name (several pages share labels; all are hidden but one). */
    public static Locator field(Page page, String label) {
        return page.getByLabel(label, new Page.GetByLabelOptions().setExact(true))
                .filter(new Locator.FilterOptions().setVisible(true));
    }

    public static Locator button(Page page, String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true))
                .filter(new Locator.FilterOptions().setVisible(true));
    }

    public static Locator button(Locator scope, String name) {
        return scope.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(name).setExact(true));
    }

    public static Locator link(Page page, String name) {
        return page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    /** The item of a list (by its accessible name) that mentions {@code text}. */
    public static Locator item(Page page, String listName, String text) {
        return page.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName(listName).setExact(true))
                .getByRole(AriaRole.LISTITEM).filter(new Locator.FilterOptions().setHasText(text));
    }

    /** The member row of {@code username} in the open Members panel. */
    public static Locator member(Page page, String username) {
        return page.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Members").setExact(true))
                .getByRole(AriaRole.LISTITEM).filter(new Locator.FilterOptions().setHas(
                        page.locator(".member-name").getByText(username, new Locator.GetByTextOptions()
                                .setExact(true))));
    }

    /** The 60 digits of the safety number shown with {@code username} inside {@code scope}. */
    public static String safetyNumberWith(Locator scope, String username) {
        Locator digits = scope.getByLabel("Safety number with " + username, new Locator.GetByLabelOptions()
                .setExact(true));
        assertThat(digits).hasAttribute("data-digits", java.util.regex.Pattern.compile("^[0-9]{60}$"));
        return digits.getAttribute("data-digits");
    }

    /** Opens the Members panel (if closed) and returns it. */
    public static Locator openMembers(Page page) {
        Locator panel = page.getByRole(AriaRole.COMPLEMENTARY, new Page.GetByRoleOptions().setName("Members")
                .setExact(true));
        if (!panel.isVisible()) {
            button(page, "Members").click();
        }
        assertThat(panel).isVisible();
        return panel;
    }

    public static Locator alertDialog(Page page) {
        return page.getByRole(AriaRole.ALERTDIALOG);
    }

    public static LocatorAssertions.IsVisibleOptions slowly() {
        return new LocatorAssertions.IsVisibleOptions().setTimeout(SLOW_MILLIS);
    }

    public static void shot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(name + ".png")).setFullPage(true));
    }
}
