package dev.vellum.client.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.protocol.account.DeviceCertificate;
import dev.vellum.protocol.account.Username;
import dev.vellum.protocol.comment.CommentBatch;
import dev.vellum.protocol.comment.CommentDraft;
import dev.vellum.protocol.comment.CommentRecord;
import dev.vellum.protocol.id.AccountId;
import dev.vellum.protocol.id.CommentId;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.item.NoteItemKind;
import dev.vellum.protocol.seal.NoteItemCipher;
import dev.vellum.protocol.seal.NoteKeyring;
import dev.vellum.protocol.workspace.EntryBody;
import dev.vellum.protocol.workspace.EpochKey;
import dev.vellum.protocol.workspace.EpochKeyring;
import dev.vellum.protocol.workspace.LogHead;
import dev.vellum.protocol.workspace.MemberRecord;
import dev.vellum.protocol.workspace.MembershipEntry;
import dev.vellum.protocol.workspace.MembershipLog;
import dev.vellum.protocol.workspace.Role;
import dev.vellum.protocol.workspace.SealedName;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A workspace note: items' authors are checked against the membership log, the log heads they claim are compared
 * with it, and a viewer reads only. The log is built as browsers build it (signed entries, verified by the shared
 * {@link MembershipLog}); each reader's view of it is a {@link Membership} the test controls.
 */
class WorkspaceNoteSyncTest {
    private final SyncRoom room = new SyncRoom();
    private final WorkspaceId workspace = WorkspaceId.random(room.random);
    private final NoteId note = NoteId.random(room.random);
    private final EpochKey key = EpochKey.generate(workspace, 0, room.random);
    private final List<MembershipEntry> entries = new ArrayList<>();
    private final Account alice = new Account("alice");
    private final Account bob = new Account("bob");
    private final Account vic = new Account("vic");
    private final Account carol = new Account("carol");

    /** An account with its identity, one device and its certificate. */
    private final class Account {
        final AccountId id = AccountId.random(room.random);
        final IdentityKeyPair identity = IdentityKeyPair.generate(room.random);
        final IdentityKeyPair device = IdentityKeyPair.generate(room.random);
        final Username username;
        final DeviceCertificate certificate;

        Account(String name) {
            try {
                username = Username.parse(name);
            } catch (dev.vellum.error.InvalidMessageException e) {
                throw new IllegalArgumentException(e);
            }
            certificate = DeviceCertificate.issue(identity, id, username, device.publicIdentity(), 1);
        }

        MemberRecord as(Role role) {
            return new MemberRecord(id, username, identity.publicIdentity(), role);
        }
    }

    /**
     * A reader's verified log and epoch keys; a refresh gives {@link #onRefresh} (and any new key), and completes
     * when the test says.
     */
    private final class Membership implements WorkspaceMembership {
        MembershipLog log;
        MembershipLog onRefresh;
        EpochKey keyOnRefresh;
        final boolean writer;
        final EpochKeyring keyring;
        Runnable pending;
        int refreshes;

        Membership(MembershipLog log, boolean writer) {
            this.log = log;
            this.onRefresh = log;
            this.writer = writer;
            this.keyring = new EpochKeyring(workspace, new dev.vellum.protocol.workspace.EpochCommitments() {
                @Override
                public int currentEpoch() {
                    return Membership.this.log.currentEpoch();
                }

                @Override
                public java.util.Optional<byte[]> commitment(int epoch) {
                    return Membership.this.log.epochCommitment(epoch);
                }
            });
            try {
                keyring.add(key);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public boolean mayWrite(AccountId account, PublicIdentity identity, int epoch) {
            return log.mayWrite(account, identity, epoch);
        }

        @Override
        public boolean mayComment(AccountId account, PublicIdentity identity, int epoch) {
            return log.mayComment(account, identity, epoch);
        }

        @Override
        public MembershipLog.HeadComparison compare(LogHead claimed) {
            return log.compare(claimed);
        }

        @Override
        public void refresh(Runnable done) {
            refreshes++;
            pending = done;
        }

        /** The fetch answers (as the browser's would, after the frame that asked). */
        void completeRefresh() throws Exception {
            log = onRefresh;
            if (keyOnRefresh != null) {
                keyring.add(keyOnRefresh);
            }
            Runnable done = pending;
            pending = null;
            if (done != null) {
                done.run(); // else the log moved on by this reader's own doing (the owner who rotated)
            }
        }

        @Override
        public boolean canWrite() {
            return writer;
        }

        @Override
        public int currentEpoch() {
            return log.currentEpoch();
        }
    }

    WorkspaceNoteSyncTest() throws Exception {
        add(alice, new EntryBody.Create(alice.as(Role.OWNER), SealedName.seal(key, "Plans", room.random),
                key.commitment()));
        join(bob, Role.EDITOR);
        join(vic, Role.VIEWER);
    }

    private void add(Account signer, EntryBody body) {
        LogHead head = entries.isEmpty() ? LogHead.EMPTY : entries.get(entries.size() - 1).head();
        entries.add(MembershipEntry.sign(workspace, head, body, 1, signer.id, signer.identity));
    }

    private void join(Account who, Role role) throws Exception {
        add(alice, new EntryBody.Invite(who.as(role)));
        add(who, new EntryBody.Accept(entries.get(entries.size() - 1).hash()));
    }

    private MembershipLog log() throws Exception {
        return MembershipLog.verify(workspace, entries);
    }

    private SyncRoom.Person open(Account who, Membership membership, Supplier<LogHead> claimedHead) {
        NoteItemCipher cipher = NoteItemCipher.forWorkspaceNote(NoteKeyring.ofWorkspaceNote(membership.keyring, note),
                who.device, who.certificate, claimedHead, room.random);
        return room.open(who.username.value(), Writer.device(cipher, 1), membership);
    }

    private SyncRoom.Person open(Account who, Membership membership) {
        return open(who, membership, () -> membership.log.head());
    }

    private static boolean warned(SyncRoom.Person person, SyncWarning.Kind kind) {
        return person.view.warnings.stream().anyMatch(w -> w.kind() == kind);
    }

    @Test
    void editors_coEdit_withoutWarnings() throws Exception {
        SyncRoom.Person a = open(alice, new Membership(log(), true));
        SyncRoom.Person b = open(bob, new Membership(log(), true));
        a.connect();
        b.connect();
        room.deliverAll();
        a.type(0, "hello");
        room.deliverAll();
        b.type(5, " world");
        room.deliverAll();
        assertEquals("hello world", a.text());
        assertEquals("hello world", b.text());
        assertTrue(a.view.warnings.isEmpty(), () -> a.view.warnings.toString());
        assertTrue(b.view.warnings.isEmpty(), () -> b.view.warnings.toString());
    }

    @Test
    void aViewersEditor_isReadOnly_andSendsNothing() throws Exception {
        SyncRoom.Person a = open(alice, new Membership(log(), true));
        SyncRoom.Person v = open(vic, new Membership(log(), false));
        a.connect();
        v.connect();
        room.deliverAll();
        a.type(0, "read me");
        room.deliverAll();
        assertEquals("read me", v.text());
        assertFalse(v.view.editable);
        int publishes = room.relay.publishes;
        v.type(0, "mine ");
        room.deliverAll();
        assertEquals(publishes, room.relay.publishes);
        assertEquals("read me", a.text());
    }

    @Test
    void anItemForgedByAViewersClient_isRefused_evenWhenTheServerRelaysIt() throws Exception {
        SyncRoom.Person a = open(alice, new Membership(log(), true));
        FakeRelay.Client client = a.connect();
        room.deliverAll();
        EpochKeyring vicsKeys = EpochKeyring.of(log());
        vicsKeys.add(key);
        MembershipLog known = log();
        NoteItemCipher vics = NoteItemCipher.forWorkspaceNote(NoteKeyring.ofWorkspaceNote(vicsKeys, note),
                vic.device, vic.certificate, known::head, room.random);
        NoteItem forged = vics.seal(NoteItemKind.UPDATE, 0, 1, dev.vellum.protocol.item.UpdateHash.NONE,
                new byte[] {1, 2, 3});
        room.relay.inject(client, 1, forged);
        room.deliverAll();
        assertTrue(warned(a, SyncWarning.Kind.NOT_A_WRITER), () -> a.view.warnings.toString());
        assertEquals("", a.text());
    }

    @Test
    void aViewersComment_isAccepted_whileTheirUpdate_isStillRefused_andAStrangersCommentIsNot() throws Exception {
        SyncRoom.Person a = open(alice, new Membership(log(), true));
        SyncRoom.Person v = open(vic, new Membership(log(), false));
        FakeRelay.Client alicesClient = a.connect();
        v.connect();
        room.deliverAll();
        a.type(0, "please review this");
        room.deliverAll();

        assertFalse(v.view.editable);
        assertTrue(v.sync.canComment(), "a viewer may comment");
        CommentId thread = v.sync.postComment(7, 13, "looks good");
        v.sync.flush();
        room.deliverAll();
        assertEquals(1, a.view.threads.size(), () -> a.view.warnings.toString());
        assertEquals("vic", a.view.threads.get(0).comments().get(0).author().label());
        a.sync.reply(thread, thread, "thanks");
        a.sync.flush();
        room.deliverAll();
        assertEquals(2, v.view.threads.get(0).comments().size());
        v.sync.resolveThread(thread);
        v.sync.flush();
        room.deliverAll();
        assertTrue(a.view.threads.get(0).resolved());
        assertTrue(a.view.warnings.isEmpty(), () -> a.view.warnings.toString());

        // Vic's client, altered, sends an update after its comment items: readers still refuse it.
        NoteItem vicsLast = lastStored();
        assertEquals(NoteItemKind.COMMENT, vicsLast.kind());
        EpochKeyring vicsKeys = EpochKeyring.of(log());
        vicsKeys.add(key);
        MembershipLog known = log();
        NoteItemCipher vics = NoteItemCipher.forWorkspaceNote(NoteKeyring.ofWorkspaceNote(vicsKeys, note),
                vic.device, vic.certificate, known::head, room.random);
        NoteItem forged = vics.seal(NoteItemKind.UPDATE, 0, vicsLast.header().sequence() + 1, vicsLast.hash(),
                dev.vellum.client.crdt.TextOpCodec.encode(new dev.vellum.client.crdt.TextDocument(
                        dev.vellum.client.crdt.ReplicaId.of(new byte[] {7})).replace(0, 0, "vandal ")));
        room.relay.inject(alicesClient, room.relay.latestRevision() + 1, forged);
        room.deliverAll();
        assertTrue(warned(a, SyncWarning.Kind.NOT_A_WRITER), () -> a.view.warnings.toString());
        assertEquals("please review this", a.text());

        // Carol is no member: her comment item is refused, even though she holds the key here.
        int warningsBefore = a.view.warnings.size();
        NoteItemCipher carols = NoteItemCipher.forWorkspaceNote(NoteKeyring.ofWorkspaceNote(vicsKeys, note),
                carol.device, carol.certificate, known::head, room.random);
        CommentRecord stranger = carols.signComment(CommentDraft.reply(note, thread, thread, "hi", 50, 1, "",
                room.random));
        room.relay.inject(alicesClient, room.relay.latestRevision() + 2, carols.seal(NoteItemKind.COMMENT, 0, 1,
                dev.vellum.protocol.item.UpdateHash.NONE, CommentBatch.encode(List.of(stranger))));
        room.deliverAll();
        assertEquals(warningsBefore + 1, a.view.warnings.size(), () -> a.view.warnings.toString());
        assertEquals(SyncWarning.Kind.NOT_A_WRITER, a.view.warnings.get(warningsBefore).kind());
        assertTrue(a.view.warnings.get(warningsBefore).message().contains("comment"));
        assertEquals(2, a.view.threads.get(0).comments().size());
    }

    @Test
    void aHeadFromAnotherLog_atAKnownPosition_isAFork() throws Exception {
        SyncRoom.Person a = open(alice, new Membership(log(), true));
        LogHead forkedHead = new LogHead(1, new byte[32]);
        SyncRoom.Person b = open(bob, new Membership(log(), true), () -> forkedHead);
        a.connect();
        b.connect();
        room.deliverAll();
        b.type(0, "from another log");
        room.deliverAll();
        assertTrue(warned(a, SyncWarning.Kind.MEMBERSHIP_FORK), () -> a.view.warnings.toString());
        assertEquals("", a.text());
    }

    @Test
    void aNewMembersItem_isAppliedOnceTheLogIsFetchedAgain() throws Exception {
        Membership alices = new Membership(log(), true);
        SyncRoom.Person a = open(alice, alices);
        a.connect();
        room.deliverAll();
        join(carol, Role.EDITOR); // Alice's open note does not know of it yet
        MembershipLog withCarol = log();
        alices.onRefresh = withCarol;
        SyncRoom.Person c = open(carol, new Membership(withCarol, true));
        c.connect();
        room.deliverAll();
        c.type(0, "hi from carol");
        room.deliverAll();
        assertEquals("", a.text()); // waits for the log
        assertEquals(1, alices.refreshes);
        alices.completeRefresh();
        room.deliverAll();
        assertEquals("hi from carol", a.text());
        assertFalse(warned(a, SyncWarning.Kind.MEMBERSHIP_WITHHELD), () -> a.view.warnings.toString());
    }

    @Test
    void aLaterHeadTheServerWillNotShow_isWarnedAsWithheld() throws Exception {
        Membership alices = new Membership(log(), true);
        SyncRoom.Person a = open(alice, alices);
        a.connect();
        room.deliverAll();
        join(carol, Role.VIEWER);
        SyncRoom.Person b = open(bob, new Membership(log(), true));
        b.connect();
        room.deliverAll();
        b.type(0, "after a change you cannot see");
        room.deliverAll();
        assertEquals("after a change you cannot see", a.text()); // Bob may write either way
        alices.completeRefresh(); // the server answers with the same old log
        assertTrue(warned(a, SyncWarning.Kind.MEMBERSHIP_WITHHELD), () -> a.view.warnings.toString());
    }

    @Test
    void anEditRefusedForAnOldEpoch_goesAgainUnderTheNewKey_afterTheLogIsFetched() throws Exception {
        Membership alices = new Membership(log(), true);
        Membership bobs = new Membership(log(), true);
        SyncRoom.Person a = open(alice, alices);
        SyncRoom.Person b = open(bob, bobs);
        a.connect();
        b.connect();
        room.deliverAll();
        a.type(0, "before ");
        room.deliverAll();
        // Alice removes Vic and rotates; Bob's open note still has the old log and key.
        EpochKey next = EpochKey.generate(workspace, 1, room.random);
        add(alice, new EntryBody.Remove(vic.id));
        add(alice, new EntryBody.Rotate(1, next.commitment()));
        MembershipLog rotated = log();
        alices.onRefresh = rotated;
        alices.keyOnRefresh = next;
        alices.completeRefresh();
        bobs.onRefresh = rotated;
        bobs.keyOnRefresh = next;
        room.relay.currentEpoch = 1;

        b.type(7, "after");
        room.deliverAll();
        assertEquals(dev.vellum.protocol.wire.ErrorCode.UNSUPPORTED_WORKSPACE, room.relay.refusals.get(0));
        assertEquals(1, bobs.refreshes);
        bobs.completeRefresh();
        b.sync.flush();
        room.deliverAll();
        assertEquals("before after", a.text());
        assertTrue(a.view.warnings.isEmpty(), () -> a.view.warnings.toString());
    }

    @Test
    void aNewMembersSnapshot_doesNotMakeTheNoteUnreadable_whileTheLogIsFetched() throws Exception {
        join(carol, Role.EDITOR);
        MembershipLog withCarol = log();
        SyncRoom.Person c = open(carol, new Membership(withCarol, true));
        c.connect();
        room.deliverAll();
        c.type(0, "kept in a snapshot");
        room.deliverAll();
        c.sync.onIdle(); // a version: the snapshot a newcomer's history starts from
        room.deliverAll();

        MembershipLog beforeCarol = MembershipLog.verify(workspace, entries.subList(0, entries.size() - 2));
        Membership alices = new Membership(beforeCarol, true);
        alices.onRefresh = withCarol;
        SyncRoom.Person a = open(alice, alices);
        a.connect();
        room.deliverAll();
        assertEquals(1, alices.refreshes);
        alices.completeRefresh();
        room.deliverAll();
        assertEquals("kept in a snapshot", a.text());
        assertTrue(a.view.editable);
    }

    /**
     * Alice writes under epoch 0 and leaves a version; Alice then rotates to epoch 1. Returns the key of epoch 1;
     * the relay is at epoch 1.
     */
    private EpochKey writtenUnderEpochZeroThenRotated() throws Exception {
        SyncRoom.Person a = open(alice, new Membership(log(), true));
        a.connect();
        room.deliverAll();
        a.type(0, "written under epoch 0");
        room.deliverAll();
        a.sync.onIdle();
        room.deliverAll();
        a.goOffline();
        EpochKey next = EpochKey.generate(workspace, 1, room.random);
        add(alice, new EntryBody.Rotate(1, next.commitment()));
        room.relay.currentEpoch = 1;
        return next;
    }

    private Membership afterRotation(EpochKey next, boolean writer) throws Exception {
        Membership membership = new Membership(log(), writer);
        membership.keyring.add(next);
        return membership;
    }

    private NoteItem lastStored() {
        return room.relay.stored(room.relay.storedCount() - 1).item();
    }

    @Test
    void aWriterWhoOpensANoteOfAnOlderEpoch_reEncryptsItInASnapshotUnderTheCurrentOne() throws Exception {
        EpochKey next = writtenUnderEpochZeroThenRotated();
        long before = room.relay.latestRevision();
        assertEquals(0, lastStored().header().keyEpoch());
        assertEquals(NoteItemKind.SNAPSHOT, lastStored().kind());

        SyncRoom.Person b = open(bob, afterRotation(next, true));
        b.connect();
        room.deliverAll();

        assertEquals(before + 1, room.relay.latestRevision(), "one snapshot, nothing else");
        NoteItem reEncrypted = lastStored();
        assertEquals(NoteItemKind.SNAPSHOT, reEncrypted.kind());
        assertEquals(1, reEncrypted.header().keyEpoch());
        assertEquals(before, reEncrypted.covers(), "it covers the whole note");
        assertEquals("written under epoch 0", b.text());

        // Opened again, the note rests on epoch 1: no second snapshot.
        SyncRoom.Person again = open(bob, afterRotation(next, true));
        again.connect();
        room.deliverAll();
        assertEquals(before + 1, room.relay.latestRevision());
        assertTrue(b.view.warnings.isEmpty(), () -> b.view.warnings.toString());
    }

    @Test
    void aWriterWhoReopensFromTheKeptCopy_afterARotation_reEncryptsTheNote() throws Exception {
        SyncRoom.Person a = open(alice, new Membership(log(), true));
        a.connect();
        room.deliverAll();
        a.type(0, "kept in this browser");
        room.deliverAll();
        byte[] kept = a.sync.exportLocalState(SyncRoom.KEPT_COPIES);
        a.goOffline();
        EpochKey next = EpochKey.generate(workspace, 1, room.random);
        add(alice, new EntryBody.Rotate(1, next.commitment()));
        room.relay.currentEpoch = 1;
        long before = room.relay.latestRevision();

        SyncRoom.Person again = open(alice, afterRotation(next, true));
        assertTrue(again.sync.restoreLocalState(kept, SyncRoom.KEPT_COPIES));
        again.connect();
        room.deliverAll();

        assertEquals(before + 1, room.relay.latestRevision(), "one snapshot");
        assertEquals(NoteItemKind.SNAPSHOT, lastStored().kind());
        assertEquals(1, lastStored().header().keyEpoch());
        assertTrue(again.view.warnings.isEmpty(), () -> again.view.warnings.toString());
    }

    @Test
    void aWriterWhoReopensWithAnUnsentEdit_afterARotation_reEncryptsTheNoteOnceTheEditIsStored() throws Exception {
        SyncRoom.Person a = open(alice, new Membership(log(), true));
        a.connect();
        room.deliverAll();
        a.type(0, "kept");
        room.deliverAll();
        a.goOffline();
        a.typeOnly(4, " and typed offline");
        byte[] kept = a.sync.exportLocalState(SyncRoom.KEPT_COPIES);
        EpochKey next = EpochKey.generate(workspace, 1, room.random);
        add(alice, new EntryBody.Rotate(1, next.commitment()));
        room.relay.currentEpoch = 1;

        SyncRoom.Person again = open(alice, afterRotation(next, true));
        assertTrue(again.sync.restoreLocalState(kept, SyncRoom.KEPT_COPIES));
        again.connect();
        room.deliverAll();
        again.sync.flush(); // the offline edit goes first: a snapshot must hold what was stored
        room.deliverAll();
        again.sync.flush(); // then the next paced send finds nothing waiting

        NoteItem reEncrypted = lastStored();
        assertEquals(NoteItemKind.SNAPSHOT, reEncrypted.kind(), "the note was re-encrypted once nothing waited");
        assertEquals(1, reEncrypted.header().keyEpoch());
        assertEquals(room.relay.latestRevision() - 1, reEncrypted.covers(), "it covers the edit");
        room.deliverAll();
        assertEquals("kept and typed offline", again.text());
        assertTrue(again.view.warnings.isEmpty(), () -> again.view.warnings.toString());
    }

    @Test
    void aViewer_orANoteAlreadyUnderTheCurrentEpoch_makesNoSnapshotOnOpening() throws Exception {
        EpochKey next = writtenUnderEpochZeroThenRotated();
        long before = room.relay.latestRevision();

        SyncRoom.Person v = open(vic, afterRotation(next, false));
        v.connect();
        room.deliverAll();
        assertEquals(before, room.relay.latestRevision(), "a viewer cannot write");
        assertEquals("written under epoch 0", v.text());

        SyncRoom.Person b = open(bob, afterRotation(next, true));
        b.connect();
        room.deliverAll();
        b.type(0, "now ");
        room.deliverAll();
        long afterEdit = room.relay.latestRevision();
        SyncRoom.Person a = open(alice, afterRotation(next, true));
        a.connect();
        room.deliverAll();
        assertEquals(afterEdit, room.relay.latestRevision(), "Bob's snapshot re-encrypted it already");
        assertEquals("now written under epoch 0", a.text());
    }
}
