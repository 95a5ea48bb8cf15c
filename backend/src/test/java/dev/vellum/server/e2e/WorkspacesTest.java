package dev.vellum.server.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.vellum.server.testing.NotePage.note;
import static dev.vellum.server.testing.WorkspacePages.alertDialog;
import static dev.vellum.server.testing.WorkspacePages.button;
import static dev.vellum.server.testing.WorkspacePages.field;
import static dev.vellum.server.testing.WorkspacePages.item;
import static dev.vellum.server.testing.WorkspacePages.link;
import static dev.vellum.server.testing.WorkspacePages.member;
import static dev.vellum.server.testing.WorkspacePages.openMembers;
import static dev.vellum.server.testing.WorkspacePages.safetyNumberWith;
import static dev.vellum.server.testing.WorkspacePages.shot;
import static dev.vellum.server.testing.WorkspacePages.slowly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import dev.vellum.server.testing.BrowserTest;
import dev.vellum.server.testing.BrowserTestCase;
import dev.vellum.server.testing.NotePage;
import dev.vellum.server.testing.WorkspacePages;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Workspaces in Chromium, with Alice, Bob and Carol each in a browser context of their own, in the steps of one
 * story: Alice makes a workspace, invites Bob by username and Carol by link (and lets her in after seeing her safety
 * number); all three co-edit a note and see each other's safety numbers, the same on both sides; Alice removes Carol,
 * whose browser then opens nothing new and whom the server refuses, while Alice and Bob write on under the new key
 * epoch; Bob made a viewer finds his editor read-only and told why; a server that rolls the log back or swaps a key
 * meets a blocking alert and gets nothing; and a revoked or expired invite link is refused with a message that says
 * so.
 */
@BrowserTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkspacesTest extends BrowserTestCase {
    private static final Pattern WORKSPACE_PAGE = Pattern.compile(".*/w/[A-Za-z0-9_-]{22}$");
    private static final Pattern WORKSPACE_NOTE = Pattern.compile(".*/w/[A-Za-z0-9_-]{22}/n/[A-Za-z0-9_-]{22}$");
    private static final Pattern INVITE_LINK = Pattern.compile("^http://[^/]+/join/[A-Za-z0-9_-]{22}#[A-Za-z0-9_-]{43}$");

    private static BrowserContext aliceContext;
    private static BrowserContext bobContext;
    private static BrowserContext carolContext;
    private static Page alice;
    private static Page bob;
    private static Page carol;
    private static String workspaceUrl;
    private static String noteUrl;

    @BeforeAll
    static void start() {
        // Argon2id at sign-up, and every log entry verified in the page: slower than 5 s on a loaded 2-core machine.
        PlaywrightAssertions.setDefaultAssertionTimeout(30_000);
        aliceContext = browser.newContext();
        bobContext = browser.newContext();
        carolContext = browser.newContext();
        alice = WorkspacePages.signUp(aliceContext, server, "alice", "violet kettle marches slowly");
        bob = WorkspacePages.signUp(bobContext, server, "bob", "bob's copper teapot sings");
        carol = WorkspacePages.signUp(carolContext, server, "carol", "carol walks seven grey dogs");
    }

    @AfterAll
    static void close() {
        PlaywrightAssertions.setDefaultAssertionTimeout(5_000);
        aliceContext.close();
        bobContext.close();
        carolContext.close();
    }

    @Test
    @Order(1)
    void aliceMakesAWorkspace_besideHerPersonalOne() {
        assertThat(link(alice, "Personal")).isVisible(slowly());
        button(alice, "New workspace").click();
        field(alice, "Workspace name").fill("Trip");
        shot(alice, "ws-01-new-workspace");
        button(alice, "Create").click();
        alice.waitForURL(WORKSPACE_PAGE);
        workspaceUrl = alice.url();
        assertThat(alice.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Trip")))
                .isVisible(slowly());
        button(alice, "Rename workspace").click();
        field(alice, "Workspace name").fill("Trip planning");
        button(alice, "Save name").click();
        assertThat(alice.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Trip planning")))
                .isVisible();
        alice.navigate(server.url("/"));
        assertThat(link(alice, "Trip planning")).isVisible(slowly());
        assertThat(link(alice, "Personal")).isVisible();
    }

    @Test
    @Order(2)
    void aliceInvitesBobByUsername_andBobAccepts() {
        alice.navigate(workspaceUrl);
        openMembers(alice);
        button(alice, "Invite").click();
        field(alice, "Username").fill("bob");
        field(alice, "Role").selectOption(new SelectOption().setLabel("Editor: reads and writes notes"));
        button(alice, "Send invitation").click();
        Locator sent = alice.locator("#invite-sent");
        assertThat(sent).containsText("bob");
        String aliceSeesForBob = safetyNumberWith(sent, "bob");
        shot(alice, "ws-02-invited-bob");
        button(alice, "Close the invite dialog").click();

        bob.navigate(server.url("/"));
        Locator invitation = item(bob, "Invitations", "Trip planning");
        assertThat(invitation).containsText("as an editor", new com.microsoft.playwright.assertions
                .LocatorAssertions.ContainsTextOptions().setTimeout(WorkspacePages.SLOW_MILLIS));
        shot(bob, "ws-03-bob-invited");
        button(invitation, "Accept").click();
        link(bob, "Trip planning").click();
        bob.waitForURL(WORKSPACE_PAGE);
        Locator members = openMembers(bob);
        assertEquals(aliceSeesForBob, safetyNumberWith(member(bob, "alice"), "alice"),
                "Bob sees the safety number Alice saw when she invited him");
        assertThat(members).containsText("bob");
    }

    @Test
    @Order(3)
    void aliceInvitesCarolByLink_seesHerSafetyNumber_andLetsHerIn() {
        alice.navigate(workspaceUrl);
        openMembers(alice);
        button(alice, "Invite").click();
        button(alice, "Create invite link").click();
        Locator inviteLink = field(alice, "Invite link");
        assertThat(inviteLink).hasValue(INVITE_LINK);
        assertThat(inviteLink).not().isEditable();
        String url = inviteLink.inputValue();
        shot(alice, "ws-04-invite-link");
        button(alice, "Close the invite dialog").click();

        carol.navigate(url);
        assertThat(carol.getByText("Trip planning", new Page.GetByTextOptions().setExact(false)).first())
                .isVisible(slowly());
        String carolSeesForAlice = safetyNumberWith(carol.locator("#join-offer"), "alice");
        button(carol, "Join").click();
        assertThat(carol.locator("#join-waiting")).containsText("alice");
        shot(carol, "ws-05-carol-waits");

        alice.reload();
        openMembers(alice);
        Locator request = item(alice, "Asking to join", "carol");
        assertEquals(carolSeesForAlice, safetyNumberWith(request, "carol"),
                "Alice sees the safety number Carol sees before she lets her in");
        shot(alice, "ws-06-carol-asks-to-join");
        button(request, "Confirm").click();
        carol.waitForURL(WORKSPACE_PAGE, new Page.WaitForURLOptions().setTimeout(WorkspacePages.SLOW_MILLIS));
        assertThat(carol.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Trip planning")))
                .isVisible();
    }

    @Test
    @Order(4)
    void allThreeCoEditANote_andSeeEachOthersSafetyNumbers_theSameOnBothSides() {
        alice.navigate(workspaceUrl);
        button(alice, "New note").click();
        alice.waitForURL(WORKSPACE_NOTE);
        noteUrl = alice.url();
        field(alice, "Title").fill("Packing list");
        field(alice, "Title").press("Enter");
        assertThat(alice.locator("#note-title-status")).hasText("Title saved");
        assertThat(note(alice)).isEditable(new com.microsoft.playwright.assertions.LocatorAssertions
                .IsEditableOptions().setTimeout(WorkspacePages.SLOW_MILLIS));
        NotePage.type(alice, "Alice: tent.");
        assertThat(NotePage.status(alice)).hasText(NotePage.SAVED);

        for (Page person : new Page[] {bob, carol}) {
            person.navigate(workspaceUrl);
            link(person, "Packing list").click();
            person.waitForURL(WORKSPACE_NOTE);
            assertThat(field(person, "Title")).hasValue("Packing list");
            assertThat(note(person)).hasValue(Pattern.compile("^Alice: tent\\."));
        }
        note(bob).press("Control+End");
        NotePage.type(bob, "\nBob: stove.");
        assertThat(note(carol)).hasValue(Pattern.compile("Bob: stove\\.$"));
        note(carol).press("Control+End");
        NotePage.type(carol, "\nCarol: map.");
        String together = "Alice: tent.\nBob: stove.\nCarol: map.";
        assertThat(note(alice)).hasValue(together);
        assertThat(note(bob)).hasValue(together);
        assertThat(note(carol)).hasValue(together);
        shot(carol, "ws-07-three-co-edit");

        String[] people = {"alice", "bob", "carol"};
        Page[] pages = {alice, bob, carol};
        String[][] seen = new String[3][3];
        for (int i = 0; i < 3; i++) {
            pages[i].navigate(workspaceUrl);
            openMembers(pages[i]);
            for (int j = 0; j < 3; j++) {
                if (i != j) {
                    seen[i][j] = safetyNumberWith(member(pages[i], people[j]), people[j]);
                }
            }
        }
        shot(bob, "ws-08-bob-members");
        for (int i = 0; i < 3; i++) {
            for (int j = i + 1; j < 3; j++) {
                assertEquals(seen[i][j], seen[j][i], people[i] + " and " + people[j] + " see the same number");
            }
        }
        assertNotEquals(seen[0][1], seen[0][2], "each pair has its own number");

        button(member(alice, "bob"), "Mark as verified").click();
        assertThat(member(alice, "bob")).containsText("Verified");
        alice.reload();
        openMembers(alice);
        assertThat(member(alice, "bob")).containsText("Verified", new com.microsoft.playwright.assertions
                .LocatorAssertions.ContainsTextOptions().setTimeout(WorkspacePages.SLOW_MILLIS));
    }

    @Test
    @Order(5)
    void aliceRemovesCarol_carolOpensNothingNew_theServerRefusesHer_andAliceAndBobGoOnUnderTheNewEpoch() {
        carol.navigate(noteUrl);
        assertThat(note(carol)).isEditable(new com.microsoft.playwright.assertions.LocatorAssertions
                .IsEditableOptions().setTimeout(WorkspacePages.SLOW_MILLIS));
        bob.navigate(noteUrl);
        assertThat(note(bob)).isEditable(new com.microsoft.playwright.assertions.LocatorAssertions
                .IsEditableOptions().setTimeout(WorkspacePages.SLOW_MILLIS));

        alice.navigate(workspaceUrl);
        openMembers(alice);
        button(member(alice, "carol"), "Remove").click();
        button(alice, "Remove carol").click();
        assertThat(member(alice, "carol")).hasCount(0);
        shot(alice, "ws-09-carol-removed");

        // Carol's open note is cut off at once, and says so; it no longer takes her typing.
        assertThat(note(carol)).not().isEditable();
        assertThat(carol.getByRole(AriaRole.ALERT).filter(new Locator.FilterOptions()
                .setHasText("no longer a member"))).isVisible();
        shot(carol, "ws-10-carol-cut-off");
        // Nothing new opens for her: the workspace page says she is not a member, and the server answers 403.
        carol.navigate(workspaceUrl);
        assertThat(carol.getByRole(AriaRole.ALERT).filter(new Locator.FilterOptions()
                .setHasText("not a member"))).isVisible(slowly());
        String workspaceId = workspaceUrl.substring(workspaceUrl.lastIndexOf('/') + 1);
        for (String path : new String[] {"/log?from=0", "/keys", "/notes"}) {
            APIResponse answer = carolContext.request().get(server.url("/api/workspaces/" + workspaceId + path));
            assertEquals(403, answer.status(), path + ": " + answer.text());
        }
        carol.navigate(server.url("/"));
        assertThat(link(carol, "Personal")).isVisible(slowly());
        assertThat(link(carol, "Trip planning")).hasCount(0);

        // Alice and Bob write on: the server takes only items under the current (new) epoch, so they arrive.
        bob.navigate(noteUrl);
        alice.navigate(noteUrl);
        assertThat(note(alice)).isEditable(new com.microsoft.playwright.assertions.LocatorAssertions
                .IsEditableOptions().setTimeout(WorkspacePages.SLOW_MILLIS));
        assertThat(note(bob)).isEditable(new com.microsoft.playwright.assertions.LocatorAssertions
                .IsEditableOptions().setTimeout(WorkspacePages.SLOW_MILLIS));
        note(alice).press("Control+End");
        NotePage.type(alice, "\nAlice: after Carol left.");
        assertThat(note(bob)).hasValue(Pattern.compile("Alice: after Carol left\\.$"));
        note(bob).press("Control+End");
        NotePage.type(bob, "\nBob: noted.");
        assertThat(note(alice)).hasValue(Pattern.compile("Bob: noted\\.$"));
        assertThat(NotePage.status(alice)).hasText(NotePage.SAVED);
        assertThat(NotePage.status(bob)).hasText(NotePage.SAVED);
    }

    @Test
    @Order(6)
    void aliceDeletesANote_andBobMadeAViewer_findsHisEditorReadOnly_andToldWhy() {
        alice.navigate(workspaceUrl);
        button(alice, "New note").click();
        alice.waitForURL(WORKSPACE_NOTE);
        field(alice, "Title").fill("Scratch");
        field(alice, "Title").press("Enter");
        assertThat(alice.locator("#note-title-status")).hasText("Title saved");
        alice.navigate(workspaceUrl);
        button(alice, "Delete Scratch").click();
        button(alice, "Delete note Scratch").click();
        assertThat(alice.locator("#workspace-notice")).hasText("“Scratch” was deleted.");
        alice.reload();
        assertThat(link(alice, "Packing list")).isVisible(slowly());
        assertThat(link(alice, "Scratch")).hasCount(0);
        assertThat(link(alice, "Packing list")).isVisible();


        openMembers(alice);
        member(alice, "bob").getByLabel("Role", new Locator.GetByLabelOptions().setExact(true))
                .selectOption("viewer");
        assertThat(alice.locator("#workspace-notice")).hasText("bob is now a viewer.");

        bob.navigate(noteUrl);
        assertThat(note(bob)).hasValue(Pattern.compile("Bob: noted\\.$"), new com.microsoft.playwright.assertions
                .LocatorAssertions.HasValueOptions().setTimeout(WorkspacePages.SLOW_MILLIS));
        assertThat(note(bob)).not().isEditable();
        assertThat(bob.getByText("You are a viewer in this workspace", new Page.GetByTextOptions().setExact(false))
                .filter(new Locator.FilterOptions().setVisible(true))).isVisible();
        assertThat(field(bob, "Title")).not().isEditable();
        shot(bob, "ws-11-bob-viewer");
    }

    /**
     * The test plays a malicious server between Alice's browser and the real one (Playwright rewrites the answers):
     * it serves her a log one entry shorter than she verified before, then Bob's key as Carol's when Alice invites
     * Carol again. Each time a blocking alert says what happened, and nothing is sent.
     */
    @Test
    @Order(7)
    void aServerThatRollsTheLogBack_orSwapsAKey_isShownInABlockingAlert_andNothingIsSent() {
        String workspaceId = workspaceUrl.substring(workspaceUrl.lastIndexOf('/') + 1);
        String logUrl = server.url("/api/workspaces/" + workspaceId + "/log?from=0");
        int length = new JsonObject(aliceContext.request().get(logUrl).text()).getInteger("length");
        alice.navigate(workspaceUrl);
        assertThat(alice.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Trip planning")))
                .isVisible(slowly());

        aliceContext.route("**/api/workspaces/" + workspaceId + "/log*", route -> {
            JsonObject real = new JsonObject(route.fetch().text());
            JsonArray entries = real.getJsonArray("entries");
            entries.remove(entries.size() - 1);
            route.fulfill(new Route.FulfillOptions().setStatus(200).setContentType("application/json")
                    .setBody(real.put("entries", entries).put("length", entries.size()).encode()));
        });
        alice.reload();
        Locator rollback = alertDialog(alice);
        assertThat(rollback).containsText("went back in time", new com.microsoft.playwright.assertions
                .LocatorAssertions.ContainsTextOptions().setTimeout(WorkspacePages.SLOW_MILLIS));
        alice.keyboard().press("Escape");
        assertThat(rollback).isVisible(); // blocking: only one of its choices closes it
        assertThat(alice.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Packing list"))).hasCount(0);
        shot(alice, "ws-12-rollback-alert");
        aliceContext.unroute("**/api/workspaces/" + workspaceId + "/log*");
        button(rollback, "Back to your workspaces").click();
        assertThat(link(alice, "Trip planning")).isVisible(slowly());

        JsonObject bobsKeys = new JsonObject(aliceContext.request().get(server.url("/api/users/bob")).text());
        aliceContext.route("**/api/users/carol", route -> {
            JsonObject carols = new JsonObject(route.fetch().text());
            route.fulfill(new Route.FulfillOptions().setStatus(200).setContentType("application/json")
                    .setBody(carols.put("identity", bobsKeys.getString("identity")).encode()));
        });
        alice.navigate(workspaceUrl);
        openMembers(alice);
        button(alice, "Invite").click();
        field(alice, "Username").fill("carol");
        button(alice, "Send invitation").click();
        Locator keyChanged = alertDialog(alice);
        assertThat(keyChanged).containsText("carol's key has changed");
        safetyNumberWith(keyChanged, "carol");
        shot(alice, "ws-13-key-changed-alert");
        button(keyChanged, "Keep the old key").click();
        assertThat(keyChanged).hasCount(0);
        assertThat(alice.locator("#invite-sent")).isHidden();
        aliceContext.unroute("**/api/users/carol");
        assertEquals(length, new JsonObject(aliceContext.request().get(logUrl).text()).getInteger("length"),
                "nothing was appended: no invitation sealed to the swapped key");
    }

    /**
     * Dave has no account yet: the join page sends him to sign up and takes him back to the link afterwards; the
     * link lets people in at once, which Alice's open workspace page does (showing her his safety number).
     */
    @Test
    @Order(8)
    void someoneWithoutAnAccount_signsUpFromTheJoinPage_andALinkThatLetsPeopleInAtOnce_letsHimIn() {
        alice.navigate(workspaceUrl);
        openMembers(alice);
        button(alice, "Invite").click();
        field(alice, "Joins as").selectOption("viewer");
        alice.getByRole(AriaRole.RADIO, new Page.GetByRoleOptions().setName(Pattern.compile("Let them in at once")))
                .check();
        button(alice, "Create invite link").click();
        assertThat(field(alice, "Invite link")).hasValue(INVITE_LINK);
        String url = field(alice, "Invite link").inputValue();
        button(alice, "Close the invite dialog").click();

        BrowserContext daveContext = browser.newContext();
        Page dave = daveContext.newPage();
        dave.navigate(url);
        assertThat(dave.getByText("Log in or sign up first", new Page.GetByTextOptions().setExact(false)))
                .isVisible(slowly());
        shot(dave, "ws-14-join-signed-out");
        link(dave, "Sign up").click();
        field(dave, "Username").fill("dave");
        field(dave, "Passphrase").fill("dave paints four blue boats");
        field(dave, "Repeat passphrase").fill("dave paints four blue boats");
        button(dave, "Sign up").click();
        button(dave, "I have saved it").click(new Locator.ClickOptions().setTimeout(WorkspacePages.SLOW_MILLIS));
        String daveSeesForAlice = safetyNumberWith(dave.locator("#join-offer"), "alice");
        button(dave, "Join").click();
        dave.waitForURL(WORKSPACE_PAGE, new Page.WaitForURLOptions().setTimeout(WorkspacePages.SLOW_MILLIS));
        assertThat(dave.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Trip planning")))
                .isVisible();

        assertThat(alice.locator("#workspace-notice")).containsText("Someone joined");
        assertEquals(daveSeesForAlice, safetyNumberWith(member(alice, "dave"), "dave"));
        daveContext.close();
    }

    @Test
    @Order(9)
    void revokedAndExpiredInviteLinks_areRefusedWithAClearMessage() {
        alice.navigate(workspaceUrl);
        openMembers(alice);
        button(alice, "Invite").click();
        button(alice, "Create invite link").click();
        assertThat(field(alice, "Invite link")).hasValue(INVITE_LINK);
        String revoked = field(alice, "Invite link").inputValue();
        button(alice, "Close the invite dialog").click();
        Locator links = alice.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Invite links"));
        button(links.getByRole(AriaRole.LISTITEM).last(), "Revoke").click();
        assertThat(links.getByRole(AriaRole.LISTITEM)).hasCount(0);

        // A link made by a browser whose clock is two days behind expired a day ago when it reaches the server.
        Page behind = aliceContext.newPage();
        behind.clock().install(new com.microsoft.playwright.Clock.InstallOptions()
                .setTime(Instant.now().minusSeconds(2 * 86_400).toEpochMilli()));
        behind.navigate(workspaceUrl);
        openMembers(behind);
        button(behind, "Invite").click();
        button(behind, "Create invite link").click();
        assertThat(field(behind, "Invite link")).hasValue(INVITE_LINK);
        String expired = field(behind, "Invite link").inputValue();
        behind.close();

        carol.navigate(revoked);
        assertThat(carol.getByRole(AriaRole.ALERT).filter(new Locator.FilterOptions().setHasText("revoked")))
                .isVisible(slowly());
        assertThat(button(carol, "Join")).hasCount(0);
        shot(carol, "ws-15-link-revoked");
        carol.navigate(expired);
        assertThat(carol.getByRole(AriaRole.ALERT).filter(new Locator.FilterOptions().setHasText("expired")))
                .isVisible(slowly());
        shot(carol, "ws-16-link-expired");
        assertThat(alertDialog(carol)).hasCount(0);
    }
}
