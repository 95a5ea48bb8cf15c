package dev.vellum.server.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.vellum.server.testing.NotePage.note;
import static dev.vellum.server.testing.NotePage.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.SameSiteAttribute;
import com.microsoft.playwright.options.WaitForSelectorState;
import dev.vellum.server.testing.BrowserTest;
import dev.vellum.server.testing.BrowserTestCase;
import dev.vellum.server.testing.NotePage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two logged-in people, each in a browser context of their own, co-edit a note: each sees the other's username on
 * their caret, in the list of people and on the versions in History, and an anonymous third person who has only the
 * link still joins, shown as having no account. Then Alice logs out in another tab, and her note tab stops with a
 * message instead of retrying. A logged-in person whose session cannot be checked (offline) never writes
 * anonymously: their edits wait in the browser and go out as them once the network returns.
 */
@BrowserTest
class LoggedInCoEditTest extends BrowserTestCase {
    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    /** Signing up runs Argon2id at the real cost, slower on a loaded machine than Playwright's default wait. */
    private static final double SLOW_MILLIS = 60_000;
    private static final String SESSION_ENDED = "Your session ended. Log in again to keep editing; your unsent "
            + "changes are kept in this browser.";

    @Test
    void twoLoggedInPeople_seeEachOthersUsername_onCaretsAndInHistory_andAnAnonymousThirdStillJoins()
            throws InterruptedException {
        BrowserContext aliceContext = browser.newContext();
        BrowserContext bobContext = browser.newContext();
        BrowserContext carolContext = browser.newContext();
        signUp(aliceContext, "alice", "violet kettle marches slowly");
        signUp(bobContext, "bob", "bob's copper teapot sings");

        Page alice = aliceContext.newPage();
        alice.clock().install(); // her pauses are fast-forwarded, so History gets her version without waiting
        alice.navigate(server.url("/"));
        assertThat(alice.getByText("Logged in as alice")).isVisible(new LocatorAssertions.IsVisibleOptions()
                .setTimeout(SLOW_MILLIS));
        NotePage.pressNewNote(alice);
        assertThat(alice.getByText("Writing as alice", new Page.GetByTextOptions().setExact(true))).isVisible();
        NotePage.type(alice, "Alice: plan the trip.");
        assertThat(status(alice)).hasText(NotePage.SAVED);

        Page bob = bobContext.newPage();
        bob.clock().install();
        bob.navigate(alice.url());
        assertThat(note(bob)).hasValue("Alice: plan the trip.", slow());
        assertThat(bob.getByText("Writing as bob", new Page.GetByTextOptions().setExact(true))).isVisible();
        note(bob).press("Control+End");
        NotePage.type(bob, "\nBob: I book the train.");
        assertThat(note(alice)).hasValue("Alice: plan the trip.\nBob: I book the train.");
        assertThat(status(bob)).hasText(NotePage.SAVED);
        note(alice).press("Control+Home"); // a caret move: Bob hears where Alice is now

        assertThat(caretLabel(alice)).hasText("bob");
        assertThat(people(alice)).hasText("bob");
        assertThat(caretLabel(bob)).hasText("alice");
        assertThat(people(bob)).hasText("alice");
        assertThat(caretLabel(alice)).hasCSS("font-style", "normal");

        // Each pauses in turn: each browser keeps a version, signed as its person. Bob's waits until he has Alice's,
        // since a browser only makes a version of the note as the server has it.
        alice.clock().runFor(11_000);
        versionsOnceThereAre(bob, 1);
        closeHistory(bob);
        bob.clock().runFor(11_000);
        Locator bobsHistory = versionsOnceThereAre(bob, 2);
        assertThat(bobsHistory.nth(0).locator("span")).hasText("bob");
        assertThat(bobsHistory.nth(1).locator("span")).hasText("alice");
        Locator alicesHistory = openHistory(alice);
        assertThat(alicesHistory).hasCount(2);
        assertThat(alicesHistory.nth(0).locator("span")).hasText("bob");
        screenshot(alice, "11-logged-in-alice-sees-bob");
        screenshot(bob, "11-logged-in-bob-sees-alice");
        closeHistory(alice);
        closeHistory(bob);

        Page carol = carolContext.newPage();
        carol.navigate(alice.url());
        assertThat(note(carol)).hasValue("Alice: plan the trip.\nBob: I book the train.", slow());
        Locator carolWritesAs = carol.locator("#writing-as");
        assertThat(carolWritesAs).containsText("(no account)");
        String carolsName = carolWritesAs.textContent().substring("Writing as ".length());
        note(carol).press("Control+End");
        NotePage.type(carol, "\nCarol: count me in.");
        String together = "Alice: plan the trip.\nBob: I book the train.\nCarol: count me in.";
        assertThat(note(alice)).hasValue(together);
        assertThat(note(bob)).hasValue(together);
        assertThat(people(alice).filter(new Locator.FilterOptions().setHasText("(no account)")))
                .hasText(carolsName);
        assertThat(people(alice).filter(new Locator.FilterOptions().setHasText("(no account)")))
                .hasCSS("font-style", "italic");
        Locator carolsCaret = alice.locator("#peer-layer .peer-name").filter(new Locator.FilterOptions()
                .setHasText("(no account)"));
        assertThat(carolsCaret).hasText(carolsName);
        assertThat(carolsCaret).hasCSS("font-style", "italic");
        assertThat(people(carol).filter(new Locator.FilterOptions().setHasText("bob"))).hasText("bob");
        // Carol opened the note from Bob's version, which replaced Alice's items: no item of Alice's has reached
        // her, so nothing yet ties "alice" to Alice's account, and the name on her caret is only a claim.
        Locator aliceAtCarol = people(carol).filter(new Locator.FilterOptions().setHasText("alice"));
        assertThat(aliceAtCarol).hasText("alice (unverified)");
        screenshot(carol, "12-anonymous-carol-before-alice-writes-again");
        note(alice).press("Control+End");
        NotePage.type(alice, " See you!");
        assertThat(aliceAtCarol).hasText("alice");
        assertThat(aliceAtCarol).hasCSS("font-style", "normal");
        screenshot(alice, "12-logged-in-alice-sees-bob-and-anonymous-carol");
        screenshot(carol, "12-anonymous-carol-sees-alice-and-bob");

        // Alice logs out in another tab: the server closes her note's socket, and the tab says so and stops.
        Page aliceHome = aliceContext.newPage();
        aliceHome.navigate(server.url("/"));
        aliceHome.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log out").setExact(true))
                .click();
        assertThat(alice.getByRole(AriaRole.ALERT).filter(new Locator.FilterOptions()
                .setHasText("Your session ended"))).hasText(SESSION_ENDED,
                new LocatorAssertions.HasTextOptions().setTimeout(SLOW_MILLIS));
        assertThat(note(alice)).not().isEditable();
        assertThat(note(alice)).hasValue(together + " See you!");
        screenshot(alice, "13-logged-in-alice-session-ended");

        aliceContext.close();
        bobContext.close();
        carolContext.close();
    }

    @Test
    void sessionRefusedWhenTheNoteReconnects_stopsTheTab_withTheMessage_insteadOfRetrying() {
        BrowserContext context = browser.newContext();
        // The page's sockets, so that the test can drop them as a network would.
        context.addInitScript("(() => { const Native = WebSocket; window.vellumSockets = [];"
                + " window.WebSocket = function (url) { const s = new Native(url); vellumSockets.push(s); return s; };"
                + " window.WebSocket.prototype = Native.prototype; window.WebSocket.OPEN = Native.OPEN; })();");
        signUp(context, "dora", "dora's quiet harbour lights");
        Page dora = context.newPage();
        dora.navigate(server.url("/"));
        assertThat(dora.getByText("Logged in as dora")).isVisible(new LocatorAssertions.IsVisibleOptions()
                .setTimeout(SLOW_MILLIS));
        NotePage.pressNewNote(dora);
        NotePage.type(dora, "Dora's draft");
        assertThat(status(dora)).hasText(NotePage.SAVED);
        List<String> sessionChecks = new ArrayList<>();
        dora.onRequest(request -> {
            if (request.url().endsWith("/api/session")) {
                sessionChecks.add(request.url());
            }
        });

        // Her session ends without this tab hearing of it (a cookie the server no longer knows), and the
        // connection drops: the upgrade is refused with 401, which the page learns by asking the session API.
        context.addCookies(List.of(new Cookie("vellum_session", "A".repeat(43)).setUrl(server.url("/"))
                .setHttpOnly(true).setSameSite(SameSiteAttribute.STRICT)));
        dora.evaluate("vellumSockets.forEach(socket => socket.close())");

        assertThat(dora.getByRole(AriaRole.ALERT).filter(new Locator.FilterOptions()
                .setHasText("Your session ended"))).hasText(SESSION_ENDED,
                new LocatorAssertions.HasTextOptions().setTimeout(SLOW_MILLIS));
        assertThat(note(dora)).not().isEditable();
        assertThat(note(dora)).hasValue("Dora's draft");
        screenshot(dora, "14-session-refused-on-reconnect");
        dora.waitForTimeout(3_000);
        assertEquals(1, sessionChecks.size(), "asked once, then no retry loop: " + sessionChecks);
        context.close();
    }

    @Test
    void sessionUnreachableOnReload_neverWritesAnonymously_keepsTheEdits_andSendsThemAsThePersonOnceOnline() {
        BrowserContext context = browser.newContext();
        signUp(context, "erin", "erin's slow river of stars");
        Page erin = context.newPage();
        erin.navigate(server.url("/"));
        assertThat(erin.getByText("Logged in as erin")).isVisible(new LocatorAssertions.IsVisibleOptions()
                .setTimeout(SLOW_MILLIS));
        NotePage.pressNewNote(erin);
        NotePage.type(erin, "Erin's list");
        assertThat(status(erin)).hasText(NotePage.SAVED);
        assertThat(note(erin)).hasAttribute("data-local-copy", "kept");
        String link = erin.url();

        // The note reloads while the server cannot be reached for the session (a network error, as offline).
        context.route("**/api/session", route -> route.abort());
        List<String> sockets = new ArrayList<>();
        erin.onWebSocket(socket -> sockets.add(socket.url()));
        erin.reload();
        assertThat(erin.locator("#account-locked")).containsText("cannot unlock your account while offline",
                new LocatorAssertions.ContainsTextOptions().setTimeout(SLOW_MILLIS));
        assertThat(erin.locator("#writing-as")).not().containsText("no account");
        assertThat(note(erin)).hasValue("Erin's list");
        note(erin).press("Control+End");
        NotePage.type(erin, " and more");
        assertThat(note(erin)).hasAttribute("data-local-copy", "kept");
        assertThat(status(erin)).containsText("Offline");
        screenshot(erin, "15-logged-in-offline-keys-locked");
        assertTrue(sockets.isEmpty(), "nothing connects, under any key, while her keys are locked: " + sockets);

        // The network returns: the page unlocks her keys, reopens as her device and sends what she typed.
        context.setOffline(true);
        context.unroute("**/api/session");
        context.setOffline(false);
        assertThat(erin.getByText("Writing as erin", new Page.GetByTextOptions().setExact(true)))
                .isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(SLOW_MILLIS));
        assertThat(status(erin)).hasText(NotePage.SAVED, new LocatorAssertions.HasTextOptions()
                .setTimeout(SLOW_MILLIS));
        assertThat(note(erin)).hasValue("Erin's list and more");
        assertThat(erin.locator("#account-locked")).isHidden();

        // Someone with the link gets the edits, and Erin's caret under her username.
        BrowserContext other = browser.newContext();
        Page reader = NotePage.openLink(other, link);
        assertThat(note(reader)).hasValue("Erin's list and more", slow());
        note(erin).press("Control+Home"); // a caret move: the reader hears where Erin is
        assertThat(people(reader)).containsText("erin", new LocatorAssertions.ContainsTextOptions()
                .setTimeout(SLOW_MILLIS));
        screenshot(erin, "16-logged-in-back-online-sent-as-erin");
        other.close();
        context.close();
    }

    /** Signs {@code username} up in {@code context} through the page, as a person would, and leaves it logged in. */
    private static void signUp(BrowserContext context, String username, String passphrase) {
        Page page = context.newPage();
        page.navigate(server.url("/signup"));
        field(page, "Username").fill(username);
        field(page, "Passphrase").fill(passphrase);
        field(page, "Repeat passphrase").fill(passphrase);
        button(page, "Sign up").click();
        button(page, "I have saved it").click(new Locator.ClickOptions().setTimeout(SLOW_MILLIS));
        assertThat(page.getByText("Logged in as " + username)).isVisible();
        page.close();
    }

    /** Opens History, again and again until it lists {@code count} versions (made moments ago, maybe not stored). */
    private static Locator versionsOnceThereAre(Page page, int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + (long) SLOW_MILLIS;
        while (true) {
            Locator versions = openHistory(page);
            page.getByRole(AriaRole.COMPLEMENTARY, new Page.GetByRoleOptions().setName("Earlier versions"))
                    .locator("#history-empty:not(:has-text('Loading'))")
                    .waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.ATTACHED));
            if (versions.count() >= count || System.currentTimeMillis() > deadline) {
                assertThat(versions).hasCount(count);
                return versions;
            }
            closeHistory(page);
            Thread.sleep(500);
        }
    }

    private static Locator openHistory(Page page) {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("History")).click();
        return page.getByRole(AriaRole.COMPLEMENTARY, new Page.GetByRoleOptions().setName("Earlier versions"))
                .getByRole(AriaRole.LISTITEM);
    }

    private static void closeHistory(Page page) {
        page.getByRole(AriaRole.COMPLEMENTARY, new Page.GetByRoleOptions().setName("Earlier versions"))
                .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Close")).click();
    }

    /** The name shown on the other person's caret (one other person). */
    private static Locator caretLabel(Page page) {
        return page.locator("#peer-layer .peer-name");
    }

    /** The list of the other people in the note. */
    private static Locator people(Page page) {
        return page.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Also in this note"))
                .getByRole(AriaRole.LISTITEM);
    }

    /** The visible field labelled so (the sign-up, login and recovery forms share labels, hidden but one). */
    private static Locator field(Page page, String label) {
        return page.getByLabel(label, new Page.GetByLabelOptions().setExact(true))
                .filter(new Locator.FilterOptions().setVisible(true));
    }

    private static Locator button(Page page, String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private static LocatorAssertions.HasValueOptions slow() {
        return new LocatorAssertions.HasValueOptions().setTimeout(SLOW_MILLIS);
    }

    private static void screenshot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
    }
}
