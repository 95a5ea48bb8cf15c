package dev.vellum.client.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.key.SymmetricKey;
import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.protocol.NoteId;
import dev.vellum.protocol.NoteRevisionCipher;
import dev.vellum.protocol.wire.ErrorCode;
import dev.vellum.protocol.wire.Frame;
import dev.vellum.protocol.wire.FrameCodec;
import org.junit.jupiter.api.Test;

class NoteSyncTest {
    private final JvmSecureRandomSource random = new JvmSecureRandomSource();
    private final NoteId noteId = NoteId.random(random);
    private final SymmetricKey key = SymmetricKey.generate(random);
    private final FakeRelay relay = new FakeRelay();

    private final FakeNoteView aliceView = new FakeNoteView();
    private final NoteSync alice = syncFor(aliceView, key);
    private final FakeNoteView bobView = new FakeNoteView();
    private final NoteSync bob = syncFor(bobView, key);

    private NoteSync syncFor(FakeNoteView view, SymmetricKey noteKey) {
        return new NoteSync(noteId, new NoteRevisionCipher(noteKey, random), view);
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
    void wrongKey_keepsEditorReadOnly_andNeverSends() {
        FakeRelay.Client a = relay.connect(alice);
        a.deliverAll();
        type(alice, aliceView, "secret");
        a.deliverAll();

        FakeNoteView malloryView = new FakeNoteView();
        NoteSync mallory = syncFor(malloryView, SymmetricKey.generate(random));
        FakeRelay.Client m = relay.connect(mallory);
        m.deliverAll();
        malloryView.text = "overwrite attempt";
        mallory.flush();

        assertEquals(SyncStatus.WRONG_KEY, malloryView.status);
        assertFalse(malloryView.editable);
        assertEquals(1, relay.storedCount());
    }

    @Test
    void refusalOtherThanStale_isShown_andNotRetriedUntilNextEdit() {
        FakeRelay.Client a = relay.connect(alice);
        a.deliverAll();
        aliceView.text = "too big";
        alice.onLocalEdit();

        boolean retry = alice.onFrame(FrameCodec.encode(new Frame.Error(ErrorCode.FRAME_TOO_LARGE, "limit")));

        assertFalse(retry);
        assertEquals(SyncStatus.REFUSED, aliceView.status);
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

    private static void type(NoteSync sync, FakeNoteView view, String text) {
        view.text = text;
        sync.onLocalEdit();
        sync.flush();
    }
}
