package dev.vellum.client.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.client.crdt.ReplicaId;
import dev.vellum.client.crdt.TextDocument;
import dev.vellum.client.crdt.TextOpCodec;
import dev.vellum.client.people.PersonName;
import dev.vellum.client.sync.SyncRoom.Person;
import dev.vellum.crypto.identity.IdentityKeyPair;
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
import java.util.Set;
import org.junit.jupiter.api.Test;

class NoteSyncTest {
    private final SyncRoom room = new SyncRoom();
    private final FakeRelay relay = room.relay;
    private final Person alice = room.open("Alice");
    private final Person bob = room.open("Bob");
    private final Person carol = room.open("Carol");

    /** Alice and Bob have the note open, and each has its history. */
    private void aliceAndBobJoin() {
        alice.connect();
        bob.connect();
        room.deliverAll();
    }

    /** Every connected person gets what waits for them, in the order they joined. */
    private void deliverAll() {
        room.deliverAll();
    }

    @Test
    void presence_showsThePeersCaret_andFollowsEditsAboveIt_thenTimesOut() {
        aliceAndBobJoin();
        alice.type(0, "hello world");
        deliverAll();

        bob.select(6, 11); // Bob selects "world"
        alice.deliver();
        assertEquals(List.of(new PeerCursor(PersonName.anonymous("Bob"), 2, 6, 11)), alice.view.peers);

        alice.type(0, ">> ");
        assertEquals(List.of(new PeerCursor(PersonName.anonymous("Bob"), 2, 9, 14)), alice.view.peers,
                "moved with the text");

        room.clock.advance(SyncTunables.PRESENCE_TIMEOUT_MILLIS + 1);
        assertTrue(alice.view.peers.isEmpty());
    }

    @Test
    void someoneWhoJoinsLater_seesWhoIsAlreadyThere_withoutWaitingForTheirHeartbeat() {
        alice.connect();
        alice.deliver();
        alice.type(0, "hello");
        alice.select(2, 2); // told to nobody: Alice is alone
        alice.deliver();

        bob.connect();
        bob.deliver();
        bob.select(0, 0);
        alice.deliver(); // Alice hears of Bob, and answers at once or within her caret interval
        room.clock.advance(SyncTunables.defaults().presenceIntervalMillis());
        bob.deliver();

        assertEquals(List.of("Alice"), bob.view.peers.stream().map(peer -> peer.person().text()).toList(),
                "well before Alice's next heartbeat (" + SyncTunables.PRESENCE_HEARTBEAT_MILLIS + " ms)");
        assertEquals(2, bob.view.peers.get(0).end());
    }

    @Test
    void presence_isNeverStored() {
        alice.connect();
        bob.connect().deliverAll();
        alice.deliver();

        alice.select(0, 0);

        assertEquals(0, relay.storedCount());
    }

    @Test
    void chaoticRelay_reorderingDuplicatingAndDroppingFrames_withSnapshotsAndReconnects_stillConverges() {
        for (long seed = 1; seed <= 150; seed++) {
            FakeRelay chaosRelay = new FakeRelay();
            SyncRoom chaosRoom = new SyncRoom(chaosRelay);
            java.util.Random random = new java.util.Random(seed); // test scenarios only
            chaosRelay.chaos = random;
            List<Person> people = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                people.add(chaosRoom.join("Person " + i));
            }
            chaosRoom.deliverAll();
            for (int round = 0; round < 30; round++) {
                Person who = people.get(random.nextInt(3));
                if (!who.text().isEmpty() && random.nextInt(3) == 0) {
                    who.deleteAt(random.nextInt(who.text().length()));
                } else {
                    who.type(random.nextInt(who.text().length() + 1), "ab".substring(random.nextInt(2)));
                }
                if (random.nextInt(8) == 0) {
                    people.get(random.nextInt(3)).sync.onIdle(); // someone pauses: a snapshot, covered updates go
                }
                if (random.nextInt(10) == 0) {
                    Person dropped = people.get(random.nextInt(3)); // someone's connection drops and comes back
                    dropped.goOffline();
                    dropped.connect();
                }
                people.get(random.nextInt(3)).deliver();
            }
            chaosRoom.deliverAll();
            chaosRoom.deliverAll(); // answers to what the first pass sent
            // Everyone reconnects: dropped frames come back with the history.
            chaosRelay.chaos = null;
            for (Person person : people) {
                person.goOffline();
                person.connect();
            }
            for (int pass = 0; pass < 3; pass++) {
                chaosRoom.deliverAll();
            }
            for (int i = 1; i < 3; i++) {
                assertEquals(people.get(0).text(), people.get(i).text(), "seed " + seed + ", person " + i);
            }
            for (Person person : people) {
                assertFalse(person.sync.hasUnsavedChanges(), "seed " + seed);
                // Late, repeated and lost frames are the network's doing, not the server's: nothing to warn about.
                assertTrue(person.view.warnings.isEmpty(), "seed " + seed + ": " + person.view.warnings);
            }
        }
    }

    @Test
    void editorIsReadOnlyUntilTheHistoryHasArrived() {
        assertFalse(alice.view.editable);
        alice.connect();
        assertFalse(alice.view.editable);

        alice.deliver();

        assertTrue(alice.view.editable);
        assertEquals(SyncStatus.SAVED, alice.view.status);
    }

    @Test
    void typedText_reachesThePeer_andIsSaved() {
        aliceAndBobJoin();

        alice.type(0, "hello from alice");
        deliverAll();

        assertEquals("hello from alice", bob.text());
        assertEquals(SyncStatus.SAVED, alice.view.status);
        assertFalse(alice.sync.hasUnsavedChanges());
    }

    @Test
    void concurrentEdits_bothSurvive_andConverge() {
        aliceAndBobJoin();
        alice.type(0, "shared line");
        deliverAll();

        alice.type(0, "Alice: ");
        bob.type(bob.text().length(), " (Bob was here)"); // crosses Alice's on the way
        for (int round = 0; round < 3; round++) {
            deliverAll();
        }

        assertEquals("Alice: shared line (Bob was here)", alice.text());
        assertEquals(alice.text(), bob.text());
        assertEquals(3, relay.storedCount());
        assertFalse(alice.sync.hasUnsavedChanges() || bob.sync.hasUnsavedChanges());
        assertTrue(alice.view.warnings.isEmpty() && bob.view.warnings.isEmpty());
    }

    @Test
    void remoteEditAboveTheCaret_keepsTheCaretOnItsCharacter() {
        aliceAndBobJoin();
        alice.type(0, "line two");
        deliverAll();
        bob.select(5, 5); // Bob's caret before "two"

        alice.type(0, "line one\n");
        deliverAll();

        assertEquals("line one\nline two", bob.text());
        assertEquals(14, bob.view.caret, "still before \"two\"");
    }

    @Test
    void remoteEditsAtTwoPlacesAroundTheCaret_atOnce_keepTheCaretOnItsCharacter() {
        alice.connect();
        bob.connect();
        carol.connect();
        deliverAll();
        alice.type(0, "[top]\n[middle]\n[end]");
        deliverAll();
        bob.select(13, 13); // Bob's caret inside "[middle]"

        alice.type(4, "alice");
        carol.type(carol.text().length() - 1, "carol");
        alice.deliver();
        carol.deliver();
        // Carol's arrives first and waits for Alice's: then both apply at once, above and below Bob's caret.
        List<byte[]> frames = new java.util.ArrayList<>(bob.client.inbox);
        java.util.Collections.reverse(frames);
        bob.client.inbox.clear();
        bob.client.inbox.addAll(frames);
        bob.deliver();

        assertEquals("[topalice]\n[middle]\n[endcarol]", bob.text());
        assertEquals(18, bob.view.caret, "still between \"[midd\" and \"le]\"");
    }

    @Test
    void latecomer_receivesTheWholeHistory() {
        alice.connect();
        alice.deliver();
        alice.type(0, "first");
        alice.deliver();
        alice.type(5, " second");
        alice.deliver();

        bob.connect();
        bob.deliver();

        assertEquals("first second", bob.text());
        assertTrue(bob.view.editable);
    }

    @Test
    void editsWhileOffline_areSentOnReconnect_andHistoryIsNotAppliedTwice() {
        alice.connect();
        alice.deliver();
        alice.type(0, "online ");
        alice.deliver();
        alice.goOffline();
        assertEquals(SyncStatus.OFFLINE, alice.view.status);

        alice.type(7, "offline");
        assertTrue(alice.sync.hasUnsavedChanges());
        assertEquals(SyncStatus.OFFLINE, alice.view.status);
        assertEquals("1 change waiting, kept in this browser", alice.view.detail);
        alice.connect();
        alice.deliver();

        assertEquals("online offline", alice.text());
        assertEquals(2, relay.storedCount());
        assertFalse(alice.sync.hasUnsavedChanges());
        assertEquals(SyncStatus.SAVED, alice.view.status);
    }

    @Test
    void offlineEdits_keptInTheBrowser_surviveAReload_andAreSentWhenOnline() {
        alice.connect();
        alice.deliver();
        alice.type(0, "saved ");
        alice.deliver();
        alice.goOffline();
        alice.type(6, "typed offline");
        byte[] kept = alice.sync.exportLocalState(SyncRoom.KEPT_COPIES);

        // A reload: a new page, a new replica, still offline.
        Person reloaded = room.open("Alice");
        assertTrue(reloaded.sync.restoreLocalState(kept, SyncRoom.KEPT_COPIES));
        assertEquals("saved typed offline", reloaded.text());
        assertTrue(reloaded.view.editable, "editable offline at once");
        assertEquals(SyncStatus.OFFLINE, reloaded.view.status);

        reloaded.connect();
        reloaded.deliver();
        bob.connect();
        bob.deliver();

        assertEquals("saved typed offline", bob.text());
        assertFalse(reloaded.sync.hasUnsavedChanges());
    }

    @Test
    void keptStateOfAnotherNote_orDamaged_isIgnored() {
        Person eve = new SyncRoom().join("Eve");
        eve.deliver();
        byte[] theirs = eve.sync.exportLocalState(SyncRoom.KEPT_COPIES);

        assertFalse(alice.sync.restoreLocalState(theirs, SyncRoom.KEPT_COPIES));
        assertFalse(alice.sync.restoreLocalState(new byte[10], SyncRoom.KEPT_COPIES));
        assertFalse(alice.view.editable);
    }

    @Test
    void historyResentUnderTheSameNumbers_changesNothing_andWarnsOfNothing() {
        aliceAndBobJoin();
        alice.type(0, "abc");
        deliverAll();
        FakeRelay.Stored first = relay.stored(0);
        alice.type(3, "def");
        deliverAll();

        relay.inject(bob.client, first.revision(), first.item());
        relay.inject(bob.client, first.revision(), first.item());
        bob.deliver();

        assertEquals("abcdef", bob.text());
        assertTrue(bob.view.warnings.isEmpty());
    }

    @Test
    void replayedUnderANewNumber_isWarnedAbout_andNotApplied() {
        aliceAndBobJoin();
        alice.type(0, "x");
        deliverAll();
        bob.replaceAll(""); // Bob clears the note: a replay of "x" must not bring it back
        bob.deliver();
        alice.deliver();

        relay.inject(bob.client, relay.latestRevision() + 1, relay.stored(0).item());
        bob.deliver();

        assertEquals(List.of(SyncWarning.Kind.REPLAY), bob.view.warningKinds());
        assertEquals("", bob.text());
    }

    @Test
    void withheldItem_isWarnedAboutAsAGap_andLaterItemsStillApply() {
        aliceStoresThreeItems();
        relay.withheld.add(2L);

        bob.connect().deliverAll();

        assertEquals(List.of(SyncWarning.Kind.GAP), bob.view.warningKinds());
        assertTrue(bob.view.warnings.get(0).message().startsWith("1 change of author"),
                bob.view.warnings.toString());
        assertTrue(bob.text().startsWith("one "), bob.text());
        assertTrue(bob.view.editable, "a gap is warned about; the note stays usable");
    }

    @Test
    void swappedPairOfOneAuthor_inTheHistory_isAppliedInChainOrder_withNoWarning() {
        aliceStoresThreeItems();
        relay.swapped.add(2L); // the server serves Alice's third item under 2, her second under 3

        bob.connect().deliverAll();

        assertEquals("one two three", bob.text());
        assertTrue(bob.view.warnings.isEmpty(), bob.view.warnings.toString());
        bob.type(13, "!");
        alice.deliver();
        assertEquals("one two three!", alice.text(), "and Bob writes on as usual");
    }

    @Test
    void swappedPairOfOneAuthor_live_isAppliedOnceBothArrived_withNoWarning() {
        aliceAndBobJoin();
        relay.swapped.add(2L);
        alice.type(0, "one ");
        deliverAll();
        alice.type(4, "two ");
        deliverAll();
        assertEquals("one ", bob.text(), "the server holds Alice's second item back");
        alice.type(8, "three");
        deliverAll();

        assertEquals("one two three", bob.text());
        assertTrue(bob.view.warnings.isEmpty(), bob.view.warnings.toString());
    }

    @Test
    void itemWaitingForItsPredecessor_whenTheCopyIsKept_isNotLostByAReload() {
        aliceAndBobJoin();
        relay.swapped.add(2L);
        alice.type(0, "one ");
        deliverAll();
        alice.type(4, "two ");
        deliverAll();
        alice.type(8, "three");
        alice.deliver();
        bob.sync.onFrame(bob.client.inbox.poll()); // Alice's third item, under 2: it waits for her second
        byte[] kept = bob.sync.exportLocalState(SyncRoom.KEPT_COPIES);
        bob.goOffline();

        Person reloaded = room.open("Bob");
        assertTrue(reloaded.sync.restoreLocalState(kept, SyncRoom.KEPT_COPIES));
        reloaded.connect().deliverAll();

        assertEquals("one two three", reloaded.text());
        assertTrue(reloaded.view.warnings.isEmpty(), reloaded.view.warnings.toString());
    }

    @Test
    void itemWhosePredecessorNeverArrives_live_waitsABoundedTime_thenIsAppliedWithAGapWarning() {
        bob.connect();
        bob.deliver();
        NoteItemCipher mallory = new NoteItemCipher(room.keys, IdentityKeyPair.generate(room.random), room.random);
        NoteItem first = mallory.seal(NoteItemKind.UPDATE, 0, 1, UpdateHash.NONE, opsTyping("a"));
        NoteItem withheld = mallory.seal(NoteItemKind.UPDATE, 0, 2, first.hash(), opsTyping("b"));
        NoteItem third = mallory.seal(NoteItemKind.UPDATE, 0, 3, withheld.hash(), opsTyping("c"));
        relay.inject(bob.client, 1, first);
        relay.inject(bob.client, 2, third);
        NoteItemCipher other = new NoteItemCipher(room.keys, IdentityKeyPair.generate(room.random), room.random);
        UpdateHash previous = UpdateHash.NONE;
        long revision = 3;
        for (int i = 1; i <= SyncTunables.GAP_WAIT_REVISIONS; i++) {
            NoteItem filler = other.seal(NoteItemKind.UPDATE, 0, i, previous, opsTyping("x"));
            previous = filler.hash();
            relay.inject(bob.client, revision++, filler);
        }
        bob.deliver();
        assertTrue(bob.view.warnings.isEmpty(), "still waiting: " + bob.view.warnings);
        assertFalse(bob.text().contains("c"), bob.text());

        relay.inject(bob.client, revision, other.seal(NoteItemKind.UPDATE, 0, SyncTunables.GAP_WAIT_REVISIONS + 1,
                previous, opsTyping("x")));
        bob.deliver();

        assertEquals(List.of(SyncWarning.Kind.GAP), bob.view.warningKinds());
        assertTrue(bob.text().contains("c"), "the authentic later item is applied: " + bob.text());
        assertEquals(SyncTunables.GAP_WAIT_REVISIONS + 3, bob.text().length());
    }

    @Test
    void forkedChain_isWarnedAbout_andTheForkIsNotApplied() {
        bob.connect();
        bob.deliver();
        // Mallory holds the link and signs two different items 1, then an item 2 chained to the one Bob never got.
        NoteItemCipher mallory = new NoteItemCipher(room.keys, IdentityKeyPair.generate(room.random), room.random);
        NoteItem shown = mallory.seal(NoteItemKind.UPDATE, 0, 1, UpdateHash.NONE, opsTyping("a"));
        NoteItem hidden = mallory.seal(NoteItemKind.UPDATE, 0, 1, UpdateHash.NONE, opsTyping("b"));
        NoteItem fork = mallory.seal(NoteItemKind.UPDATE, 0, 2, hidden.hash(), opsTyping("c"));

        relay.inject(bob.client, 1, shown);
        relay.inject(bob.client, 2, fork);
        bob.deliver();

        assertEquals(List.of(SyncWarning.Kind.BROKEN_CHAIN), bob.view.warningKinds());
        assertEquals("a", bob.text());
    }

    @Test
    void badSignatureOrForeignItem_isWarnedAbout_notApplied_andTheNoteStaysEditable() {
        bob.connect();
        bob.deliver();
        NoteItemCipher mallory = new NoteItemCipher(room.keys, IdentityKeyPair.generate(room.random), room.random);
        byte[] forged = mallory.seal(NoteItemKind.UPDATE, 0, 1, UpdateHash.NONE, opsTyping("forged")).encode();
        forged[forged.length - 97] ^= 1; // the author's signature, just before the write key and its signature
        NoteKeys otherNote = NoteKeys.generate(room.random);
        NoteItem foreign = new NoteItemCipher(otherNote, IdentityKeyPair.generate(room.random), room.random)
                .seal(NoteItemKind.UPDATE, 0, 1, UpdateHash.NONE, opsTyping("foreign"));

        relay.inject(bob.client, 1, parse(forged));
        relay.inject(bob.client, 2, foreign);
        bob.deliver();
        bob.type(0, "still mine");
        bob.deliver();

        assertEquals(List.of(SyncWarning.Kind.BAD_SIGNATURE, SyncWarning.Kind.UNREADABLE), bob.view.warningKinds());
        assertEquals("still mine", bob.text());
        assertTrue(bob.view.editable);
    }

    @Test
    void afterSnapshotEveryRevisions_aSnapshotIsMade_itsUpdatesGoOnceAnotherReaderConfirms_aLatecomerOpensFromIt() {
        alice.connect();
        alice.deliver();
        for (int i = 0; i < SyncTunables.SNAPSHOT_EVERY + 3; i++) {
            alice.type(alice.text().length(), i % 50 == 49 ? "\n" : "k");
            alice.deliver();
        }

        long snapshots = java.util.stream.IntStream.range(0, relay.storedCount())
                .filter(i -> relay.stored(i).item().kind() == NoteItemKind.SNAPSHOT).count();
        assertEquals(1, snapshots);
        assertTrue(relay.storedCount() > SyncTunables.SNAPSHOT_EVERY,
                "nobody else has checked it: its updates stay, " + relay.storedCount());

        bob.connect(); // reads every update, checks Alice's snapshot against them, and confirms it
        bob.deliver();
        assertEquals(alice.text(), bob.text());
        assertTrue(bob.view.warnings.isEmpty(), bob.view.warnings.toString());
        assertEquals(1, relay.confirmations.size());
        assertTrue(relay.storedCount() < 10, "covered updates were dropped: " + relay.storedCount() + " left");
        bob.type(0, "B");
        bob.deliver();
        alice.deliver();
        assertEquals(bob.text(), alice.text());
        assertTrue(alice.view.warnings.isEmpty(), alice.view.warnings.toString());

        carol.connect(); // opens from the confirmed snapshot
        carol.deliver();
        assertEquals(alice.text(), carol.text());
        assertTrue(carol.view.warnings.isEmpty(), carol.view.warnings.toString());
        assertEquals(List.of(), relay.refusals);
    }

    @Test
    void pauseAfterEditing_leavesAVersion_thatCanBeListedViewedAndRestored() {
        aliceAndBobJoin();
        alice.type(0, "# Plan\n- [ ] first draft");
        alice.deliver();
        room.clock.jumpTo(1_700_000_123_000L);
        alice.sync.onIdle();
        deliverAll();
        bob.replaceAll("scrapped");
        bob.deliver();
        alice.deliver();
        assertEquals("scrapped", alice.text());

        alice.sync.requestHistory();
        alice.deliver();

        assertEquals(1, alice.view.history.size());
        HistoryVersion version = alice.view.history.get(0);
        assertEquals(PersonName.anonymous("Alice"), version.author());
        assertEquals(1_700_000_123_000L, version.createdAtMillis());
        assertEquals("# Plan\n- [ ] first draft", version.text());
        alice.sync.restoreVersion(version.text());
        alice.sync.flush();
        deliverAll();
        assertEquals("# Plan\n- [ ] first draft", bob.text(), "restored as a new change, for everyone");
        assertTrue(alice.view.warnings.isEmpty() && bob.view.warnings.isEmpty());
    }

    @Test
    void offlineReaderWhoseHistoryWasCompacted_mergesTheSnapshot_andLosesNothing() {
        aliceAndBobJoin();
        alice.type(0, "base");
        deliverAll();
        bob.goOffline();
        bob.type(4, " bob-offline");
        for (int i = 0; i < 5; i++) {
            alice.type(0, "A");
            alice.deliver();
        }
        alice.sync.onIdle(); // a snapshot: the updates Bob missed are deleted
        alice.deliver();

        bob.connect();
        for (int pass = 0; pass < 3; pass++) {
            bob.deliver();
            alice.deliver();
        }

        assertEquals("AAAAAbase bob-offline", bob.text());
        assertEquals(bob.text(), alice.text());
        assertTrue(bob.view.warnings.isEmpty(), bob.view.warnings.toString());
    }

    @Test
    void hugeCaughtUpNumberFromAHostileServer_isStepoverQuickly_andTheReaderMakesNoSnapshotOverTheHole() {
        alice.connect();
        alice.deliver();
        alice.type(0, "kept");
        alice.deliver();

        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(30),
                () -> alice.sync.onFrame(FrameCodec.encode(new Frame.CaughtUp(FrameCodec.MAX_REVISION))));
        alice.type(4, "!");
        alice.sync.onIdle();

        assertEquals("kept!", alice.text());
        assertTrue(java.util.stream.IntStream.range(0, relay.storedCount())
                .noneMatch(i -> relay.stored(i).item().kind() == NoteItemKind.SNAPSHOT),
                "a reader that gave up on revisions never snapshots over them");
    }

    @Test
    void versionsUnavailable_isSaid_andAnUpdateInFlightStillCompletes() {
        alice.connect();
        alice.deliver();
        alice.type(0, "in flight");

        alice.sync.onFrame(FrameCodec.encode(new Frame.Error(ErrorCode.HISTORY_UNAVAILABLE, "busy")));
        alice.deliver();

        assertEquals(List.of(SyncWarning.Kind.VERSIONS_UNAVAILABLE), alice.view.warningKinds());
        assertFalse(alice.sync.hasUnsavedChanges());
        assertEquals(SyncStatus.SAVED, alice.view.status);
        assertEquals(1, relay.storedCount());
    }

    @Test
    void chainTheServerWillNotContinue_editsGoOutUnderAFreshAuthorKey_andNothingIsLost() {
        aliceAndBobJoin();
        alice.type(0, "first ");
        alice.deliver();

        relay.refuseNext = ErrorCode.CHAIN_CONFLICT; // as a server restored from an older backup would
        alice.type(6, "second");
        alice.deliver();
        bob.deliver();

        assertEquals("first second", bob.text());
        assertFalse(alice.sync.hasUnsavedChanges());
        assertEquals(SyncStatus.SAVED, alice.view.status);
        assertTrue(bob.view.warnings.isEmpty(), bob.view.warnings.toString());
        assertEquals(relay.stored(0).item().header().sequence(), relay.stored(1).item().header().sequence(),
                "both items are the first of their author's chain");
    }

    @Test
    void serverRestoredFromAnOlderBackup_isWarnedAbout_andGetsBackWhatItLost() {
        aliceAndBobJoin();
        alice.type(0, "kept ");
        deliverAll();
        bob.type(5, "lost in the restore");
        bob.deliver();
        alice.deliver();
        alice.goOffline();
        bob.goOffline();

        relay.restoreBackupOf(1);
        alice.connect();
        for (int pass = 0; pass < 3; pass++) {
            alice.deliver();
        }
        carol.connect();
        carol.deliver();

        assertEquals(SyncWarning.Kind.SERVER_BEHIND, alice.view.warningKinds().get(0));
        assertEquals("kept lost in the restore", carol.text(), "the server has it all again");
        assertFalse(alice.sync.hasUnsavedChanges());
        alice.type(0, ">");
        alice.deliver();
        carol.deliver();
        assertEquals(">kept lost in the restore", carol.text(), "and new edits go on");
    }

    @Test
    void serverRestoredFromAnOlderBackup_getsBackTheLostEndOfARunWhoseStartItKept() {
        alice.connect();
        alice.deliver();
        alice.type(0, "kept ");
        alice.deliver();
        alice.type(5, "lost in the restore"); // the same run of Alice's characters, continued
        alice.deliver();
        alice.goOffline();

        relay.restoreBackupOf(1);
        alice.connect();
        for (int pass = 0; pass < 3; pass++) {
            alice.deliver();
        }
        carol.connect();
        carol.deliver();

        assertEquals("kept lost in the restore", carol.text(),
                "sent back cut where the server's copy ends: readers drop a run they already have the start of");
        assertTrue(carol.view.warnings.isEmpty(), carol.view.warnings.toString());
    }

    /**
     * Alice writes revisions 1-2 and Bob 3-4, which everyone applies; then the server forgets 3-4 (a restore from an
     * older backup, or a crash) and Carol, who opens the note then, writes new items that take the numbers 3-4.
     */
    private void serverForgetsRevisions3And4_andCarolWritesTwoNewOnes() {
        aliceAndBobStoreFourItems();
        assertEquals("one two three four", alice.text());
        alice.goOffline();
        bob.goOffline();

        relay.restoreBackupOf(2);
        carolWritesTwoItems();
        assertEquals(4, relay.latestRevision(), "Carol's items took the lost numbers");
    }

    /** Alice, alone, stores "one ", "two " and "three" as revisions 1-3, her sequences 1-3. */
    private void aliceStoresThreeItems() {
        alice.connect();
        alice.deliver();
        alice.type(0, "one ");
        alice.deliver();
        alice.type(4, "two ");
        alice.deliver();
        alice.type(8, "three");
        alice.deliver();
    }

    /** Alice writes revisions 1-2 and Bob 3-4, "one two three four", and everyone applies them. */
    private void aliceAndBobStoreFourItems() {
        aliceAndBobJoin();
        alice.type(0, "one ");
        deliverAll();
        alice.type(4, "two ");
        deliverAll();
        bob.type(8, "three ");
        deliverAll();
        bob.type(14, "four");
        deliverAll();
    }

    /** Carol opens the note and writes two items, "C3 " and "C4", in the middle of the text. */
    private void carolWritesTwoItems() {
        carol.connect();
        carol.deliver();
        carol.type(8, "C3 ");
        carol.deliver();
        carol.type(11, "C4");
        carol.deliver();
    }

    /** Everyone has the same text, holding every acknowledged character of everyone. */
    private void assertEveryoneHasEverything(Person... people) {
        for (Person person : people) {
            assertEquals(people[0].text(), person.text(), person.name);
            for (String piece : List.of("one ", "two ", "three ", "four", "C3 ", "C4")) {
                assertTrue(person.text().contains(piece), person.name + " lacks \"" + piece + "\": " + person.text());
            }
            assertFalse(person.sync.hasUnsavedChanges(), person.name);
        }
    }

    @Test
    void serverThatGaveLostNumbersToNewItems_isNoticedEvenBehindASnapshotCoveringThem() {
        serverForgetsRevisions3And4_andCarolWritesTwoNewOnes();
        carol.sync.onIdle(); // Carol pauses: a snapshot covering 4, so the server stops sending what took 3-4
        carol.deliver();
        carol.deliver();

        alice.connect();
        bob.connect();
        for (int pass = 0; pass < 4; pass++) {
            deliverAll();
            carol.deliver();
        }

        for (Person reader : List.of(alice, bob)) {
            // The snapshot also follows Carol's items they never saw: that gap is said too, before the check of
            // what Carol was served finds the rewrite. Nothing else is.
            assertTrue(reader.view.warningKinds().contains(SyncWarning.Kind.HISTORY_REWRITTEN), reader.name);
            assertTrue(Set.of(SyncWarning.Kind.HISTORY_REWRITTEN, SyncWarning.Kind.GAP)
                    .containsAll(reader.view.warningKinds()), reader.view.warnings.toString());
        }
        assertTrue(carol.view.warnings.isEmpty(), carol.view.warnings.toString());
        assertEveryoneHasEverything(alice, bob, carol);
    }

    @Test
    void serverThatGaveLostNumbersToNewItems_isNoticedOnReconnecting_andEveryoneConverges() {
        serverForgetsRevisions3And4_andCarolWritesTwoNewOnes();

        alice.connect();
        bob.connect();
        for (int pass = 0; pass < 4; pass++) {
            deliverAll();
            carol.deliver();
        }

        assertEquals(List.of(SyncWarning.Kind.HISTORY_REWRITTEN), alice.view.warningKinds());
        assertTrue(alice.view.warnings.get(0).message().contains("another change under number 4"),
                alice.view.warnings.toString());
        assertEquals(List.of(SyncWarning.Kind.HISTORY_REWRITTEN), bob.view.warningKinds());
        assertTrue(carol.view.warnings.isEmpty(), carol.view.warnings.toString());
        assertEveryoneHasEverything(alice, bob, carol);
        alice.type(0, ">");
        deliverAll();
        assertTrue(carol.text().startsWith(">"), "and new edits go on: " + carol.text());
    }

    @Test
    void serverThatGaveLostNumbersToNewItems_isNoticedAfterAReload_fromTheLocalCopy() {
        aliceAndBobStoreFourItems();
        byte[] kept = alice.sync.exportLocalState(SyncRoom.KEPT_COPIES);
        alice.goOffline();
        bob.goOffline();
        relay.restoreBackupOf(2);
        carolWritesTwoItems();

        Person reloaded = room.open("Alice");
        assertTrue(reloaded.sync.restoreLocalState(kept, SyncRoom.KEPT_COPIES));
        reloaded.connect();
        for (int pass = 0; pass < 4; pass++) {
            reloaded.deliver();
            carol.deliver();
        }

        assertEquals(List.of(SyncWarning.Kind.HISTORY_REWRITTEN), reloaded.view.warningKinds());
        assertTrue(carol.view.warnings.isEmpty(), carol.view.warnings.toString());
        assertEveryoneHasEverything(reloaded, carol);
    }

    @Test
    void serverThatGaveLostNumbersToNewItems_isNoticedLive_whenOneArrivesUnderANumberAlreadyApplied() {
        aliceAndBobStoreFourItems();
        bob.goOffline();

        relay.restoreBackupOf(2); // Alice's connection stays open, as a relay in front of a restored store may
        carol.connect();
        carol.deliver();
        carol.type(8, "C3 ");
        carol.deliver();
        carol.type(11, "C4");
        for (int pass = 0; pass < 4; pass++) {
            alice.deliver();
            carol.deliver();
        }

        assertEquals(SyncWarning.Kind.HISTORY_REWRITTEN, alice.view.warningKinds().get(0));
        assertTrue(alice.view.warnings.get(0).message().contains("number 3"), alice.view.warnings.toString());
        assertEveryoneHasEverything(alice, carol);
    }

    @Test
    void refusal_isShown_andNotRetriedUntilNextEdit() {
        alice.connect();
        alice.deliver();

        relay.refuseNext = ErrorCode.FRAME_TOO_LARGE;
        alice.typeOnly(0, "too big"); // the first key after a pause goes at once, and is refused
        alice.deliver(); // the refusal arrives; a retry would be sent, and stored, right here
        alice.sync.flush();
        alice.deliver();

        assertEquals(SyncStatus.REFUSED, alice.view.status);
        assertEquals(0, relay.storedCount());
        assertTrue(alice.sync.hasUnsavedChanges());

        alice.type(7, "!");
        alice.deliver();
        assertEquals(1, relay.storedCount(), "the next edit sends everything again");
    }

    @Test
    void temporaryRefusal_isRetriedOnTheNextConnection() {
        alice.connect();
        alice.deliver();
        relay.refuseNext = ErrorCode.RATE_LIMITED;
        alice.type(0, "keep me");
        alice.deliver();
        assertEquals(0, relay.storedCount());
        alice.goOffline();

        alice.connect().deliverAll();

        assertEquals(1, relay.storedCount());
        assertFalse(alice.sync.hasUnsavedChanges());
    }

    @Test
    void largePaste_goesOutAsSeveralRevisions_andArrivesWhole() {
        aliceAndBobJoin();
        String paste = "x".repeat(SyncTunables.defaults().maxBatchChars() * 2 + 123);

        alice.type(0, paste);
        for (int round = 0; round < 5; round++) {
            deliverAll();
        }

        assertEquals(3, relay.storedCount());
        assertEquals(paste, bob.text());
    }

    @Test
    void garbageFromServer_isReportedNotApplied() {
        alice.connect();
        alice.deliver();
        alice.type(0, "kept");

        alice.sync.onFrame(new byte[] {2, 1, 2, 3});

        assertEquals("kept", alice.text());
        assertEquals(SyncStatus.REFUSED, alice.view.status);
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
        TextDocument doc = new TextDocument(ReplicaId.of(room.random.randomBytes(16)));
        return TextOpCodec.encode(List.of(doc.insert(0, text)));
    }
}
