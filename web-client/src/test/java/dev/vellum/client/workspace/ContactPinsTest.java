package dev.vellum.client.workspace;

import static dev.vellum.client.workspace.Workspaces.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.client.workspace.WorkspaceProblem.Kind;
import dev.vellum.client.workspace.Workspaces.Person;
import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.protocol.workspace.Role;
import org.junit.jupiter.api.Test;

/** The contact book: pins kept sealed on the server, merged when two browsers save at once, verified marks. */
class ContactPinsTest {
    private final Workspaces world = new Workspaces();
    private final Person alice = world.person("alice");
    private final Person bob = world.person("bob");
    private final Person carol = world.person("carol");

    private Invitee lookUp(Person who, String username) {
        return ok((done, failed) -> who.actions().lookUp(username, done, failed));
    }

    private void swapKeyOf(Person person) {
        world.server.users.put(person.account.username(), new WorkspaceServer.UserKeys(person.account.accountId(),
                person.account.username(), IdentityKeyPair.generate(world.random).publicIdentity()));
    }

    @Test
    void aPin_outlivesTheSession_sealedOnTheServer() {
        assertTrue(lookUp(alice, "bob").firstSeen());
        alice.signIn();
        assertFalse(lookUp(alice, "bob").firstSeen());
        swapKeyOf(bob);
        assertEquals(Kind.KEY_CHANGED, Workspaces.<Invitee>problem((done, failed) ->
                alice.actions().lookUp("bob", done, failed)).kind());
        assertTrue(world.server.contactBooks.get(alice.account.accountId()).book().length > 0);
    }

    @Test
    void twoBrowsersSavingAtOnce_keepBothPins() {
        Person otherBrowser = world.new Person(alice).signIn();
        lookUp(alice, "bob"); // saved first
        lookUp(otherBrowser, "carol"); // stale revision: merged with Bob's pin, saved again
        Person reloaded = world.new Person(alice).signIn();
        swapKeyOf(bob);
        swapKeyOf(carol);
        assertEquals(Kind.KEY_CHANGED, Workspaces.<Invitee>problem((done, failed) ->
                reloaded.actions().lookUp("bob", done, failed)).kind());
        assertEquals(Kind.KEY_CHANGED, Workspaces.<Invitee>problem((done, failed) ->
                reloaded.actions().lookUp("carol", done, failed)).kind());
    }

    @Test
    void aVerifiedMark_isKept_andShownOnTheMember() {
        WorkspaceId id = ok((done, failed) -> alice.actions().createWorkspace("Plans", done, failed));
        Invitee invitee = lookUp(alice, "bob");
        Workspaces.<OpenedWorkspace>ok((done, failed) -> alice.actions().invite(alice.open(id), invitee,
                Role.EDITOR, done, failed));
        Workspaces.<Boolean>ok((done, failed) -> alice.session.contacts().markVerified(invitee.accountId(),
                invitee.username(), invitee.identity(), () -> done.accept(Boolean.TRUE), failed));
        alice.signIn();
        MemberView shown = alice.open(id).pendingInvitations().get(0);
        assertTrue(shown.verified());
        assertTrue(lookUp(alice, "bob").verified());
    }

    @Test
    void aBookAlteredOnTheServer_doesNotOpen() {
        lookUp(alice, "bob");
        WorkspaceServer.StoredContacts stored = world.server.contactBooks.get(alice.account.accountId());
        byte[] altered = stored.book().clone();
        altered[altered.length - 1] ^= 1;
        world.server.contactBooks.put(alice.account.accountId(),
                new WorkspaceServer.StoredContacts(stored.revision(), altered));
        WorkspaceProblem problem = Workspaces.<WorkspaceSession>problem((done, failed) -> WorkspaceSession.start(
                alice.account, world.server.as(alice.account), world.random, () -> world.now,
                new LogHeadPins.Storage() {
                    @Override
                    public String get(String key) {
                        return null;
                    }

                    @Override
                    public void put(String key, String value) {
                    }
                }, text -> text, done, failed));
        assertTrue(problem.blocking());
    }
}
