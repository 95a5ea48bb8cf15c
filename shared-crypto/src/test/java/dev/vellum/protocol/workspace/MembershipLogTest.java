package dev.vellum.protocol.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.sign.Ed25519PrivateKey;
import dev.vellum.protocol.id.InvitationId;
import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.protocol.workspace.MembershipLog.HeadComparison;
import dev.vellum.protocol.workspace.MembershipLogException.Reason;
import dev.vellum.testing.TestWorkspace;
import dev.vellum.testing.TestWorkspace.Person;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MembershipLogTest {
    private final TestWorkspace workspace;
    private final Person alice;
    private final Person bob;
    private final Person carol;

    MembershipLogTest() {
        alice = Person.named("alice", new dev.vellum.crypto.random.JvmSecureRandomSource());
        workspace = TestWorkspace.createdBy(alice, "Team");
        bob = workspace.person("bob");
        carol = workspace.person("carol");
    }

    private MembershipLogException refused(MembershipEntry entry) {
        return assertThrows(MembershipLogException.class, () -> workspace.log.append(entry));
    }

    private MembershipLog verifiedCopy() throws MembershipLogException {
        return MembershipLog.verifyEncoded(workspace.id, workspace.encodedEntries());
    }

    @Test
    void aCopyTakesEntriesWithoutChangingTheLogItCameFrom() throws Exception {
        workspace.addMember(alice, bob, Role.EDITOR);
        workspace.addMember(alice, carol, Role.VIEWER);
        MembershipLog copy = workspace.log.copy();
        copy.append(workspace.sign(alice, new EntryBody.ChangeRole(carol.accountId(), Role.EDITOR)));

        assertTrue(copy.mayWrite(carol.accountId(), carol.identity().publicIdentity(), 0));
        assertFalse(workspace.log.mayWrite(carol.accountId(), carol.identity().publicIdentity(), 0));
        assertEquals(workspace.log.length() + 1, copy.length());
        assertEquals(Role.VIEWER, workspace.log.member(carol.accountId()).orElseThrow().role());
        workspace.append(alice, new EntryBody.Remove(bob.accountId())); // the original still takes its own next entry
        assertTrue(copy.member(bob.accountId()).isPresent());
    }

    @Test
    void theCreatorIsTheFirstOwnerAtEpochZero() throws Exception {
        MembershipLog log = verifiedCopy();
        assertEquals(List.of(alice.as(Role.OWNER)), log.members());
        assertEquals(0, log.currentEpoch());
        assertTrue(workspace.epochKeys.get(0).matches(log.epochCommitment(0).orElseThrow()));
        assertEquals("Team", log.currentName().open(workspace.epochKeys.get(0)));
    }

    @Test
    void anInviteeBecomesAMemberOnlyByAcceptingWithTheInvitedIdentity() throws Exception {
        MembershipEntry invite = workspace.append(alice, new EntryBody.Invite(bob.as(Role.EDITOR)));
        assertEquals(List.of(bob.as(Role.EDITOR)), workspace.log.pendingInvitations());
        assertFalse(workspace.log.mayWrite(bob.accountId(), bob.identity().publicIdentity(), 0));

        Person impostor = new Person(bob.accountId(), bob.username(), workspace.person("bob").identity());
        assertEquals(Reason.BAD_SIGNATURE, refused(workspace.sign(impostor, new EntryBody.Accept(invite.hash())))
                .reason());

        workspace.append(bob, new EntryBody.Accept(invite.hash()));
        assertEquals(bob.as(Role.EDITOR), workspace.log.member(bob.accountId()).orElseThrow());
        assertTrue(workspace.log.mayWrite(bob.accountId(), bob.identity().publicIdentity(), 0));
        assertEquals(workspace.log.head(), verifiedCopy().head());
    }

    @Test
    void aGhostMemberAddedWithoutAnOwnersSignatureIsRefused() {
        Person ghost = workspace.person("ghost");
        MembershipEntry selfInvite = workspace.sign(ghost, new EntryBody.Invite(ghost.as(Role.OWNER)));
        MembershipLogException refusal = refused(selfInvite);
        assertEquals(Reason.NOT_ALLOWED, refusal.reason());
        assertEquals(1, refusal.sequence());

        // Alice's account id, a key the server made up: the signature cannot match the identity the log recorded.
        Person forger = new Person(alice.accountId(), alice.username(), ghost.identity());
        assertEquals(Reason.BAD_SIGNATURE,
                refused(workspace.sign(forger, new EntryBody.Invite(ghost.as(Role.EDITOR)))).reason());
    }

    @Test
    void editorsAndViewersCannotManageMembership() {
        workspace.addMember(alice, bob, Role.EDITOR);
        workspace.addMember(alice, carol, Role.VIEWER);
        Person dave = workspace.person("dave");
        for (Person member : List.of(bob, carol)) {
            assertEquals(Reason.NOT_ALLOWED, refused(workspace.sign(member,
                    new EntryBody.Invite(dave.as(Role.EDITOR)))).reason());
            assertEquals(Reason.NOT_ALLOWED, refused(workspace.sign(member,
                    new EntryBody.Remove(alice.accountId()))).reason());
            assertEquals(Reason.NOT_ALLOWED, refused(workspace.sign(member,
                    new EntryBody.ChangeRole(member.accountId(), Role.OWNER))).reason());
            EpochKey next = EpochKey.generate(workspace.id, 1, workspace.random);
            assertEquals(Reason.NOT_ALLOWED, refused(workspace.sign(member,
                    new EntryBody.Rotate(1, next.commitment()))).reason());
        }
        assertFalse(workspace.log.mayWrite(carol.accountId(), carol.identity().publicIdentity(), 0));
    }

    @Test
    void aViewerMayCommentButNotWrite_untilRemovedAndTheKeyRotates() {
        workspace.addMember(alice, carol, Role.VIEWER);
        assertTrue(workspace.log.mayComment(carol.accountId(), carol.identity().publicIdentity(), 0));
        assertFalse(workspace.log.mayWrite(carol.accountId(), carol.identity().publicIdentity(), 0));
        assertTrue(workspace.log.mayComment(alice.accountId(), alice.identity().publicIdentity(), 0));
        assertFalse(workspace.log.mayComment(carol.accountId(), alice.identity().publicIdentity(), 0),
                "only with the identity the log recorded");
        assertFalse(workspace.log.mayComment(bob.accountId(), bob.identity().publicIdentity(), 0), "not a member");

        workspace.append(alice, new EntryBody.Remove(carol.accountId()));
        workspace.rotate(alice);
        assertTrue(workspace.log.mayComment(carol.accountId(), carol.identity().publicIdentity(), 0));
        assertFalse(workspace.log.mayComment(carol.accountId(), carol.identity().publicIdentity(), 1));
        assertFalse(workspace.log.copy().mayComment(carol.accountId(), carol.identity().publicIdentity(), 1));
        assertTrue(workspace.log.copy().mayComment(carol.accountId(), carol.identity().publicIdentity(), 0));
    }

    @Test
    void removalEndsWritingInTheNewEpochButKeepsTheOldEpochsItemsValid() {
        workspace.addMember(alice, bob, Role.EDITOR);
        workspace.append(alice, new EntryBody.Remove(bob.accountId()));
        workspace.rotate(alice);

        assertEquals(1, workspace.log.currentEpoch());
        assertTrue(workspace.log.member(bob.accountId()).isEmpty());
        assertTrue(workspace.log.mayWrite(bob.accountId(), bob.identity().publicIdentity(), 0));
        assertFalse(workspace.log.mayWrite(bob.accountId(), bob.identity().publicIdentity(), 1));
        assertFalse(workspace.log.mayWrite(bob.accountId(), carol.identity().publicIdentity(), 0));
        assertFalse(workspace.log.mayWrite(alice.accountId(), alice.identity().publicIdentity(), 2));
        assertEquals(Reason.NOT_ALLOWED, refused(workspace.sign(bob, new EntryBody.Remove(alice.accountId())))
                .reason());
    }

    @Test
    void whatSomeoneWroteBeforeLeavingOrBeingMadeAViewerStaysValidUntilTheNextEpochExcludesThem() {
        workspace.addMember(alice, bob, Role.EDITOR);
        workspace.addMember(alice, carol, Role.EDITOR);
        workspace.append(bob, new EntryBody.Remove(bob.accountId()));
        workspace.append(alice, new EntryBody.ChangeRole(carol.accountId(), Role.VIEWER));
        assertTrue(workspace.log.mayWrite(bob.accountId(), bob.identity().publicIdentity(), 0));
        assertTrue(workspace.log.mayWrite(carol.accountId(), carol.identity().publicIdentity(), 0));

        workspace.rotate(alice);
        assertFalse(workspace.log.mayWrite(bob.accountId(), bob.identity().publicIdentity(), 1));
        assertFalse(workspace.log.mayWrite(carol.accountId(), carol.identity().publicIdentity(), 1));
        assertTrue(workspace.log.mayWrite(alice.accountId(), alice.identity().publicIdentity(), 1));
    }

    @Test
    void aViewerWhoNeverWroteMayNotWriteInAnyEpoch() {
        workspace.addMember(alice, carol, Role.VIEWER);
        workspace.rotate(alice);
        assertFalse(workspace.log.mayWrite(carol.accountId(), carol.identity().publicIdentity(), 0));
        assertFalse(workspace.log.mayWrite(carol.accountId(), carol.identity().publicIdentity(), 1));
    }

    @Test
    void restoringStoredEntriesChecksTheRulesAndChainButNotSignatures() throws Exception {
        workspace.addMember(alice, bob, Role.EDITOR);
        assertEquals(workspace.log.head(), MembershipLog.restoreVerified(workspace.id, workspace.entries).head());

        Person ghost = workspace.person("ghost");
        List<MembershipEntry> withGhost = new ArrayList<>(workspace.entries);
        withGhost.add(workspace.sign(ghost, new EntryBody.Invite(ghost.as(Role.OWNER))));
        assertEquals(Reason.NOT_ALLOWED, assertThrows(MembershipLogException.class,
                () -> MembershipLog.restoreVerified(workspace.id, withGhost)).reason());
        List<MembershipEntry> reordered = new ArrayList<>(workspace.entries);
        reordered.add(1, reordered.remove(2));
        assertEquals(Reason.BROKEN_CHAIN, assertThrows(MembershipLogException.class,
                () -> MembershipLog.restoreVerified(workspace.id, reordered)).reason());
    }

    @Test
    void aWorkspaceAlwaysKeepsAnOwner() {
        assertEquals(Reason.NOT_ALLOWED, refused(workspace.sign(alice, new EntryBody.Remove(alice.accountId())))
                .reason());
        assertEquals(Reason.NOT_ALLOWED, refused(workspace.sign(alice,
                new EntryBody.ChangeRole(alice.accountId(), Role.EDITOR))).reason());
        workspace.addMember(alice, bob, Role.OWNER);
        workspace.append(bob, new EntryBody.Remove(alice.accountId()));
        assertEquals(List.of(bob.as(Role.OWNER)), workspace.log.members());
    }

    @Test
    void aMemberMayLeave() {
        workspace.addMember(alice, bob, Role.VIEWER);
        workspace.append(bob, new EntryBody.Remove(bob.accountId()));
        assertTrue(workspace.log.member(bob.accountId()).isEmpty());
    }

    @Test
    void anInvitationCanBeDeclinedByTheInviteeOrCancelledByAnOwner() {
        workspace.append(alice, new EntryBody.Invite(bob.as(Role.EDITOR)));
        workspace.append(bob, new EntryBody.Decline(bob.accountId()));
        assertTrue(workspace.log.pendingInvitations().isEmpty());
        workspace.append(alice, new EntryBody.Invite(carol.as(Role.EDITOR)));
        assertEquals(Reason.NOT_ALLOWED, refused(workspace.sign(bob, new EntryBody.Decline(carol.accountId())))
                .reason());
        workspace.append(alice, new EntryBody.Decline(carol.accountId()));
        assertTrue(workspace.log.pendingInvitations().isEmpty());
    }

    @Test
    void rotationMustTakeTheNextEpoch() {
        EpochKey skipped = EpochKey.generate(workspace.id, 2, workspace.random);
        assertEquals(Reason.NOT_ALLOWED, refused(workspace.sign(alice,
                new EntryBody.Rotate(2, skipped.commitment()))).reason());
        EpochKey again = EpochKey.generate(workspace.id, 0, workspace.random);
        assertEquals(Reason.NOT_ALLOWED, refused(workspace.sign(alice,
                new EntryBody.Rotate(0, again.commitment()))).reason());
    }

    @Test
    void anInviteLinkLetsInOnePersonOnceWithItsRoleBeforeItExpires() {
        Ed25519PrivateKey linkKey = Ed25519PrivateKey.generate(workspace.random);
        InvitationId invitation = InvitationId.ofLinkKey(linkKey.publicKey());
        long expires = workspace.now() + 10;
        workspace.append(alice, new EntryBody.LinkInvite(invitation, linkKey.publicKey(), Role.EDITOR, expires,
                true));
        byte[] requestHash = new byte[32];
        assertEquals(Reason.NOT_ALLOWED, refused(workspace.sign(alice,
                new EntryBody.LinkConfirm(invitation, carol.as(Role.OWNER), requestHash))).reason());
        workspace.append(alice, new EntryBody.LinkConfirm(invitation, carol.as(Role.EDITOR), requestHash));
        assertEquals(LinkInvitationState.Status.USED, workspace.log.linkInvitation(invitation).orElseThrow()
                .status());
        assertTrue(workspace.log.member(carol.accountId()).isPresent());

        Person dave = workspace.person("dave");
        assertEquals(Reason.NOT_ALLOWED, refused(workspace.sign(alice,
                new EntryBody.LinkConfirm(invitation, dave.as(Role.EDITOR), requestHash))).reason());
    }

    @Test
    void anInviteLinksIdMustBeItsKeys() {
        Ed25519PrivateKey linkKey = Ed25519PrivateKey.generate(workspace.random);
        InvitationId other = InvitationId.ofLinkKey(Ed25519PrivateKey.generate(workspace.random).publicKey());
        assertEquals(Reason.NOT_ALLOWED, refused(workspace.sign(alice, new EntryBody.LinkInvite(other,
                linkKey.publicKey(), Role.EDITOR, workspace.now() + 1000, false))).reason());
    }

    @Test
    void aRevokedOrExpiredInviteLinkLetsNobodyIn() {
        Ed25519PrivateKey linkKey = Ed25519PrivateKey.generate(workspace.random);
        InvitationId revoked = InvitationId.ofLinkKey(linkKey.publicKey());
        workspace.append(alice, new EntryBody.LinkInvite(revoked, linkKey.publicKey(), Role.VIEWER,
                workspace.now() + 1000, false));
        workspace.append(alice, new EntryBody.LinkRevoke(revoked));
        assertEquals(Reason.NOT_ALLOWED, refused(workspace.sign(alice,
                new EntryBody.LinkConfirm(revoked, carol.as(Role.VIEWER), new byte[32]))).reason());

        Ed25519PrivateKey expiringKey = Ed25519PrivateKey.generate(workspace.random);
        InvitationId expiring = InvitationId.ofLinkKey(expiringKey.publicKey());
        workspace.append(alice, new EntryBody.LinkInvite(expiring, expiringKey.publicKey(), Role.VIEWER,
                workspace.now() + 1, false));
        workspace.sign(alice, new EntryBody.Rename(SealedName.seal(workspace.currentKey(), "x", workspace.random)));
        workspace.sign(alice, new EntryBody.Rename(SealedName.seal(workspace.currentKey(), "y", workspace.random)));
        assertEquals(Reason.NOT_ALLOWED, refused(workspace.sign(alice,
                new EntryBody.LinkConfirm(expiring, carol.as(Role.VIEWER), new byte[32]))).reason());
    }

    @Test
    void anEntryThatDoesNotFollowTheHeadIsABrokenChain() throws Exception {
        workspace.addMember(alice, bob, Role.EDITOR);
        List<MembershipEntry> reordered = new ArrayList<>(workspace.entries);
        reordered.add(1, reordered.remove(2));
        MembershipLogException refusal = assertThrows(MembershipLogException.class,
                () -> MembershipLog.verify(workspace.id, reordered));
        assertEquals(Reason.BROKEN_CHAIN, refusal.reason());

        List<MembershipEntry> truncatedStart = workspace.entries.subList(1, workspace.entries.size());
        assertThrows(MembershipLogException.class, () -> MembershipLog.verify(workspace.id, truncatedStart));
        assertEquals(Reason.WRONG_WORKSPACE, assertThrows(MembershipLogException.class,
                () -> MembershipLog.verify(WorkspaceId.random(workspace.random), workspace.entries)).reason());
    }

    @Test
    void everyFlippedByteOfAnEntryIsRefused() {
        workspace.addMember(alice, bob, Role.EDITOR);
        List<byte[]> encoded = workspace.encodedEntries();
        byte[] last = encoded.get(encoded.size() - 1);
        for (int i = 0; i < last.length; i++) {
            byte[] tampered = last.clone();
            tampered[i] ^= 0x01;
            List<byte[]> forged = new ArrayList<>(encoded.subList(0, encoded.size() - 1));
            forged.add(tampered);
            assertThrows(MembershipLogException.class, () -> MembershipLog.verifyEncoded(workspace.id, forged),
                    "byte " + i);
        }
    }

    @Test
    void aPinnedHeadDetectsRollbackAndFork() throws Exception {
        LogHead pinned = workspace.log.head();
        workspace.addMember(alice, bob, Role.EDITOR);
        MembershipLog longer = verifiedCopy();
        longer.checkExtends(pinned);
        assertEquals(HeadComparison.KNOWN, longer.compare(pinned));

        LogHead later = longer.head();
        MembershipLog shorter = MembershipLog.verify(workspace.id, workspace.entries.subList(0, 1));
        assertEquals(Reason.ROLLBACK, assertThrows(MembershipLogException.class,
                () -> shorter.checkExtends(later)).reason());
        assertEquals(HeadComparison.LATER, shorter.compare(later));

        // The same owner signs two different entries 1: the server shows each member one of them.
        MembershipLog other = MembershipLog.verify(workspace.id, workspace.entries.subList(0, 1));
        other.append(MembershipEntry.sign(workspace.id, pinned, new EntryBody.Invite(carol.as(Role.VIEWER)),
                workspace.now(), alice.accountId(), alice.identity()));
        assertEquals(Reason.FORK, assertThrows(MembershipLogException.class,
                () -> other.checkExtends(new LogHead(1, longer.entryHash(1).orElseThrow()))).reason());
        assertEquals(HeadComparison.FORKED, other.compare(new LogHead(1, longer.entryHash(1).orElseThrow())));
    }

    @Test
    void renamesAreSealedUnderTheCurrentEpochAndOnlyOwnersRename() throws Exception {
        workspace.addMember(alice, bob, Role.EDITOR);
        assertEquals(Reason.NOT_ALLOWED, refused(workspace.sign(bob, new EntryBody.Rename(
                SealedName.seal(workspace.currentKey(), "Mine", workspace.random)))).reason());
        EpochKey old = workspace.currentKey();
        EpochKey next = workspace.rotate(alice);
        assertEquals(Reason.NOT_ALLOWED, refused(workspace.sign(alice, new EntryBody.Rename(
                SealedName.seal(old, "Stale", workspace.random)))).reason());
        workspace.append(alice, new EntryBody.Rename(SealedName.seal(next, "Renamed", workspace.random)));
        assertEquals("Renamed", verifiedCopy().currentName().open(next));
    }

    @Test
    void onlyTheKeysOfOwnersOpenKeyEnvelopes() {
        workspace.addMember(alice, bob, Role.EDITOR);
        assertTrue(workspace.log.wasEverOwner(alice.identity().publicIdentity()));
        assertFalse(workspace.log.wasEverOwner(bob.identity().publicIdentity()));
    }
}
