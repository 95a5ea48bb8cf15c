package dev.vellum.server.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.vellum.server.testing.NotePage.note;
import static dev.vellum.server.testing.WorkspacePages.button;
import static dev.vellum.server.testing.WorkspacePages.field;
import static dev.vellum.server.testing.WorkspacePages.item;
import static dev.vellum.server.testing.WorkspacePages.link;
import static dev.vellum.server.testing.WorkspacePages.member;
import static dev.vellum.server.testing.WorkspacePages.openMembers;
import static dev.vellum.server.testing.WorkspacePages.shot;
import static dev.vellum.server.testing.WorkspacePages.slowly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.SelectOption;
import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.item.NoteItemKind;
import dev.vellum.server.testing.BrowserTest;
import dev.vellum.server.testing.BrowserTestCase;
import dev.vellum.server.testing.NotePage;
import dev.vellum.server.testing.RunningServer;
import dev.vellum.server.testing.WorkspacePages;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * "Forget old history" in Chromium: after Alice removes Bob (a new key epoch), her first try names the note that still
 * waits and keeps the old keys; once she opens it (her browser re-encrypts it under the new epoch), a second try
 * deletes the older items and keys on the server; Bob, invited again, reads the note with the current key alone.
 */
@BrowserTest
class ForgetOldHistoryTest extends BrowserTestCase {
    private static final Pattern WORKSPACE_PAGE = Pattern.compile(".*/w/[A-Za-z0-9_-]{22}$");
    private static final Pattern WORKSPACE_NOTE = Pattern.compile(".*/w/[A-Za-z0-9_-]{22}/n/[A-Za-z0-9_-]{22}$");

    @Test
    void anOwnerForgetsOldHistory_onceEveryNoteIsReEncrypted_andAMemberStillReadsEverything() throws Exception {
        PlaywrightAssertions.setDefaultAssertionTimeout(30_000);
        BrowserContext aliceContext = browser.newContext();
        BrowserContext bobContext = browser.newContext();
        try {
            Page alice = WorkspacePages.signUp(aliceContext, server, "alice", "violet kettle marches slowly");
            Page bob = WorkspacePages.signUp(bobContext, server, "bob", "bob's copper teapot sings");
            button(alice, "New workspace").click();
            field(alice, "Workspace name").fill("Trip");
            button(alice, "Create").click();
            alice.waitForURL(WORKSPACE_PAGE);
            String workspaceUrl = alice.url();
            WorkspaceId workspace = WorkspaceId.parse(workspaceUrl.substring(workspaceUrl.lastIndexOf('/') + 1));
            assertThat(alice.locator("#forget-history")).isHidden(); // epoch 0: no older history yet

            button(alice, "New note").click();
            alice.waitForURL(WORKSPACE_NOTE);
            String noteUrl = alice.url();
            field(alice, "Title").fill("Plans");
            field(alice, "Title").press("Enter");
            assertThat(alice.locator("#note-title-status")).hasText("Title saved");
            assertThat(note(alice)).isEditable(new LocatorAssertions.IsEditableOptions()
                    .setTimeout(WorkspacePages.SLOW_MILLIS));
            NotePage.type(alice, "Alice: tent.");
            assertThat(NotePage.status(alice)).hasText(NotePage.SAVED);

            inviteAndAccept(server, alice, workspaceUrl, bob);
            alice.navigate(workspaceUrl);
            openMembers(alice);
            button(member(alice, "bob"), "Remove").click();
            button(alice, "Remove bob").click();
            assertThat(member(alice, "bob")).hasCount(0);

            // First try: the note's text is still sealed under epoch 0 only, so it waits, and the keys stay.
            alice.navigate(workspaceUrl);
            forget(alice);
            Locator result = alice.locator("#forget-history-result");
            assertThat(result).containsText("1 note still waits");
            assertThat(result).containsText("The old keys stay");
            assertThat(item(alice, "Notes waiting to be re-encrypted", "Plans")).isVisible();
            shot(alice, "compact-01-note-waits");
            assertEquals(1, keys(aliceContext, server, workspace).getJsonArray("links").size());

            // Alice opens it: her browser re-encrypts it under epoch 1 in a snapshot.
            link(alice, "Plans").first().click();
            alice.waitForURL(WORKSPACE_NOTE);
            assertThat(note(alice)).hasValue("Alice: tent.");
            waitForSnapshotUnderEpoch(server, workspace, 1);

            alice.navigate(workspaceUrl);
            forget(alice);
            assertThat(result).containsText("1 note holds only history under the current key");
            assertThat(result).containsText("The old keys are deleted");
            shot(alice, "compact-02-forgotten");
            JsonObject keys = keys(aliceContext, server, workspace);
            assertEquals(0, keys.getJsonArray("links").size());
            assertEquals(1, keys.getJsonArray("envelopes").size());
            for (NoteItem item : workspaceItems(server, workspace)) {
                assertEquals(1, item.header().keyEpoch(), "an item of epoch " + item.header().keyEpoch() + " is left");
            }

            // Bob, invited again, holds only epoch 1's key: he reads the note and its title.
            inviteAndAccept(server, alice, workspaceUrl, bob);
            bob.navigate(workspaceUrl);
            link(bob, "Plans").click();
            bob.waitForURL(WORKSPACE_NOTE);
            assertThat(note(bob)).hasValue("Alice: tent.", new LocatorAssertions.HasValueOptions()
                    .setTimeout(WorkspacePages.SLOW_MILLIS));
            assertTrue(noteUrl.endsWith(bob.url().substring(bob.url().lastIndexOf('/'))));
        } finally {
            PlaywrightAssertions.setDefaultAssertionTimeout(5_000);
            aliceContext.close();
            bobContext.close();
        }
    }

    private static void inviteAndAccept(RunningServer server, Page owner, String workspaceUrl, Page invitee) {
        owner.navigate(workspaceUrl);
        openMembers(owner);
        button(owner, "Invite").click();
        field(owner, "Username").fill("bob");
        field(owner, "Role").selectOption(new SelectOption().setLabel("Editor: reads and writes notes"));
        button(owner, "Send invitation").click();
        assertThat(owner.locator("#invite-sent")).containsText("bob");
        button(owner, "Close the invite dialog").click();
        invitee.navigate(server.url("/"));
        Locator invitation = item(invitee, "Invitations", "Trip");
        assertThat(invitation).isVisible(slowly());
        button(invitation, "Accept").click();
        assertThat(link(invitee, "Trip")).isVisible(slowly());
    }

    private static void forget(Page owner) {
        button(owner, "Forget old history").click(new Locator.ClickOptions().setTimeout(WorkspacePages.SLOW_MILLIS));
        button(owner, "Yes, forget old history").click();
    }

    private static JsonObject keys(BrowserContext context, RunningServer server, WorkspaceId workspace) {
        return new JsonObject(context.request().get(server.url("/api/workspaces/" + workspace + "/keys")).text());
    }

    /** The stored items of the workspace's notes, read from the database. */
    private static List<NoteItem> workspaceItems(RunningServer server, WorkspaceId workspace) throws Exception {
        List<NoteItem> items = new ArrayList<>();
        for (byte[] stored : server.storedEnvelopes()) {
            NoteItem item = NoteItem.parse(stored);
            if (item.header().workspaceId().equals(workspace)) {
                items.add(item);
            }
        }
        return items;
    }

    private static void waitForSnapshotUnderEpoch(RunningServer server, WorkspaceId workspace, int epoch)
            throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            for (NoteItem item : workspaceItems(server, workspace)) {
                if (item.kind() == NoteItemKind.SNAPSHOT && item.header().keyEpoch() == epoch) {
                    return;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no snapshot under epoch " + epoch + " was stored");
    }
}
