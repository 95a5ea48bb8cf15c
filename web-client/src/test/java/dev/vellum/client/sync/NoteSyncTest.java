package dev.vellum.client.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.client.crdt.ReplicaId;
import dev.vellum.crypto.InvalidMessageException;
import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.protocol.EncryptedRevision;
import dev.vellum.protocol.NoteKeys;
import dev.vellum.protocol.NoteRevisionCipher;
import dev.vellum.protocol.RevisionHeader;
import dev.vellum.protocol.wire.ErrorCode;
import dev.vellum.protocol.wire.Frame;
import dev.vellum.protocol.wire.FrameCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

class NoteSyncTest {
    private final JvmSecureRandomSource random = new JvmSecureRandomSource();
    private final NoteKeys keys = NoteKeys.generate(random);
    private final FakeRelay relay = new FakeRelay();

    private final FakeNoteView aliceView = new FakeNoteView();
    private final NoteSync alice = syncFor(aliceView);
    private final FakeNoteView bobView = new FakeNoteView();
    private final NoteSync bob = syncFor(bobView);

    private long now = 1_000;

    private NoteSync syncFor(FakeNoteView view) {
        return new NoteSync(keys.noteId(), new NoteRevisionCipher(keys, random), view,
                ReplicaId.of(random.randomBytes(16)), view == aliceView ? "Alice" : "Bob", 2, () -> now);
    }

    @Test
    void presence_showsThePeersCaret_andFollowsEditsAboveIt_thenTimesOut() {
        FakeRelay.Client a = relay.connect(alice);
        FakeRelay.Client b = relay.connect(bob);
        a.deliverAll();
        b.deliverAll();
        type(alice, aliceView, 0, "hello world");
        a.deliverAll();
        b.deliverAll();

        bob.sendPresence(6, 11); // Bob selects "world"
        a.deliverAll();
        assertEquals(List.of(new PeerCursor("Bob", 2, 6, 11)), aliceView.peers);

        type(alice, aliceView, 0, ">> ");
        assertEquals(List.of(new PeerCursor("Bob", 2, 9, 14)), aliceView.peers, "moved with the text");

        now += NoteSync.PRESENCE_TIMEOUT_MILLIS + 1;
        alice.presenceHeartbeat(0, 0);
        assertTrue(aliceView.peers.isEmpty());
    }

    @Test
    void presence_isNeverStored() {
        FakeRelay.Client a = relay.connect(alice);
        relay.connect(bob).deliverAll();
        a.deliverAll();

        alice.sendPresence(0, 0);

        assertEquals(0, relay.storedCount());
    }

    @Test
    void chaoticRelay_reorderingDuplicatingAndDroppingFrames_stillConverges() {
        for (long seed = 1; seed <= 150; seed++) {
            FakeRelay chaosRelay = new FakeRelay();
            java.util.Random random = new java.util.Random(seed); // test scenarios only
            chaosRelay.chaos = random;
            List<FakeNoteView> views = new java.util.ArrayList<>();
            List<NoteSync> syncs = new java.util.ArrayList<>();
            List<FakeRelay.Client> clients = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                FakeNoteView view = new FakeNoteView();
                NoteSync sync = syncFor(view);
                views.add(view);
                syncs.add(sync);
                clients.add(chaosRelay.connect(sync));
            }
            clients.forEach(FakeRelay.Client::deliverAll);
            for (int round = 0; round < 30; round++) {
                int who = random.nextInt(3);
                FakeNoteView view = views.get(who);
                if (!view.text.isEmpty() && random.nextInt(3) == 0) {
                    int at = random.nextInt(view.text.length());
                    view.text = view.text.substring(0, at) + view.text.substring(at + 1);
                    view.caret = at;
                    syncs.get(who).onLocalEdit();
                    syncs.get(who).flush();
                } else {
                    type(syncs.get(who), view, random.nextInt(view.text.length() + 1), "ab".substring(random.nextInt(2)));
                }
                FakeRelay.Client lucky = clients.get(random.nextInt(3));
                lucky.deliverAll();
            }
            for (int i = 0; i < 3; i++) {
                clients.get(i).deliverAll();
            }
            for (int i = 0; i < 3; i++) {
                clients.get(i).deliverAll(); // answers to what the first pass sent
            }
            // Everyone reconnects: dropped frames come back with the history.
            chaosRelay.chaos = null;
            for (int i = 0; i < 3; i++) {
                chaosRelay.disconnect(clients.get(i));
                clients.set(i, chaosRelay.connect(syncs.get(i)));
            }
            for (int pass = 0; pass < 3; pass++) {
                clients.forEach(FakeRelay.Client::deliverAll);
            }
            for (int i = 1; i < 3; i++) {
                assertEquals(views.get(0).text, views.get(i).text, "seed " + seed + ", person " + i);
            }
            for (NoteSync sync : syncs) {
                assertFalse(sync.hasUnsavedChanges(), "seed " + seed);
            }
        }
    }

    @Test
    void editorIsReadOnlyUntilTheHistoryHasArrived() {
        assertFalse(aliceView.editable);
        FakeRelay.Client client = relay.connect(alice);
        assertFalse(aliceView.editable);

        client.deliverAll();

        assertTrue(aliceView.editable);
        assertEquals(SyncStatus.SAVED, aliceView.status);
    }

    @Test
    void typedText_reachesThePeer_andIsSaved() {
        FakeRelay.Client a = relay.connect(alice);
        FakeRelay.Client b = relay.connect(bob);
        a.deliverAll();
        b.deliverAll();

        type(alice, aliceView, 0, "hello from alice");
        a.deliverAll();
        b.deliverAll();

        assertEquals("hello from alice", bobView.text);
        assertEquals(SyncStatus.SAVED, aliceView.status);
        assertFalse(alice.hasUnsavedChanges());
    }

    @Test
    void concurrentEdits_bothSurvive_andConverge() {
        FakeRelay.Client a = relay.connect(alice);
        FakeRelay.Client b = relay.connect(bob);
        a.deliverAll();
        b.deliverAll();
        type(alice, aliceView, 0, "shared line");
        a.deliverAll();
        b.deliverAll();

        type(alice, aliceView, 0, "Alice: ");
        type(bob, bobView, bobView.text.length(), " (Bob was here)"); // refused as stale, then sent again
        for (int round = 0; round < 3; round++) {
            a.deliverAll();
            b.deliverAll();
        }

        assertEquals("Alice: shared line (Bob was here)", aliceView.text);
        assertEquals(aliceView.text, bobView.text);
        assertEquals(3, relay.storedCount());
        assertFalse(alice.hasUnsavedChanges() || bob.hasUnsavedChanges());
    }

    @Test
    void remoteEditAboveTheCaret_keepsTheCaretOnItsCharacter() {
        FakeRelay.Client a = relay.connect(alice);
        FakeRelay.Client b = relay.connect(bob);
        a.deliverAll();
        b.deliverAll();
        type(alice, aliceView, 0, "line two");
        a.deliverAll();
        b.deliverAll();
        bobView.caret = 5; // Bob's caret before "two"

        type(alice, aliceView, 0, "line one\n");
        a.deliverAll();
        b.deliverAll();

        assertEquals("line one\nline two", bobView.text);
        assertEquals(5, bobView.caret, "the fake view does not rebase; the browser view does (CaretRebase)");
    }

    @Test
    void latecomer_receivesTheWholeHistory() {
        FakeRelay.Client a = relay.connect(alice);
        a.deliverAll();
        type(alice, aliceView, 0, "first");
        a.deliverAll();
        type(alice, aliceView, 5, " second");
        a.deliverAll();

        FakeRelay.Client b = relay.connect(bob);
        b.deliverAll();

        assertEquals("first second", bobView.text);
        assertTrue(bobView.editable);
    }

    @Test
    void editsWhileOffline_areSentOnReconnect_andHistoryIsNotAppliedTwice() {
        FakeRelay.Client a = relay.connect(alice);
        a.deliverAll();
        type(alice, aliceView, 0, "online ");
        a.deliverAll();
        relay.disconnect(a);
        assertEquals(SyncStatus.OFFLINE, aliceView.status);

        type(alice, aliceView, 7, "offline");
        assertTrue(alice.hasUnsavedChanges());
        assertEquals(SyncStatus.OFFLINE, aliceView.status);
        assertEquals("1 change waiting, kept in this browser", aliceView.detail);
        FakeRelay.Client again = relay.connect(alice);
        again.deliverAll();

        assertEquals("online offline", aliceView.text);
        assertEquals(2, relay.storedCount());
        assertFalse(alice.hasUnsavedChanges());
        assertEquals(SyncStatus.SAVED, aliceView.status);
    }

    @Test
    void offlineEdits_keptInTheBrowser_surviveAReload_andAreSentWhenOnline() {
        FakeRelay.Client a = relay.connect(alice);
        a.deliverAll();
        type(alice, aliceView, 0, "saved ");
        a.deliverAll();
        relay.disconnect(a);
        type(alice, aliceView, 6, "typed offline");
        byte[] kept = alice.exportLocalState();

        // A reload: a new page, a new replica, still offline.
        FakeNoteView reloadedView = new FakeNoteView();
        NoteSync reloaded = syncFor(reloadedView);
        assertTrue(reloaded.restoreLocalState(kept));
        assertEquals("saved typed offline", reloadedView.text);
        assertTrue(reloadedView.editable, "editable offline at once");
        assertEquals(SyncStatus.OFFLINE, reloadedView.status);

        FakeRelay.Client back = relay.connect(reloaded);
        back.deliverAll();
        FakeRelay.Client b = relay.connect(bob);
        b.deliverAll();

        assertEquals("saved typed offline", bobView.text);
        assertFalse(reloaded.hasUnsavedChanges());
    }

    @Test
    void keptStateOfAnotherNote_orDamaged_isIgnored() {
        NoteKeys otherKeys = NoteKeys.generate(random);
        FakeNoteView otherView = new FakeNoteView();
        NoteSync other = new NoteSync(otherKeys.noteId(), new NoteRevisionCipher(otherKeys, random), otherView,
                ReplicaId.of(new byte[] {7}), "Eve", 0, () -> now);
        FakeRelay.Client o = new FakeRelay().connect(other);
        o.deliverAll();
        byte[] theirs = other.exportLocalState();

        assertFalse(alice.restoreLocalState(theirs));
        assertFalse(alice.restoreLocalState(new byte[10]));
        assertFalse(aliceView.editable);
    }

    @Test
    void historyResentOrReplayed_changesNothing() {
        FakeRelay.Client a = relay.connect(alice);
        FakeRelay.Client b = relay.connect(bob);
        a.deliverAll();
        b.deliverAll();
        type(alice, aliceView, 0, "abc");
        a.deliverAll();
        b.deliverAll();
        byte[] first = FrameCodec.encode(new Frame.Revision(relay.stored(0)));
        type(alice, aliceView, 3, "def");
        a.deliverAll();
        b.deliverAll();

        bob.onFrame(first);
        bob.onFrame(first);

        assertEquals("abcdef", bobView.text);
    }

    @Test
    void unreadableRevision_keepsEditorReadOnly_andNeverSends() {
        NoteKeys other = NoteKeys.generate(random);
        byte[] foreign = new NoteRevisionCipher(other, random)
                .seal(RevisionHeader.linkShared(other.noteId(), 1), new byte[] {1}).encode();
        System.arraycopy(keys.noteId().toBytes(), 0, foreign, 17, 16);
        relay.connect(alice);

        alice.onFrame(FrameCodec.encode(new Frame.Revision(parse(foreign))));
        alice.onFrame(FrameCodec.encode(new Frame.CaughtUp(1)));
        aliceView.type(0, "overwrite attempt");
        alice.onLocalEdit();
        alice.flush();

        assertEquals(SyncStatus.UNREADABLE, aliceView.status);
        assertFalse(aliceView.editable);
        assertEquals(0, relay.storedCount());
    }

    @Test
    void refusalOtherThanStale_isShown_andNotRetriedUntilNextEdit() {
        FakeRelay.Client a = relay.connect(alice);
        a.deliverAll();
        aliceView.type(0, "too big");
        alice.onLocalEdit();

        relay.refuseNext = ErrorCode.FRAME_TOO_LARGE;
        alice.flush();
        a.deliverAll(); // the refusal arrives; a retry would be sent, and stored, right here
        alice.flush();
        a.deliverAll();

        assertEquals(SyncStatus.REFUSED, aliceView.status);
        assertEquals(0, relay.storedCount());
        assertTrue(alice.hasUnsavedChanges());

        type(alice, aliceView, 7, "!");
        a.deliverAll();
        assertEquals(1, relay.storedCount(), "the next edit sends everything again");
    }

    @Test
    void temporaryRefusal_isRetriedOnTheNextConnection() {
        FakeRelay.Client a = relay.connect(alice);
        a.deliverAll();
        relay.refuseNext = ErrorCode.RATE_LIMITED;
        type(alice, aliceView, 0, "keep me");
        a.deliverAll();
        assertEquals(0, relay.storedCount());
        relay.disconnect(a);

        relay.connect(alice).deliverAll();

        assertEquals(1, relay.storedCount());
        assertFalse(alice.hasUnsavedChanges());
    }

    @Test
    void largePaste_goesOutAsSeveralRevisions_andArrivesWhole() {
        FakeRelay.Client a = relay.connect(alice);
        FakeRelay.Client b = relay.connect(bob);
        a.deliverAll();
        b.deliverAll();
        String paste = "x".repeat(NoteSync.MAX_BATCH_CHARS * 2 + 123);

        type(alice, aliceView, 0, paste);
        for (int round = 0; round < 5; round++) {
            a.deliverAll();
            b.deliverAll();
        }

        assertEquals(3, relay.storedCount());
        assertEquals(paste, bobView.text);
    }

    @Test
    void garbageFromServer_isReportedNotApplied() {
        FakeRelay.Client a = relay.connect(alice);
        a.deliverAll();
        type(alice, aliceView, 0, "kept");

        alice.onFrame(new byte[] {2, 1, 2, 3});

        assertEquals("kept", aliceView.text);
        assertEquals(SyncStatus.REFUSED, aliceView.status);
    }

    private static EncryptedRevision parse(byte[] encoded) {
        try {
            return EncryptedRevision.parse(encoded);
        } catch (InvalidMessageException e) {
            throw new AssertionError(e);
        }
    }

    private static void type(NoteSync sync, FakeNoteView view, int position, String text) {
        view.type(position, text);
        sync.onLocalEdit();
        sync.flush();
    }
}
