package dev.vellum.server.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.vellum.server.testing.CommentPages.anchoredText;
import static dev.vellum.server.testing.CommentPages.comment;
import static dev.vellum.server.testing.CommentPages.openCount;
import static dev.vellum.server.testing.CommentPages.post;
import static dev.vellum.server.testing.CommentPages.reopen;
import static dev.vellum.server.testing.CommentPages.reply;
import static dev.vellum.server.testing.CommentPages.resolve;
import static dev.vellum.server.testing.CommentPages.select;
import static dev.vellum.server.testing.CommentPages.startComment;
import static dev.vellum.server.testing.CommentPages.thread;
import static dev.vellum.server.testing.CommentPages.threadNames;
import static dev.vellum.server.testing.NotePage.note;
import static dev.vellum.server.testing.WorkspacePages.button;
import static dev.vellum.server.testing.WorkspacePages.shot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import dev.vellum.server.testing.BrowserTest;
import dev.vellum.server.testing.LogCapture;
import dev.vellum.server.testing.NotePage;
import dev.vellum.server.testing.OfflineSwitch;
import dev.vellum.server.testing.RunningServer;
import dev.vellum.server.testing.SecretScan;
import dev.vellum.server.testing.WorkspacePages;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Comments in Chromium, three people each in a browser context of their own, in a note shared by link (anonymous
 * visitors) and in a workspace note (Alice owner, Bob editor, Carol a viewer who may comment but not edit). In each,
 * one person comments on a word while another types before, after and inside it, and the third deletes the paragraph
 * of a word the second just commented on: all three end with the same text and the same threads, the first anchored
 * to the word as it now reads, the second kept as detached with its quote. A reply, a resolve and a reopen reach the
 * others' panels live; a comment written offline reaches them once its author is back. Last, neither the database
 * files nor the server's log hold any comment's text.
 */
@BrowserTest(captureServerLog = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CommentsTest {
    private static final String TEXT = "Meet at the harbor by nine.\n\nThe lighthouse keeper brings the keys.\n\n"
            + "Bring warm coats.";
    /** After the edits around and inside "harbor", before the paragraph goes. */
    private static final String TYPED = "Meet at the old harbour wall by nine.\n\n"
            + "The lighthouse keeper brings the keys.\n\nBring warm coats.";
    private static final String PARAGRAPH = "The lighthouse keeper brings the keys.\n\n";
    private static final String FINAL = "Meet at the old harbour wall by nine.\n\nBring warm coats.";
    private static final double SLOW_MILLIS = WorkspacePages.SLOW_MILLIS;

    private static RunningServer server;
    private static Browser browser;
    private static LogCapture log;
    private static final List<BrowserContext> CONTEXTS = new ArrayList<>();
    /** Every comment text typed in a browser, for the scan at the end: each is typed once and nowhere else. */
    private static final List<String> COMMENT_TEXTS = new CopyOnWriteArrayList<>();

    /** What each scenario writes; distinct per scenario, so the scan finds either one. */
    private record Texts(String onHarbor, String onLighthouse, String reply, String offline) {
        static Texts of(String where) {
            return new Texts("Ask the harbourmaster which gate opens first, " + where + ".",
                    "Who holds the spare lighthouse key, " + where + "?",
                    "North gate; the south one stays locked until ten, " + where + ".",
                    "Gloves too: the forecast says gusts on the quay, " + where + ".");
        }

        List<String> all() {
            return List.of(onHarbor, onLighthouse, reply, offline);
        }
    }

    @BeforeAll
    static void start(RunningServer runningServer, Browser chromium, LogCapture capture) {
        server = runningServer;
        browser = chromium;
        log = capture;
        // Three browsers verify every item and signature on a loaded 2-core machine: slower than 5 s at times.
        PlaywrightAssertions.setDefaultAssertionTimeout(30_000);
    }

    @AfterAll
    static void close() {
        PlaywrightAssertions.setDefaultAssertionTimeout(5_000);
        CONTEXTS.forEach(BrowserContext::close);
    }

    @Test
    @Order(1)
    void linkNote_threePeopleCommentWhileEditing_agreeOnEveryThread_andSeeRepliesResolveAndOfflineCommentsLive() {
        BrowserContext aliceContext = person();
        BrowserContext bobContext = person();
        BrowserContext carolContext = person();
        OfflineSwitch carolNetwork = OfflineSwitch.install(carolContext);
        Page alice = NotePage.newNote(aliceContext, server);
        note(alice).fill(TEXT);
        assertThat(NotePage.status(alice)).hasText(NotePage.SAVED);
        Page bob = NotePage.openLink(bobContext, alice.url());
        Page carol = NotePage.openLink(carolContext, alice.url());
        assertThat(note(bob)).hasValue(TEXT);
        assertThat(note(carol)).hasValue(TEXT);

        Texts texts = Texts.of("by link");
        commentWhileOthersEdit(alice, bob, carol, texts);
        repliesAndResolveArriveLive(alice, bob, carol, texts);
        offlineCommentArrivesOnReturn(carol, carolNetwork, List.of(alice, bob), texts);
        sameThreadsEverywhere_andAfterAReload(List.of(alice, bob, carol), bob);
        shot(alice, "comments-01-link-note");
    }

    @Test
    @Order(2)
    void workspaceNote_aViewerComments_andAllThreeAgree_asInALinkNote() {
        BrowserContext aliceContext = person();
        BrowserContext bobContext = person();
        BrowserContext carolContext = person();
        OfflineSwitch carolNetwork = OfflineSwitch.install(carolContext);
        Page alice = WorkspacePages.signUp(aliceContext, server, "alice", "violet kettle marches slowly");
        Page bob = WorkspacePages.signUp(bobContext, server, "bob", "bob's copper teapot sings");
        Page carol = WorkspacePages.signUp(carolContext, server, "carol", "carol walks seven grey dogs");
        String workspaceUrl = WorkspacePages.newWorkspace(alice, server, "Harbour walk");
        WorkspacePages.invite(alice, workspaceUrl, "bob", "editor");
        WorkspacePages.invite(alice, workspaceUrl, "carol", "viewer");
        WorkspacePages.accept(bob, server, "Harbour walk");
        WorkspacePages.accept(carol, server, "Harbour walk");
        String noteUrl = WorkspacePages.newNote(alice, workspaceUrl, "Meeting point");
        note(alice).fill(TEXT);
        assertThat(NotePage.status(alice)).hasText(NotePage.SAVED);
        for (Page person : List.of(bob, carol)) {
            person.navigate(noteUrl);
            assertThat(note(person)).hasValue(TEXT, new LocatorAssertions.HasValueOptions().setTimeout(SLOW_MILLIS));
        }
        assertThat(note(bob)).isEditable();
        assertThat(note(carol)).not().isEditable();

        // Carol, a viewer, comments while Bob types around the word; Alice deletes the paragraph Bob commented on.
        Texts texts = Texts.of("in the workspace");
        commentWhileOthersEdit(carol, bob, alice, texts);
        assertThat(note(carol)).not().isEditable();
        repliesAndResolveArriveLive(carol, bob, alice, texts);
        offlineCommentArrivesOnReturn(carol, carolNetwork, List.of(alice, bob), texts);
        sameThreadsEverywhere_andAfterAReload(List.of(alice, bob, carol), bob);
        shot(carol, "comments-02-workspace-viewer");
    }

    @Test
    @Order(3)
    void neitherTheDatabaseNorTheLog_holdsAnyCommentText() throws Exception {
        assertTrue(COMMENT_TEXTS.size() >= 4, "the scenarios wrote comments: " + COMMENT_TEXTS);
        byte[] database = SecretScan.databaseFiles(server.dataDir());
        byte[] logBytes = SecretScan.serverLog(server, log);
        // The scan sees what the database holds: a stored item is there, as the server stored it.
        assertTrue(server.storedEnvelopes().stream().anyMatch(item -> SecretScan.indexOf(database, item) >= 0),
                "the scan does not find even the stored items");

        List<String> found = new ArrayList<>();
        for (String text : COMMENT_TEXTS) {
            SecretScan.scanText(found, "\"" + text + "\"", text, database, logBytes);
        }
        assertEquals(List.of(), found);
    }

    // ---- the scenario, the same in both kinds of note ----

    /**
     * {@code first} comments on "harbor" while {@code typist} types before it (seen by {@code first} before posting),
     * then after and inside it (while the comment travels); {@code typist} then comments on "lighthouse" while
     * {@code deleter} deletes that paragraph.
     */
    private static void commentWhileOthersEdit(Page first, Page typist, Page deleter, Texts texts) {
        COMMENT_TEXTS.addAll(texts.all());
        List<Page> everyone = List.of(first, typist, deleter);
        startComment(first, "harbor", texts.onHarbor());
        typeAt(typist, TEXT.indexOf("harbor"), "old ");
        assertThat(note(first)).hasValue(Pattern.compile("^Meet at the old harbor by"));
        post(first);
        typeAt(typist, TEXT.indexOf("harbor") + "old harbor".length(), " wall");
        typeAt(typist, TEXT.indexOf("harbor") + "old harbo".length(), "u");
        for (Page person : everyone) {
            assertThat(note(person)).hasValue(TYPED);
            assertThat(thread(person, "harbor")).containsText(texts.onHarbor());
        }

        comment(typist, "lighthouse", texts.onLighthouse());
        int start = TYPED.indexOf(PARAGRAPH);
        select(deleter, start, start + PARAGRAPH.length());
        deleter.keyboard().press("Delete");

        for (Page person : everyone) {
            assertThat(note(person)).hasValue(FINAL);
            Locator detached = thread(person, "lighthouse");
            assertThat(detached).containsText(texts.onLighthouse());
            assertThat(detached).containsText("Detached");
            assertThat(detached).containsText("lighthouse");
            assertThat(openCount(person, 2)).isVisible();
        }
        for (Page person : everyone) {
            assertEquals("harbour", anchoredText(person, thread(person, "harbor")),
                    "the thread moved with the edits around it and kept the letter typed inside");
        }
    }

    /** {@code deleter} replies; {@code typist} resolves; {@code first} reopens; each reaches the other two live. */
    private static void repliesAndResolveArriveLive(Page first, Page typist, Page deleter, Texts texts) {
        reply(thread(deleter, "harbor"), texts.reply());
        for (Page person : List.of(first, typist)) {
            assertThat(thread(person, "harbor")).containsText(texts.reply());
        }

        resolve(thread(typist, "harbor"));
        for (Page person : List.of(first, deleter)) {
            assertThat(openCount(person, 1)).isVisible();
            assertThat(thread(person, "harbor")).hasCount(1); // folded, not gone
        }
        shot(first, "comments-resolved");

        reopen(thread(first, "harbor"));
        for (Page person : List.of(typist, deleter)) {
            assertThat(openCount(person, 2)).isVisible();
            assertThat(button(thread(person, "harbor"), "Resolve")).isVisible();
        }
    }

    /** {@code person} comments on "coats" while offline; the others see it once the network is back. */
    private static void offlineCommentArrivesOnReturn(Page person, OfflineSwitch network, List<Page> others,
                                                      Texts texts) {
        network.goOffline();
        assertThat(NotePage.status(person)).containsText("Offline");
        comment(person, "coats", texts.offline());
        assertThat(thread(person, "coats")).containsText(texts.offline());
        assertThat(openCount(person, 3)).isVisible();
        for (Page other : others) {
            assertThat(thread(other, "coats")).hasCount(0);
        }

        network.goOnline();
        for (Page other : others) {
            assertThat(thread(other, "coats")).containsText(texts.offline(),
                    new LocatorAssertions.ContainsTextOptions().setTimeout(SLOW_MILLIS));
            assertThat(openCount(other, 3)).isVisible();
        }
    }

    /**
     * All list the same threads in the same order, each anchored to the same text, "harbor" before "coats" in the
     * text and the detached one after them; and {@code reloading} finds them again from what the server kept.
     */
    private static void sameThreadsEverywhere_andAfterAReload(List<Page> everyone, Page reloading) {
        List<String> names = threadNames(everyone.get(0));
        assertEquals(3, names.size(), "three threads: " + names);
        assertTrue(names.get(0).startsWith("harbor") && names.get(1).startsWith("coats")
                && names.get(2).startsWith("lighthouse"), "in text order, the detached one last: " + names);
        for (Page person : everyone) {
            assertEquals(names, threadNames(person));
            assertEquals("harbour", anchoredText(person, thread(person, "harbor")));
            assertEquals("coats", anchoredText(person, thread(person, "coats")));
            assertThat(note(person)).hasValue(FINAL);
        }

        reloading.reload();
        assertThat(note(reloading)).hasValue(FINAL, new LocatorAssertions.HasValueOptions().setTimeout(SLOW_MILLIS));
        assertThat(thread(reloading, "lighthouse")).containsText("Detached");
        assertThat(openCount(reloading, 3)).isVisible();
        assertEquals(names, threadNames(reloading));
        assertEquals("harbour", anchoredText(reloading, thread(reloading, "harbor")));
    }

    // ---- steps ----

    private static BrowserContext person() {
        BrowserContext context = browser.newContext();
        CONTEXTS.add(context);
        return context;
    }

    /** Puts the caret at {@code offset} and types {@code text} key by key. */
    private static void typeAt(Page page, int offset, String text) {
        note(page).evaluate("(area, at) => { area.focus(); area.setSelectionRange(at, at); }", offset);
        NotePage.type(page, text);
    }
}
