package dev.vellum.server.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.vellum.server.testing.NotePage.note;
import static dev.vellum.server.testing.WorkspacePages.alertDialog;
import static dev.vellum.server.testing.WorkspacePages.button;
import static dev.vellum.server.testing.WorkspacePages.field;
import static dev.vellum.server.testing.WorkspacePages.link;
import static dev.vellum.server.testing.WorkspacePages.member;
import static dev.vellum.server.testing.WorkspacePages.openMembers;
import static dev.vellum.server.testing.WorkspacePages.shot;
import static dev.vellum.server.testing.WorkspacePages.slowly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.SelectOption;
import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.protocol.id.AccountId;
import dev.vellum.protocol.id.IdentityKeyId;
import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.protocol.workspace.EntryBody;
import dev.vellum.protocol.workspace.LogHead;
import dev.vellum.protocol.workspace.MemberRecord;
import dev.vellum.protocol.workspace.MembershipEntry;
import dev.vellum.protocol.workspace.MembershipLog;
import dev.vellum.protocol.workspace.Role;
import dev.vellum.server.testing.AccountBrowser;
import dev.vellum.server.testing.AccountProbe;
import dev.vellum.server.testing.BrowserTest;
import dev.vellum.server.testing.LogCapture;
import dev.vellum.server.testing.MaliciousServer;
import dev.vellum.server.testing.MaliciousServer.StoredEnvelope;
import dev.vellum.server.testing.NotePage;
import dev.vellum.server.testing.RunningServer;
import dev.vellum.server.testing.SecretScan;
import dev.vellum.server.testing.WorkspacePages;
import dev.vellum.testing.TestAccount;
import dev.vellum.testing.TestWorkspace.Person;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The server lies, and each member's browser notices and says so. The test plays a malicious server by rewriting
 * what the real server stores between the browsers' requests ({@link MaliciousServer}): it adds a member to the
 * log with no valid signature, presents another key for Bob, hands Bob his old epoch's key after a removal, rolls
 * the log back over that removal, and shows Bob a log that forks from Alice's. Each time the person sees a blocking
 * alert (role alertdialog) that says what happened, and no key envelope is ever addressed to the attacker or sealed
 * to the key it planted. Last, neither the database files nor the server's log hold a workspace name, a note title
 * or a note's text.
 *
 * <p>That the log refuses each of these is proven on the JVM (MembershipLogTest); here the point is that the person
 * is told, in a real browser against the real server, and that nothing is sealed meanwhile.
 */
@BrowserTest(captureServerLog = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkspaceAttacksTest {
    private static final Pattern WORKSPACE_NOTE = Pattern.compile(".*/w/[A-Za-z0-9_-]{22}/n/[A-Za-z0-9_-]{22}$");
    private static final String ALICE_PASSPHRASE = "amber harbour lights at noon";
    /** Words that the plaintext scan looks for at the end: each is typed once, in a browser, and nowhere else. */
    private static final String WORKSPACE_NAME = "Quayside lantern restoration";
    private static final String SECOND_WORKSPACE_NAME = "Breakwater survey drafts";
    private static final String NOTE_TITLE = "Foghorn repair estimates";
    private static final String NOTE_TEXT = "The keeper's spare key hides under the tide-table board.";

    private static RunningServer server;
    private static LogCapture log;
    private static MaliciousServer attacker;
    private static BrowserContext aliceContext;
    private static BrowserContext bobContext;
    private static BrowserContext carolContext;
    private static Page alice;
    private static Page bob;
    private static Page carol;
    /** The server's accomplice: a registered account the attacker wants let in. */
    private static Person mallory;
    private static String workspaceUrl;
    private static String noteUrl;
    private static WorkspaceId workspace;

    @BeforeAll
    static void start(RunningServer runningServer, Browser browser, LogCapture capture) {
        server = runningServer;
        log = capture;
        attacker = new MaliciousServer(server);
        // Argon2id at sign-up, and every log entry verified in the page: slower than 5 s on a loaded 2-core machine.
        PlaywrightAssertions.setDefaultAssertionTimeout(30_000);
        aliceContext = browser.newContext();
        bobContext = browser.newContext();
        carolContext = browser.newContext();
        alice = WorkspacePages.signUp(aliceContext, server, "alice", ALICE_PASSPHRASE);
        bob = WorkspacePages.signUp(bobContext, server, "bob", "bob's copper teapot sings");
        carol = WorkspacePages.signUp(carolContext, server, "carol", "carol walks seven grey dogs");
        AccountBrowser accomplice = new AccountBrowser(new TestAccount("mallory", "mallory sells sea shells"),
                server.port());
        assertEquals(201, accomplice.signUp().status());
        mallory = Person.of(accomplice.account);
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
    void aliceMakesAWorkspace_withBobAndCarol_andANote() throws Exception {
        assertThat(link(alice, "Personal")).isVisible(slowly());
        workspaceUrl = WorkspacePages.newWorkspace(alice, server, WORKSPACE_NAME);
        workspace = workspaceOf(workspaceUrl);
        WorkspacePages.invite(alice, workspaceUrl, "bob", "editor");
        WorkspacePages.invite(alice, workspaceUrl, "carol", "editor");
        WorkspacePages.accept(bob, server, WORKSPACE_NAME);
        WorkspacePages.accept(carol, server, WORKSPACE_NAME);

        alice.navigate(workspaceUrl);
        button(alice, "New note").click();
        alice.waitForURL(WORKSPACE_NOTE);
        noteUrl = alice.url();
        field(alice, "Title").fill(NOTE_TITLE);
        field(alice, "Title").press("Enter");
        assertThat(note(alice)).isEditable(new LocatorAssertions.IsEditableOptions()
                .setTimeout(WorkspacePages.SLOW_MILLIS));
        note(alice).focus();
        // One input event with the whole sentence, so that it would stand whole in a plaintext, for the last scan.
        alice.keyboard().insertText(NOTE_TEXT);
        assertThat(NotePage.status(alice)).hasText(NotePage.SAVED);

        // Everyone has seen the log as it is now: each browser pins its head.
        for (Page person : new Page[] {alice, bob, carol}) {
            person.navigate(workspaceUrl);
            assertThat(link(person, NOTE_TITLE)).isVisible(slowly());
        }
        assertEquals(5, attacker.log(workspace).size(), "create, two invitations, two acceptances");
    }

    @Test
    @Order(2)
    void aMemberAddedWithoutAValidSignature_isRefusedByEveryMember_andGetsNoKey() throws Exception {
        List<MembershipEntry> honest = attacker.log(workspace);
        AccountId aliceId = memberId("alice");
        // The server writes an invitation of its accomplice as if Alice had signed it, and the accomplice's
        // acceptance; it has no key of Alice's, so the first signature is the accomplice's own.
        MembershipEntry last = honest.get(honest.size() - 1);
        MembershipEntry ghostInvite = MembershipEntry.sign(workspace, new LogHead(last.sequence(), last.hash()),
                new EntryBody.Invite(mallory.as(Role.EDITOR)), System.currentTimeMillis(), aliceId,
                mallory.identity());
        MembershipEntry ghostAccept = MembershipEntry.sign(workspace,
                new LogHead(ghostInvite.sequence(), ghostInvite.hash()), new EntryBody.Accept(ghostInvite.hash()),
                System.currentTimeMillis(), mallory.accountId(), mallory.identity());
        attacker.append(workspace, ghostInvite);
        attacker.append(workspace, ghostAccept);
        try {
            for (Page person : new Page[] {alice, bob, carol}) {
                person.navigate(workspaceUrl);
                assertThat(alertDialog(person)).isVisible(slowly());
                assertThat(alertDialog(person)).containsText("member list failed its check");
                assertThat(link(person, NOTE_TITLE)).hasCount(0);
            }
            shot(bob, "attack-01-ghost-member");
            assertEquals(List.of(), attacker.envelopesTo(mallory.accountId()), "a key was sealed to the ghost");
        } finally {
            attacker.truncate(workspace, honest.size());
        }
        alice.navigate(workspaceUrl);
        assertThat(link(alice, NOTE_TITLE)).isVisible(slowly());
        assertThat(alertDialog(alice)).isHidden();
    }

    @Test
    @Order(3)
    void bobsKeySwappedInTheDirectory_stopsAliceWithAKeyChangeAlert_andNothingIsSealedToTheNewKey()
            throws Exception {
        AccountId bobId = memberId("bob");
        PublicIdentity bobsKey = attacker.registeredIdentity(bobId);
        IdentityKeyPair planted = IdentityKeyPair.generate(new JvmSecureRandomSource());
        attacker.swapIdentity(bobId, planted.publicIdentity());
        try {
            String secondUrl = WorkspacePages.newWorkspace(alice, server, SECOND_WORKSPACE_NAME);
            WorkspaceId second = workspaceOf(secondUrl);
            openMembers(alice);
            button(alice, "Invite").click();
            field(alice, "Username").fill("bob");
            field(alice, "Role").selectOption(new SelectOption().setLabel("Editor: reads and writes notes"));
            button(alice, "Send invitation").click();
            assertThat(alertDialog(alice)).isVisible(slowly());
            assertThat(alertDialog(alice)).containsText("bob's key has changed");
            shot(alice, "attack-02-key-changed");
            button(alertDialog(alice), "Keep the old key").click();
            assertThat(alertDialog(alice)).isHidden();

            assertEquals(1, attacker.log(second).size(), "no invitation of bob was written");
            IdentityKeyId plantedId = IdentityKeyId.of(planted.publicIdentity());
            List<String> sealedToPlanted = new ArrayList<>();
            for (StoredEnvelope envelope : attacker.envelopes()) {
                if (envelope.parsed().header().recipientKeyId().equals(plantedId)) {
                    sealedToPlanted.add(envelope.workspace() + " epoch " + envelope.epoch());
                }
                assertTrue(!envelope.workspace().equals(second) || !envelope.recipient().equals(bobId),
                        "a key of the second workspace went to bob");
            }
            assertEquals(List.of(), sealedToPlanted, "keys sealed to the planted key");
        } finally {
            attacker.swapIdentity(bobId, bobsKey);
        }
    }

    @Test
    @Order(4)
    void anOldEpochKeyReplayedAfterARemoval_isShownToBob_andNotUsed() throws Exception {
        AccountId bobId = memberId("bob");
        alice.navigate(workspaceUrl);
        openMembers(alice);
        button(member(alice, "carol"), "Remove").click();
        button(alice, "Remove carol").click();
        assertThat(member(alice, "carol")).hasCount(0);
        assertEquals(1, verifiedLog().currentEpoch(), "the removal started epoch 1");

        // Bob has not fetched his new key yet; the server hands him, in its place, his envelope of epoch 0, which
        // Carol also holds.
        StoredEnvelope old = envelopeOf(bobId, 0);
        StoredEnvelope current = envelopeOf(bobId, 1);
        attacker.replaceEnvelope(workspace, 1, bobId, old.envelope());
        try {
            bob.navigate(workspaceUrl);
            assertThat(alertDialog(bob)).isVisible(slowly());
            assertThat(alertDialog(bob)).containsText("outdated or false key");
            shot(bob, "attack-03-old-epoch-key");
            bob.navigate(noteUrl);
            assertThat(alertDialog(bob)).isVisible(slowly());
            assertThat(note(bob)).not().isEditable();
            assertThat(bob.getByText("does not hold this workspace's current key", new Page.GetByTextOptions()
                    .setExact(false))).isVisible();
        } finally {
            attacker.replaceEnvelope(workspace, 1, bobId, current.envelope());
        }
        // With his real key, Bob reads on, and his browser pins the log with the removal.
        bob.navigate(workspaceUrl);
        assertThat(link(bob, NOTE_TITLE)).isVisible(slowly());
        assertThat(alertDialog(bob)).isHidden();
    }

    @Test
    @Order(5)
    void aLogRolledBackOverCarolsRemoval_isShownToAlice_andCarolGetsNoNewKey() throws Exception {
        AccountId carolId = memberId("carol");
        List<MembershipEntry> honest = attacker.log(workspace);
        int carolsKeys = attacker.envelopesTo(carolId).size();
        // Back to before the removal (and its rotation): in that log Carol is a member still.
        long before = honest.stream().filter(e -> e.body() instanceof EntryBody.Remove).findFirst()
                .orElseThrow().sequence();
        attacker.truncate(workspace, before);
        try {
            alice.navigate(workspaceUrl);
            assertThat(alertDialog(alice)).isVisible(slowly());
            assertThat(alertDialog(alice)).containsText("went back in time");
            assertThat(link(alice, NOTE_TITLE)).hasCount(0);
            shot(alice, "attack-04-rollback");
            assertEquals(carolsKeys, attacker.envelopesTo(carolId).size(), "a new key went to carol");
        } finally {
            attacker.restore(workspace, honest);
        }
        alice.navigate(workspaceUrl);
        assertThat(link(alice, NOTE_TITLE)).isVisible(slowly());
        assertThat(alertDialog(alice)).isHidden();
    }

    @Test
    @Order(6)
    void aForkedLogShownToBobOnly_isShownToBob_whileAliceSeesHerOwn() throws Exception {
        List<MembershipEntry> honest = attacker.log(workspace);
        MembershipEntry last = honest.get(honest.size() - 1);
        MembershipEntry beforeLast = honest.get(honest.size() - 2);
        // The worst a server can do with a stolen owner key: an entry signed by Alice, valid on the log up to the
        // one before last, that lets its accomplice in; shown to Bob only, while Alice keeps seeing her own.
        IdentityKeyPair aliceKey = new AccountProbe(server).identity("alice", ALICE_PASSPHRASE);
        MembershipEntry fork = MembershipEntry.sign(workspace,
                new LogHead(beforeLast.sequence(), beforeLast.hash()), new EntryBody.Invite(mallory.as(Role.EDITOR)),
                System.currentTimeMillis(), memberId("alice"), aliceKey);
        assertEquals(last.sequence(), fork.sequence());
        // A valid log on its own: only Bob's pinned head gives it away.
        MembershipLog.verify(workspace, withLast(honest, fork));

        attacker.replace(workspace, fork);
        try {
            bob.navigate(workspaceUrl);
            assertThat(alertDialog(bob)).isVisible(slowly());
            assertThat(alertDialog(bob)).containsText("Two different member lists");
            assertThat(link(bob, NOTE_TITLE)).hasCount(0);
            shot(bob, "attack-05-fork");
        } finally {
            attacker.replace(workspace, last);
        }
        alice.navigate(workspaceUrl);
        assertThat(link(alice, NOTE_TITLE)).isVisible(slowly());
        assertThat(alertDialog(alice)).isHidden();
        assertEquals(List.of(), attacker.envelopesTo(mallory.accountId()), "a key was sealed to the accomplice");
    }

    @Test
    @Order(7)
    void neitherTheDatabaseNorTheLog_holdsAWorkspaceNameANoteTitleOrNoteText() throws Exception {
        byte[] database = SecretScan.databaseFiles(server.dataDir());
        byte[] logBytes = SecretScan.serverLog(server, log);
        // The scan sees what the database holds: the log's first entry is there, as the server stored it.
        assertTrue(SecretScan.indexOf(database, attacker.log(workspace).get(0).encode()) >= 0,
                "the scan does not find even the stored log");

        List<String> found = new ArrayList<>();
        for (String plaintext : List.of(WORKSPACE_NAME, SECOND_WORKSPACE_NAME, NOTE_TITLE, NOTE_TEXT)) {
            SecretScan.scanText(found, "\"" + plaintext + "\"", plaintext, database, logBytes);
        }
        assertEquals(List.of(), found);
    }

    // ---- steps ----

    private static WorkspaceId workspaceOf(String url) {
        try {
            return WorkspaceId.parse(url.substring(url.lastIndexOf('/') + 1));
        } catch (dev.vellum.error.InvalidMessageException e) {
            throw new AssertionError(url, e);
        }
    }

    /** The stored log, verified as a browser verifies it (the harness restores what it forges). */
    private static MembershipLog verifiedLog() throws Exception {
        return MembershipLog.verify(workspace, attacker.log(workspace));
    }

    private static AccountId memberId(String username) throws Exception {
        MembershipLog verified = verifiedLog();
        for (MemberRecord record : allRecords(verified)) {
            if (record.username().value().equals(username)) {
                return record.accountId();
            }
        }
        throw new AssertionError(username + " never was in the log");
    }

    /** Everyone the log ever named: members now, and those whose invitation or membership ended. */
    private static List<MemberRecord> allRecords(MembershipLog verified) {
        List<MemberRecord> records = new ArrayList<>(verified.members());
        for (MembershipEntry entry : verified.entries()) {
            if (entry.body() instanceof EntryBody.Invite invite) {
                records.add(invite.invitee());
            }
        }
        return records;
    }

    private static StoredEnvelope envelopeOf(AccountId recipient, int epoch) throws Exception {
        return attacker.envelopesTo(recipient).stream()
                .filter(e -> e.workspace().equals(workspace) && e.epoch() == epoch).findFirst()
                .orElseThrow(() -> new AssertionError("no envelope of epoch " + epoch + " for " + recipient));
    }

    private static List<MembershipEntry> withLast(List<MembershipEntry> honest, MembershipEntry replacement) {
        List<MembershipEntry> forked = new ArrayList<>(honest.subList(0, honest.size() - 1));
        forked.add(replacement);
        return forked;
    }
}
