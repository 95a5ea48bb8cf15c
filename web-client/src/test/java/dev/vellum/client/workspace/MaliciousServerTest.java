package dev.vellum.client.workspace;

import static dev.vellum.client.workspace.Workspaces.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.client.workspace.WorkspaceProblem.Kind;
import dev.vellum.client.workspace.Workspaces.Person;
import dev.vellum.crypto.identity.IdentityKeyPair;
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
 * The server is the attacker: it changes what it stores or serves. Each attack is detected, shown as a blocking
 * alert, and nothing is sealed to the attacker.
 */
class MaliciousServerTest {
    private final Workspaces world = new Workspaces();
    private final Person alice = world.person("alice");
    private final Person bob = world.person("bob");
    private final WorkspaceId id = ok((done, failed) -> alice.actions().createWorkspace("Plans", done, failed));

    private OpenedWorkspace invite(Person owner, Person invitee, Role role) {
        Invitee found = ok((done, failed) -> owner.actions().lookUp(invitee.account.username().value(), done,
                failed));
        return ok((done, failed) -> owner.actions().invite(owner.open(id), found, role, done, failed));
    }

    private void join(Person invitee, Role role) {
        invite(alice, invitee, role);
        Workspaces.<OpenedWorkspace>ok((done, failed) -> invitee.actions().accept(invitee.open(id), done, failed));
    }

    private FakeWorkspaceServer.Stored stored() {
        return world.server.workspaces.get(id);
    }

    @Test
    void aMemberInsertedWithoutAValidSignature_isRejected() throws Exception {
        Person mallory = world.person("mallory");
        MembershipLog log = stored().log;
        // The server signs an Invite "by Alice" with a key of its own.
        MembershipEntry forged = MembershipEntry.sign(id, log.head(), new EntryBody.Invite(new MemberRecord(
                        mallory.account.accountId(), mallory.account.username(),
                        mallory.account.identity().publicIdentity(), Role.OWNER)), world.now,
                alice.account.accountId(), IdentityKeyPair.generate(world.random));
        List<byte[]> served = new ArrayList<>(stored().entries);
        served.add(forged.encode());
        world.server.servedLog.put(id, served);

        WorkspaceProblem problem = alice.openFails(id);
        assertEquals(Kind.LOG_INVALID, problem.kind());
        assertTrue(problem.blocking());
    }

    @Test
    void aSwappedKey_stopsTheInvitation_withABlockingAlert_andNothingIsSealed() {
        Workspaces.<Invitee>ok((done, failed) -> alice.actions().lookUp("bob", done, failed)); // pinned on first sight
        IdentityKeyPair servers = IdentityKeyPair.generate(world.random);
        world.server.users.put(bob.account.username(), new WorkspaceServer.UserKeys(bob.account.accountId(),
                bob.account.username(), servers.publicIdentity()));
        int appends = world.server.appends;

        WorkspaceProblem problem = Workspaces.<Invitee>problem((done, failed) ->
                alice.actions().lookUp("bob", done, failed));
        assertEquals(Kind.KEY_CHANGED, problem.kind());
        assertTrue(problem.blocking());
        assertEquals(bob.account.identity().publicIdentity(), problem.keyChange().pinned());
        assertEquals(servers.publicIdentity(), problem.keyChange().presented());
        assertEquals(appends, world.server.appends);
    }

    @Test
    void anInviteeWithAChangedKey_isSealedNothing_evenWhenAskedDirectly() {
        Invitee real = ok((done, failed) -> alice.actions().lookUp("bob", done, failed));
        Invitee swapped = new Invitee(real.accountId(), real.username(),
                IdentityKeyPair.generate(world.random).publicIdentity(), real.safetyNumber(), true, false);
        int appends = world.server.appends;
        WorkspaceProblem problem = Workspaces.<OpenedWorkspace>problem((done, failed) ->
                alice.actions().invite(alice.open(id), swapped, Role.EDITOR, done, failed));
        assertEquals(Kind.KEY_CHANGED, problem.kind());
        assertEquals(appends, world.server.appends);
    }

    @Test
    void acceptingTheNewKey_afterTheAlert_letsTheInvitationGoOn() {
        Workspaces.<Invitee>ok((done, failed) -> alice.actions().lookUp("bob", done, failed));
        IdentityKeyPair renewed = IdentityKeyPair.generate(world.random);
        world.server.users.put(bob.account.username(), new WorkspaceServer.UserKeys(bob.account.accountId(),
                bob.account.username(), renewed.publicIdentity()));
        WorkspaceProblem alert = Workspaces.<Invitee>problem((done, failed) ->
                alice.actions().lookUp("bob", done, failed));
        ok((done, failed) -> alice.session.contacts().acceptNewKey(alert.keyChange(),
                () -> done.accept(Boolean.TRUE), failed));
        Invitee now = ok((done, failed) -> alice.actions().lookUp("bob", done, failed));
        assertEquals(renewed.publicIdentity(), now.identity());
    }

    @Test
    void aReplayedOldEpochEnvelope_isShownAsAnOldKey() {
        join(bob, Role.EDITOR);
        Person carol = world.person("carol");
        join(carol, Role.EDITOR);
        Workspaces.<OpenedWorkspace>ok((done, failed) -> alice.actions().remove(alice.open(id), carol.account.accountId(), done, failed));
        // Bob is served only his epoch-0 envelope, as if no rotation had happened.
        byte[] epochZero = stored().envelopes.stream().filter(e -> {
            try {
                var header = dev.vellum.protocol.item.KeyEnvelope.parse(e).header();
                return header.keyEpoch() == 0 && header.recipientKeyId().equals(
                        dev.vellum.protocol.id.IdentityKeyId.of(bob.account.identity().publicIdentity()));
            } catch (dev.vellum.error.InvalidMessageException ex) {
                return false;
            }
        }).findFirst().orElseThrow();
        world.server.servedEnvelopes.put(id, List.of(epochZero));

        OpenedWorkspace bobs = bob.open(id);
        assertTrue(bobs.warnings().stream().anyMatch(w -> w.kind() == Kind.OLD_EPOCH_KEY && w.blocking()),
                () -> bobs.warnings().toString());
        assertEquals(Kind.NO_KEY, Workspaces.<dev.vellum.protocol.id.NoteId>problem((done, failed) ->
                bob.actions().createNote(bobs, "Under an old key", done, failed)).kind());
        // Bob's notes open read-only: nothing of his is ever sealed under the key the removed Carol holds.
        assertTrue(bobs.canWrite() && !bobs.holdsCurrentKey(), "bob is a writer whose browser lacks the key");
    }

    @Test
    void anEnvelopeFromAnotherWorkspace_isRefused() {
        WorkspaceId other = ok((done, failed) -> alice.actions().createWorkspace("Other", done, failed));
        world.server.servedEnvelopes.put(id, List.copyOf(world.server.workspaces.get(other).envelopes));
        OpenedWorkspace opened = alice.open(id);
        assertTrue(opened.warnings().stream().anyMatch(w -> w.kind() == Kind.OLD_EPOCH_KEY),
                () -> opened.warnings().toString());
        assertEquals(OpenedWorkspace.UNREADABLE_NAME, opened.name());
    }

    @Test
    void aRolledBackLog_isDetected() {
        invite(alice, bob, Role.EDITOR);
        alice.open(id); // pins the head after the invitation
        world.server.servedLog.put(id, List.of(stored().entries.get(0)));
        WorkspaceProblem problem = alice.openFails(id);
        assertEquals(Kind.ROLLBACK, problem.kind());
        assertTrue(problem.blocking());
    }

    @Test
    void aForkedLog_isDetected() throws Exception {
        invite(alice, bob, Role.EDITOR);
        alice.open(id);
        // Another entry at the same position, validly signed by Alice (as a log shown to someone else would be).
        MembershipLog genesisOnly = MembershipLog.verifyEncoded(id, List.of(stored().entries.get(0)));
        MembershipEntry other = MembershipEntry.sign(id, genesisOnly.head(), new EntryBody.Invite(new MemberRecord(
                        bob.account.accountId(), bob.account.username(), bob.account.identity().publicIdentity(),
                        Role.VIEWER)), world.now + 1, alice.account.accountId(), alice.account.identity());
        world.server.servedLog.put(id, List.of(stored().entries.get(0), other.encode()));
        WorkspaceProblem problem = alice.openFails(id);
        assertEquals(Kind.FORK, problem.kind());
        assertTrue(problem.blocking());
    }

    @Test
    void aMemberWhoseKeyChanged_stopsTheRotation_andNothingIsSealed() {
        join(bob, Role.EDITOR);
        Person carol = world.person("carol");
        join(carol, Role.EDITOR);
        // Alice's book pinned another key for Bob than the log's (as if pinned elsewhere before the log existed).
        alice.session.contacts().acceptNewKey(new WorkspaceProblem.KeyChange(bob.account.accountId(),
                bob.account.username(), bob.account.identity().publicIdentity(),
                IdentityKeyPair.generate(world.random).publicIdentity()), () -> { }, p -> { });
        OpenedWorkspace opened = alice.open(id);
        assertTrue(opened.warnings().stream().anyMatch(w -> w.kind() == Kind.KEY_CHANGED));
        int appends = world.server.appends;
        WorkspaceProblem problem = Workspaces.<OpenedWorkspace>problem((done, failed) ->
                alice.actions().remove(opened, carol.account.accountId(), done, failed));
        assertEquals(Kind.KEY_CHANGED, problem.kind());
        assertEquals(appends, world.server.appends);
    }

    @Test
    void aLogThatGivesMeAnotherKey_isRejected() throws Exception {
        // Alice's own record in a log made by someone else, with a key that is not hers.
        IdentityKeyPair impostor = IdentityKeyPair.generate(world.random);
        WorkspaceId fake = WorkspaceId.random(world.random);
        var key = dev.vellum.protocol.workspace.EpochKey.generate(fake, 0, world.random);
        MembershipEntry genesis = MembershipEntry.sign(fake, LogHead.EMPTY, new EntryBody.Create(new MemberRecord(
                        alice.account.accountId(), alice.account.username(), impostor.publicIdentity(), Role.OWNER),
                dev.vellum.protocol.workspace.SealedName.seal(key, "Trap", world.random), key.commitment()),
                world.now, alice.account.accountId(), impostor);
        FakeWorkspaceServer.Stored trap = new FakeWorkspaceServer.Stored();
        trap.entries.add(genesis.encode());
        trap.log = MembershipLog.verifyEncoded(fake, trap.entries);
        world.server.workspaces.put(fake, trap);
        WorkspaceProblem problem = alice.openFails(fake);
        assertEquals(Kind.LOG_INVALID, problem.kind());
        assertFalse(problem.message().isEmpty());
    }

    @Test
    void aKeySealedBySomeoneWhoWasNeverAnOwner_isRefused() throws Exception {
        join(bob, Role.EDITOR);
        Person carol = world.person("carol");
        invite(alice, carol, Role.VIEWER);
        // Bob (an editor) holds the real key and seals it to Carol; the server serves only that envelope.
        OpenedWorkspace bobs = bob.open(id);
        byte[] fromBob = Envelopes.seal(bob.session, bobs.currentKey(), carol.account.identity().publicIdentity());
        world.server.servedEnvelopes.put(id, List.of(fromBob));
        OpenedWorkspace carols = carol.open(id);
        assertTrue(carols.warnings().stream().anyMatch(w -> w.kind() == Kind.OLD_EPOCH_KEY
                && w.message().contains("never was, an owner")), () -> carols.warnings().toString());
        assertEquals(OpenedWorkspace.UNREADABLE_NAME, carols.name());
    }
}
