package dev.vellum.client.workspace;

import static dev.vellum.client.workspace.Workspaces.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.client.workspace.WorkspaceProblem.Kind;
import dev.vellum.client.workspace.Workspaces.Person;
import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.protocol.workspace.EntryBody;
import dev.vellum.protocol.workspace.LogHead;
import dev.vellum.protocol.workspace.MemberRecord;
import dev.vellum.protocol.workspace.MembershipEntry;
import dev.vellum.protocol.workspace.MembershipLog;
import dev.vellum.protocol.workspace.Role;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The record of what a browser verified before ({@link VerifiedCache}): believed only when this person's browser made
 * it for this workspace, and never making a workspace open that a first visit would refuse.
 */
class VerifiedCacheTest {
    private final Workspaces world = new Workspaces();
    private final Person alice = world.person("alice");
    private final Person bob = world.person("bob");
    private final WorkspaceId id = ok((done, failed) -> alice.actions().createWorkspace("Plans", done, failed));
    private final NoteId groceries;

    VerifiedCacheTest() {
        Invitee found = ok((done, failed) -> alice.actions().lookUp("bob", done, failed));
        Workspaces.<OpenedWorkspace>ok((done, failed) -> alice.actions().invite(alice.open(id), found, Role.EDITOR,
                done, failed));
        Workspaces.<OpenedWorkspace>ok((done, failed) -> bob.actions().accept(bob.open(id), done, failed));
        groceries = ok((done, failed) -> alice.actions().createNote(alice.open(id), "Groceries", done, failed));
    }

    private FakeWorkspaceServer.Stored stored() {
        return world.server.workspaces.get(id);
    }

    private String record(Person person) {
        return person.localStorage.get(VerifiedCache.KEY_PREFIX + person.account.accountId() + "." + id);
    }

    private String title(OpenedWorkspace opened, NoteId note) {
        return opened.notes().stream().filter(n -> n.noteId().equals(note)).findFirst().orElseThrow().label();
    }

    /** A record of this workspace written into {@code person}'s storage by a cache with {@code maker}'s keys. */
    private void plant(Person person, Person maker, LogHead head, List<VerifiedCache.KeptTitle> titles) {
        VerifiedCache forger = new VerifiedCache(new LogHeadPins.Storage() {
            @Override
            public String get(String key) {
                return null;
            }

            @Override
            public void put(String key, String value) {
                person.localStorage.put(VerifiedCache.KEY_PREFIX + person.account.accountId() + "." + id, value);
            }
        }, maker.account, world.random);
        forger.save(id, head, titles, VerifiedCache.Checked.NOTHING);
    }

    /** What the person's own cache reads back now. */
    private VerifiedCache.Checked readBack(Person person) {
        return new VerifiedCache(person.storage(), person.account, world.random).load(id);
    }

    private VerifiedCache.KeptTitle keptWithText(Person person, NoteId note, String text) {
        VerifiedCache.KeptTitle kept = readBack(person).titles().get(note);
        assertNotNull(kept);
        return new VerifiedCache.KeptTitle(kept.noteId(), kept.signer(), kept.sealed(), text);
    }

    @Test
    void anOpening_keepsTheVerifiedHeadAndTitles_sealed_andAReopeningBelievesOnlyItsOwnRecord() {
        OpenedWorkspace first = alice.open(id);
        String kept = record(alice);
        assertNotNull(kept);
        assertTrue(!kept.contains("Groceries"), "titles are kept sealed");
        VerifiedCache.Checked checked = readBack(alice);
        assertEquals(stored().log.head(), checked.head());
        assertEquals("Groceries", checked.titles().get(groceries).text());

        // A record made with Alice's own key is what a reopening goes by (here saying another text for the same
        // bytes, which only her browser could have written): the title is neither checked nor opened again.
        plant(alice, alice, stored().log.head(), List.of(keptWithText(alice, groceries, "Kept text")));
        assertEquals("Kept text", title(alice.open(id), groceries));
        assertEquals(title(first, groceries), "Groceries");
    }

    @Test
    void aTamperedRecord_readsAsNothing_andTheWorkspaceIsVerifiedAsOnAFirstVisit() {
        alice.open(id);
        String key = VerifiedCache.KEY_PREFIX + alice.account.accountId() + "." + id;
        String kept = alice.localStorage.get(key);
        char last = kept.charAt(kept.length() - 5);
        alice.localStorage.put(key, kept.substring(0, kept.length() - 5) + (last == 'A' ? 'B' : 'A')
                + kept.substring(kept.length() - 4));
        assertEquals(VerifiedCache.Checked.NOTHING, readBack(alice));
        alice.localStorage.put(key, "not a record");
        assertEquals(VerifiedCache.Checked.NOTHING, readBack(alice));

        assertEquals("Groceries", title(alice.open(id), groceries));
        assertEquals(stored().log.head(), readBack(alice).head()); // written again, whole
    }

    @Test
    void aRecordMadeWithAnotherAccountsKey_isIgnored_evenForTheSameWorkspace() {
        bob.open(id);
        // Bob's browser (or anyone but Alice) writes a record under Alice's name claiming another title.
        plant(alice, bob, stored().log.head(), List.of(keptWithText(bob, groceries, "Forged")));
        assertEquals(VerifiedCache.Checked.NOTHING, readBack(alice));
        assertEquals("Groceries", title(alice.open(id), groceries));
    }

    @Test
    void aRecordOfAnotherWorkspace_isIgnored() {
        WorkspaceId other = ok((done, failed) -> alice.actions().createWorkspace("Other", done, failed));
        alice.open(other);
        alice.open(id);
        String otherKey = VerifiedCache.KEY_PREFIX + alice.account.accountId() + "." + other;
        alice.localStorage.put(VerifiedCache.KEY_PREFIX + alice.account.accountId() + "." + id,
                alice.localStorage.get(otherKey));
        assertEquals(VerifiedCache.Checked.NOTHING, readBack(alice));
    }

    @Test
    void aForgedEntry_isRefused_evenWhenAForgedRecordVouchesForIt() throws Exception {
        alice.open(id);
        Person mallory = world.person("mallory");
        // The server adds an owner "signed by Alice" with a key of its own...
        MembershipEntry forged = MembershipEntry.sign(id, stored().log.head(), new EntryBody.Invite(new MemberRecord(
                        mallory.account.accountId(), mallory.account.username(),
                        mallory.account.identity().publicIdentity(), Role.OWNER)), world.now,
                alice.account.accountId(), IdentityKeyPair.generate(world.random));
        List<byte[]> served = new ArrayList<>(stored().entries);
        served.add(forged.encode());
        world.server.servedLog.put(id, served);
        // ...and writes a record claiming Alice's browser verified up to it, with a key that is not hers.
        plant(alice, mallory, forged.head(), List.of());

        WorkspaceProblem problem = alice.openFails(id);
        assertEquals(Kind.LOG_INVALID, problem.kind());
        assertTrue(problem.blocking());
    }

    @Test
    void aStaleRecord_coversWhatItCovers_andTheNewEntriesAndTitlesAreCheckedAndKept() {
        alice.open(id);
        LogHead before = readBack(alice).head();
        world.person("carol");
        // Alice's other browser invites and renames, so this one's record is now older than the log and the list.
        Person alicesLaptop = world.new Person(alice).signIn();
        Invitee found = ok((done, failed) -> alicesLaptop.actions().lookUp("carol", done, failed));
        Workspaces.<OpenedWorkspace>ok((done, failed) -> alicesLaptop.actions().invite(alicesLaptop.open(id), found,
                Role.VIEWER, done, failed));
        ok((done, failed) -> alicesLaptop.actions().renameNote(alicesLaptop.open(id), groceries, "Shopping",
                () -> done.accept(Boolean.TRUE), failed));

        OpenedWorkspace reopened = alice.open(id);
        assertEquals("Shopping", title(reopened, groceries));
        assertEquals(1, reopened.pendingInvitations().size());
        VerifiedCache.Checked now = readBack(alice);
        assertNotEquals(before, now.head());
        assertEquals(stored().log.head(), now.head());
        assertEquals("Shopping", now.titles().get(groceries).text());
    }

    @Test
    void aRecordBeyondTheServedLog_doesNotHideARollback_norOneOfAnotherLogAFork() throws Exception {
        alice.open(id);
        world.server.servedLog.put(id, List.of(stored().entries.get(0)));
        assertEquals(Kind.ROLLBACK, alice.openFails(id).kind());

        // Another last entry, validly signed by Alice (a log shown to someone else); Alice's own record vouches for
        // the genuine head, to which the served entry does not hash: everything is checked, and the pin sees a fork.
        int last = stored().entries.size() - 1;
        List<byte[]> prefix = stored().entries.subList(0, last);
        MembershipLog before = MembershipLog.verifyEncoded(id, prefix);
        Person mallory = world.person("mallory");
        MembershipEntry other = MembershipEntry.sign(id, before.head(), new EntryBody.Invite(new MemberRecord(
                        mallory.account.accountId(), mallory.account.username(),
                        mallory.account.identity().publicIdentity(), Role.VIEWER)), world.now + 1,
                alice.account.accountId(), alice.account.identity());
        List<byte[]> forked = new ArrayList<>(prefix);
        forked.add(other.encode());
        world.server.servedLog.put(id, forked);
        assertEquals(stored().log.head(), readBack(alice).head());
        assertEquals(Kind.FORK, alice.openFails(id).kind());
    }

    @Test
    void aKeptTitle_whoseSignerMayNoLongerBeBelieved_isNotShown() {
        // Bob titles a note; a kept record of it must not outlive what the log says about Bob's identity.
        NoteId bobs = ok((done, failed) -> bob.actions().createNote(bob.open(id), "Bob's", done, failed));
        assertEquals("Bob's", title(alice.open(id), bobs));
        VerifiedCache.KeptTitle kept = readBack(alice).titles().get(bobs);
        // The same bytes kept as if checked with another identity for Bob: not the one the log records, not used.
        Person impostor = world.person("impostor");
        plant(alice, alice, stored().log.head(), List.of(new VerifiedCache.KeptTitle(bobs,
                impostor.account.identity().publicIdentity().toBytes(), kept.sealed(), "Impostor's")));
        assertEquals("Bob's", title(alice.open(id), bobs));
    }
}
