package dev.vellum.client.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.client.crdt.ReplicaId;
import dev.vellum.client.crdt.TextDocument;
import dev.vellum.client.crdt.TextOpCodec;
import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.item.NoteItemKind;
import dev.vellum.protocol.item.UpdateHash;
import dev.vellum.protocol.seal.NoteItemCipher;
import dev.vellum.protocol.seal.NoteKeys;
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
    private final FakeNoteView carolView = new FakeNoteView();
    private final NoteSync carol = syncFor(carolView);

    private long now = 1_000;

    private NoteSync syncFor(FakeNoteView view) {
        return new NoteSync(keys.noteId(), new NoteItemCipher(keys, IdentityKeyPair.generate(random), random), view,
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
    void chaoticRelay_reorderingDuplicatingAndDroppingFrames_withSnapshotsAndReconnects_stillConverges() {
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
                if (random.nextInt(8) == 0) {
                    syncs.get(random.nextInt(3)).onIdle(); // someone pauses: a snapshot, covered updates go
                }
                if (random.nextInt(10) == 0) {
                    int who2 = random.nextInt(3); // someone's connection drops and comes back
                    chaosRelay.disconnect(clients.get(who2));
                    clients.set(who2, chaosRelay.connect(syncs.get(who2)));
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
            for (int i = 0; i < 3; i++) {
                assertFalse(syncs.get(i).hasUnsavedChanges(), "seed " + seed);
                // Late, repeated and lost frames are the network's doing, not the server's: nothing to warn about.
                assertTrue(views.get(i).warnings.isEmpty(), "seed " + seed + ": " + views.get(i).warnings);
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
        type(bob, bobView, bobView.text.length(), " (Bob was here)"); // crosses Alice's on the way
        for (int round = 0; round < 3; round++) {
            a.deliverAll();
            b.deliverAll();
        }

        assertEquals("Alice: shared line (Bob was here)", aliceView.text);
        assertEquals(aliceView.text, bobView.text);
        assertEquals(3, relay.storedCount());
        assertFalse(alice.hasUnsavedChanges() || bob.hasUnsavedChanges());
        assertTrue(aliceView.warnings.isEmpty() && bobView.warnings.isEmpty());
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
        assertEquals(14, bobView.caret, "still before \"two\"");
    }

    @Test
    void remoteEditsAtTwoPlacesAroundTheCaret_atOnce_keepTheCaretOnItsCharacter() {
        FakeRelay.Client a = relay.connect(alice);
        FakeRelay.Client b = relay.connect(bob);
        FakeRelay.Client c = relay.connect(carol);
        a.deliverAll();
        b.deliverAll();
        c.deliverAll();
        type(alice, aliceView, 0, "[top]\n[middle]\n[end]");
        a.deliverAll();
        b.deliverAll();
        c.deliverAll();
        bobView.caret = 13; // Bob's caret inside "[middle]"

        type(alice, aliceView, 4, "alice");
        type(carol, carolView, carolView.text.length() - 1, "carol");
        a.deliverAll();
        c.deliverAll();
        // Carol's arrives first and waits for Alice's: then both apply at once, above and below Bob's caret.
        List<byte[]> frames = new java.util.ArrayList<>(b.inbox);
        java.util.Collections.reverse(frames);
        b.inbox.clear();
        b.inbox.addAll(frames);
        b.deliverAll();

        assertEquals("[topalice]\n[middle]\n[endcarol]", bobView.text);
        assertEquals(18, bobView.caret, "still between \"[midd\" and \"le]\"");
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
        NoteSync other = new NoteSync(otherKeys.noteId(),
                new NoteItemCipher(otherKeys, IdentityKeyPair.generate(random), random), otherView,
                ReplicaId.of(new byte[] {7}), "Eve", 0, () -> now);
        FakeRelay.Client o = new FakeRelay().connect(other);
        o.deliverAll();
        byte[] theirs = other.exportLocalState();

        assertFalse(alice.restoreLocalState(theirs));
        assertFalse(alice.restoreLocalState(new byte[10]));
        assertFalse(aliceView.editable);
    }

    @Test
    void historyResentUnderTheSameNumbers_changesNothing_andWarnsOfNothing() {
        FakeRelay.Client a = relay.connect(alice);
        FakeRelay.Client b = relay.connect(bob);
        a.deliverAll();
        b.deliverAll();
        type(alice, aliceView, 0, "abc");
        a.deliverAll();
        b.deliverAll();
        FakeRelay.Stored first = relay.stored(0);
        type(alice, aliceView, 3, "def");
        a.deliverAll();
        b.deliverAll();

        relay.inject(b, first.revision(), first.item());
        relay.inject(b, first.revision(), first.item());
        b.deliverAll();

        assertEquals("abcdef", bobView.text);
        assertTrue(bobView.warnings.isEmpty());
    }

    @Test
    void replayedUnderANewNumber_isWarnedAbout_andNotApplied() {
        FakeRelay.Client a = relay.connect(alice);
        FakeRelay.Client b = relay.connect(bob);
        a.deliverAll();
        b.deliverAll();
        type(alice, aliceView, 0, "x");
        a.deliverAll();
        b.deliverAll();
        bobView.text = "";
        bobView.caret = 0;
        bob.onLocalEdit(); // Bob clears the note: a replay of "x" must not bring it back
        bob.flush();
        b.deliverAll();
        a.deliverAll();

        relay.inject(b, relay.latestRevision() + 1, relay.stored(0).item());
        b.deliverAll();

        assertEquals(List.of(SyncWarning.Kind.REPLAY), bobView.warningKinds());
        assertEquals("", bobView.text);
    }

    @Test
    void withheldItem_isWarnedAboutAsAGap_andLaterItemsStillApply() {
        FakeRelay.Client a = relay.connect(alice);
        a.deliverAll();
        type(alice, aliceView, 0, "one ");
        a.deliverAll();
        type(alice, aliceView, 4, "two ");
        a.deliverAll();
        type(alice, aliceView, 8, "three");
        a.deliverAll();
        relay.withheld.add(2L);

        relay.connect(bob).deliverAll();

        assertEquals(List.of(SyncWarning.Kind.GAP), bobView.warningKinds());
        assertTrue(bobView.warnings.get(0).message().startsWith("1 change of author"), bobView.warnings.toString());
        assertTrue(bobView.text.startsWith("one "), bobView.text);
        assertTrue(bobView.editable, "a gap is warned about; the note stays usable");
    }

    @Test
    void forkedChain_isWarnedAbout_andTheForkIsNotApplied() {
        FakeRelay.Client b = relay.connect(bob);
        b.deliverAll();
        // Mallory holds the link and signs two different items 1, then an item 2 chained to the one Bob never got.
        NoteItemCipher mallory = new NoteItemCipher(keys, IdentityKeyPair.generate(random), random);
        NoteItem shown = mallory.seal(NoteItemKind.UPDATE, 0, 1, UpdateHash.NONE, opsTyping("a"));
        NoteItem hidden = mallory.seal(NoteItemKind.UPDATE, 0, 1, UpdateHash.NONE, opsTyping("b"));
        NoteItem fork = mallory.seal(NoteItemKind.UPDATE, 0, 2, hidden.hash(), opsTyping("c"));

        relay.inject(b, 1, shown);
        relay.inject(b, 2, fork);
        b.deliverAll();

        assertEquals(List.of(SyncWarning.Kind.BROKEN_CHAIN), bobView.warningKinds());
        assertEquals("a", bobView.text);
    }

    @Test
    void badSignatureOrForeignItem_isWarnedAbout_notApplied_andTheNoteStaysEditable() {
        FakeRelay.Client b = relay.connect(bob);
        b.deliverAll();
        NoteItemCipher mallory = new NoteItemCipher(keys, IdentityKeyPair.generate(random), random);
        byte[] forged = mallory.seal(NoteItemKind.UPDATE, 0, 1, UpdateHash.NONE, opsTyping("forged")).encode();
        forged[forged.length - 97] ^= 1; // the author's signature, just before the write key and its signature
        NoteKeys otherNote = NoteKeys.generate(random);
        NoteItem foreign = new NoteItemCipher(otherNote, IdentityKeyPair.generate(random), random)
                .seal(NoteItemKind.UPDATE, 0, 1, UpdateHash.NONE, opsTyping("foreign"));

        relay.inject(b, 1, parse(forged));
        relay.inject(b, 2, foreign);
        b.deliverAll();
        type(bob, bobView, 0, "still mine");
        b.deliverAll();

        assertEquals(List.of(SyncWarning.Kind.BAD_SIGNATURE, SyncWarning.Kind.UNREADABLE), bobView.warningKinds());
        assertEquals("still mine", bobView.text);
        assertTrue(bobView.editable);
    }

    @Test
    void afterSnapshotEveryRevisions_aSnapshotIsMade_coveredUpdatesGo_andALatecomerOpensFromIt() {
        FakeRelay.Client a = relay.connect(alice);
        a.deliverAll();
        for (int i = 0; i < NoteSync.SNAPSHOT_EVERY + 3; i++) {
            type(alice, aliceView, aliceView.text.length(), i % 50 == 49 ? "\n" : "k");
            a.deliverAll();
        }

        long snapshots = java.util.stream.IntStream.range(0, relay.storedCount())
                .filter(i -> relay.stored(i).item().kind() == NoteItemKind.SNAPSHOT).count();
        assertEquals(1, snapshots);
        assertTrue(relay.storedCount() < 10, "covered updates were dropped: " + relay.storedCount() + " left");

        FakeRelay.Client b = relay.connect(bob);
        b.deliverAll();
        assertEquals(aliceView.text, bobView.text);
        assertTrue(bobView.warnings.isEmpty(), bobView.warnings.toString());
        type(bob, bobView, 0, "B");
        b.deliverAll();
        a.deliverAll();
        assertEquals(bobView.text, aliceView.text);
        assertTrue(aliceView.warnings.isEmpty(), aliceView.warnings.toString());
    }

    @Test
    void pauseAfterEditing_leavesAVersion_thatCanBeListedViewedAndRestored() {
        FakeRelay.Client a = relay.connect(alice);
        FakeRelay.Client b = relay.connect(bob);
        a.deliverAll();
        b.deliverAll();
        type(alice, aliceView, 0, "# Plan\n- [ ] first draft");
        a.deliverAll();
        now = 1_700_000_123_000L;
        alice.onIdle();
        a.deliverAll();
        b.deliverAll();
        bobView.text = "scrapped";
        bobView.caret = 8;
        bob.onLocalEdit();
        bob.flush();
        b.deliverAll();
        a.deliverAll();
        assertEquals("scrapped", aliceView.text);

        alice.requestHistory();
        a.deliverAll();

        assertEquals(1, aliceView.history.size());
        HistoryVersion version = aliceView.history.get(0);
        assertEquals("Alice", version.authorName());
        assertEquals(1_700_000_123_000L, version.createdAtMillis());
        assertEquals("# Plan\n- [ ] first draft", version.text());
        alice.restoreVersion(version.text());
        alice.flush();
        a.deliverAll();
        b.deliverAll();
        assertEquals("# Plan\n- [ ] first draft", bobView.text, "restored as a new change, for everyone");
        assertTrue(aliceView.warnings.isEmpty() && bobView.warnings.isEmpty());
    }

    @Test
    void offlineReaderWhoseHistoryWasCompacted_mergesTheSnapshot_andLosesNothing() {
        FakeRelay.Client a = relay.connect(alice);
        FakeRelay.Client b = relay.connect(bob);
        a.deliverAll();
        b.deliverAll();
        type(alice, aliceView, 0, "base");
        a.deliverAll();
        b.deliverAll();
        relay.disconnect(b);
        type(bob, bobView, 4, " bob-offline");
        for (int i = 0; i < 5; i++) {
            type(alice, aliceView, 0, "A");
            a.deliverAll();
        }
        alice.onIdle(); // a snapshot: the updates Bob missed are deleted
        a.deliverAll();

        FakeRelay.Client back = relay.connect(bob);
        for (int pass = 0; pass < 3; pass++) {
            back.deliverAll();
            a.deliverAll();
        }

        assertEquals("AAAAAbase bob-offline", bobView.text);
        assertEquals(bobView.text, aliceView.text);
        assertTrue(bobView.warnings.isEmpty(), bobView.warnings.toString());
    }

    @Test
    void hugeCaughtUpNumberFromAHostileServer_isStepoverQuickly_andTheReaderMakesNoSnapshotOverTheHole() {
        FakeRelay.Client a = relay.connect(alice);
        a.deliverAll();
        type(alice, aliceView, 0, "kept");
        a.deliverAll();

        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(30),
                () -> alice.onFrame(FrameCodec.encode(new Frame.CaughtUp(FrameCodec.MAX_REVISION))));
        type(alice, aliceView, 4, "!");
        alice.onIdle();

        assertEquals("kept!", aliceView.text);
        assertTrue(java.util.stream.IntStream.range(0, relay.storedCount())
                .noneMatch(i -> relay.stored(i).item().kind() == NoteItemKind.SNAPSHOT),
                "a reader that gave up on revisions never snapshots over them");
    }

    @Test
    void versionsUnavailable_isSaid_andAnUpdateInFlightStillCompletes() {
        FakeRelay.Client a = relay.connect(alice);
        a.deliverAll();
        aliceView.type(0, "in flight");
        alice.onLocalEdit();
        alice.flush();

        alice.onFrame(FrameCodec.encode(new Frame.Error(ErrorCode.HISTORY_UNAVAILABLE, "busy")));
        a.deliverAll();

        assertEquals(List.of(SyncWarning.Kind.VERSIONS_UNAVAILABLE), aliceView.warningKinds());
        assertFalse(alice.hasUnsavedChanges());
        assertEquals(SyncStatus.SAVED, aliceView.status);
        assertEquals(1, relay.storedCount());
    }

    @Test
    void chainTheServerWillNotContinue_editsGoOutUnderAFreshAuthorKey_andNothingIsLost() {
        FakeRelay.Client a = relay.connect(alice);
        FakeRelay.Client b = relay.connect(bob);
        a.deliverAll();
        b.deliverAll();
        type(alice, aliceView, 0, "first ");
        a.deliverAll();

        relay.refuseNext = ErrorCode.CHAIN_CONFLICT; // as a server restored from an older backup would
        type(alice, aliceView, 6, "second");
        a.deliverAll();
        b.deliverAll();

        assertEquals("first second", bobView.text);
        assertFalse(alice.hasUnsavedChanges());
        assertEquals(SyncStatus.SAVED, aliceView.status);
        assertTrue(bobView.warnings.isEmpty(), bobView.warnings.toString());
        assertEquals(relay.stored(0).item().header().sequence(), relay.stored(1).item().header().sequence(),
                "both items are the first of their author's chain");
    }

    @Test
    void serverRestoredFromAnOlderBackup_isWarnedAbout_andGetsBackWhatItLost() {
        FakeRelay.Client a = relay.connect(alice);
        FakeRelay.Client b = relay.connect(bob);
        a.deliverAll();
        b.deliverAll();
        type(alice, aliceView, 0, "kept ");
        a.deliverAll();
        b.deliverAll();
        type(bob, bobView, 5, "lost in the restore");
        b.deliverAll();
        a.deliverAll();
        relay.disconnect(a);
        relay.disconnect(b);

        relay.restoreBackupOf(1);
        FakeRelay.Client again = relay.connect(alice);
        for (int pass = 0; pass < 3; pass++) {
            again.deliverAll();
        }
        FakeRelay.Client carolClient = relay.connect(carol);
        carolClient.deliverAll();

        assertEquals(SyncWarning.Kind.SERVER_BEHIND, aliceView.warningKinds().get(0));
        assertEquals("kept lost in the restore", carolView.text, "the server has it all again");
        assertFalse(alice.hasUnsavedChanges());
        type(alice, aliceView, 0, ">");
        again.deliverAll();
        carolClient.deliverAll();
        assertEquals(">kept lost in the restore", carolView.text, "and new edits go on");
    }

    @Test
    void refusal_isShown_andNotRetriedUntilNextEdit() {
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

    private static NoteItem parse(byte[] encoded) {
        try {
            return NoteItem.parse(encoded);
        } catch (InvalidMessageException e) {
            throw new AssertionError(e);
        }
    }

    /** The text update a fresh replica sends for typing {@code text} into an empty note. */
    private byte[] opsTyping(String text) {
        TextDocument doc = new TextDocument(ReplicaId.of(random.randomBytes(16)));
        return TextOpCodec.encode(List.of(doc.insert(0, text)));
    }

    private static void type(NoteSync sync, FakeNoteView view, int position, String text) {
        view.type(position, text);
        sync.onLocalEdit();
        sync.flush();
    }
}
