package dev.vellum.client.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.protocol.EncryptedRevision;
import dev.vellum.protocol.NoteKeys;
import dev.vellum.protocol.NoteRevisionCipher;
import dev.vellum.protocol.RevisionHeader;
import dev.vellum.protocol.wire.ErrorCode;
import dev.vellum.protocol.wire.Frame;
import dev.vellum.protocol.wire.FrameCodec;
import org.junit.jupiter.api.Test;

class NoteSyncTest {
    private final JvmSecureRandomSource random = new JvmSecureRandomSource();
    private final NoteKeys keys = NoteKeys.generate(random);
    private final FakeRelay relay = new FakeRelay();

    private final FakeNoteView aliceView = new FakeNoteView();
    private final NoteSync alice = syncFor(aliceView, keys);
    private final FakeNoteView bobView = new FakeNoteView();
    private final NoteSync bob = syncFor(bobView, keys);

    private NoteSync syncFor(FakeNoteView view, NoteKeys noteKeys) {
        return new NoteSync(noteKeys.noteId(), new NoteRevisionCipher(noteKeys, random), view);
    }

    @Test
    void editorIsReadOnlyUntilTheNoteHasLoaded() {
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

        type(alice, aliceView, "hello from alice");
        a.deliverAll();
        b.deliverAll();

        assertEquals("hello from alice", bobView.text);
        assertEquals(SyncStatus.SAVED, aliceView.status);
        assertFalse(alice.hasUnsavedChanges());
    }

    @Test
    void concurrentEdits_lastCompleteTextWins_andBothConverge() {
        FakeRelay.Client a = relay.connect(alice);
        FakeRelay.Client b = relay.connect(bob);
        a.deliverAll();
        b.deliverAll();

        type(alice, aliceView, "alice's version");
        type(bob, bobView, "bob's version"); // refused as stale: alice took revision 1
        a.deliverAll();
        b.deliverAll(); // bob learns he is stale, keeps his text and resends it as revision 2
        a.deliverAll();
        b.deliverAll();

        assertEquals("bob's version", aliceView.text);
        assertEquals("bob's version", bobView.text);
        assertEquals(2, relay.storedCount());
    }

    @Test
    void remoteRevision_doesNotOverwriteUnsentTyping() {
        FakeRelay.Client a = relay.connect(alice);
        FakeRelay.Client b = relay.connect(bob);
        a.deliverAll();
        b.deliverAll();
        type(alice, aliceView, "remote");
        bobView.text = "typing, not yet sent";
        bob.onLocalEdit();

        b.deliverAll(); // alice's revision arrives while bob has unsent typing
        a.deliverAll();

        assertEquals("typing, not yet sent", bobView.text);
        assertEquals("typing, not yet sent", aliceView.text);
        assertFalse(bob.hasUnsavedChanges());
    }

    @Test
    void replayedOlderRevision_isIgnored() {
        FakeRelay.Client a = relay.connect(alice);
        FakeRelay.Client b = relay.connect(bob);
        a.deliverAll();
        b.deliverAll();
        type(alice, aliceView, "first");
        a.deliverAll();
        b.deliverAll();
        byte[] firstFrame = FrameCodec.encode(new Frame.Revision(relay.stored(0)));
        type(alice, aliceView, "second");
        a.deliverAll();
        b.deliverAll();

        bob.onFrame(firstFrame); // a server replaying an old revision

        assertEquals("second", bobView.text);
    }

    @Test
    void latecomer_receivesLatestText() {
        FakeRelay.Client a = relay.connect(alice);
        a.deliverAll();
        type(alice, aliceView, "first");
        a.deliverAll();
        type(alice, aliceView, "second");
        a.deliverAll();

        FakeRelay.Client b = relay.connect(bob);
        b.deliverAll();

        assertEquals("second", bobView.text);
        assertTrue(bobView.editable);
    }

    @Test
    void editsWhileOffline_areSentOnReconnect() {
        FakeRelay.Client a = relay.connect(alice);
        a.deliverAll();
        relay.disconnect(a);
        assertEquals(SyncStatus.OFFLINE, aliceView.status);

        type(alice, aliceView, "written offline");
        assertTrue(alice.hasUnsavedChanges());
        FakeRelay.Client again = relay.connect(alice);
        again.deliverAll();

        assertEquals(1, relay.storedCount());
        assertFalse(alice.hasUnsavedChanges());
    }

    @Test
    void unreadableLatestRevision_keepsEditorReadOnly_andNeverSends() {
        // A server that serves bytes this note's keys cannot open, under this note's id.
        NoteKeys other = NoteKeys.generate(random);
        byte[] foreign = new NoteRevisionCipher(other, random)
                .seal(RevisionHeader.linkShared(other.noteId(), 1), "not this note").encode();
        System.arraycopy(keys.noteId().toBytes(), 0, foreign, 17, 16);
        FakeRelay.Client a = relay.connect(alice);

        alice.onFrame(FrameCodec.encode(new Frame.Revision(parse(foreign))));
        aliceView.text = "overwrite attempt";
        alice.onLocalEdit();
        alice.flush();
        alice.onFrame(FrameCodec.encode(new Frame.Revision(parse(foreign)))); // and again, as on a reconnect

        assertEquals(SyncStatus.UNREADABLE, aliceView.status);
        assertFalse(aliceView.editable);
        assertEquals(0, relay.storedCount());
        assertTrue(a.inbox.size() <= 1, "nothing but the join frame reached alice's inbox");
    }

    @Test
    void reconnect_whoseJoinFrameIsTheRevisionAlreadyHeld_showsSaved() {
        FakeRelay.Client a = relay.connect(alice);
        a.deliverAll();
        type(alice, aliceView, "kept");
        a.deliverAll();
        relay.disconnect(a);

        FakeRelay.Client again = relay.connect(alice);
        again.deliverAll();

        assertEquals(SyncStatus.SAVED, aliceView.status);
        assertTrue(aliceView.editable);
    }

    @Test
    void refusalOtherThanStale_isShown_andNotRetriedUntilNextEdit() {
        FakeRelay.Client a = relay.connect(alice);
        a.deliverAll();
        aliceView.text = "too big";
        alice.onLocalEdit();

        relay.refuseNext = ErrorCode.FRAME_TOO_LARGE;
        alice.flush();
        a.deliverAll(); // the refusal arrives; a retry would be sent, and stored, right here
        alice.flush();
        a.deliverAll();

        assertEquals(SyncStatus.REFUSED, aliceView.status);
        assertEquals(0, relay.storedCount());
        assertTrue(alice.hasUnsavedChanges());

        aliceView.text = "smaller";
        alice.onLocalEdit();
        alice.flush();
        a.deliverAll();
        assertEquals(1, relay.storedCount(), "the next edit is sent again");
    }

    @Test
    void garbageFromServer_isReportedNotApplied() {
        FakeRelay.Client a = relay.connect(alice);
        a.deliverAll();
        aliceView.text = "kept";

        alice.onFrame(new byte[] {2, 1, 2, 3});

        assertEquals("kept", aliceView.text);
        assertEquals(SyncStatus.REFUSED, aliceView.status);
    }

    private static EncryptedRevision parse(byte[] encoded) {
        try {
            return EncryptedRevision.parse(encoded);
        } catch (dev.vellum.crypto.InvalidMessageException e) {
            throw new AssertionError(e);
        }
    }

    private static void type(NoteSync sync, FakeNoteView view, String text) {
        view.text = text;
        sync.onLocalEdit();
        sync.flush();
    }
}
