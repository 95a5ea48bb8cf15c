package dev.vellum.client.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.client.comment.CommentThread;
import dev.vellum.client.comment.CommentView;
import dev.vellum.client.crdt.ReplicaId;
import dev.vellum.client.crdt.TextDocument;
import dev.vellum.client.sync.SyncRoom.Person;
import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.protocol.comment.CommentAnchor;
import dev.vellum.protocol.comment.CommentBatch;
import dev.vellum.protocol.comment.CommentDraft;
import dev.vellum.protocol.comment.CommentRecord;
import dev.vellum.protocol.id.CommentId;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.item.NoteItemKind;
import dev.vellum.protocol.item.UpdateHash;
import dev.vellum.protocol.seal.NoteItemCipher;
import dev.vellum.protocol.wire.Frame;
import dev.vellum.protocol.wire.FrameCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Comments travel as signed records in comment items: they reach everyone live, wait offline and in the local copy,
 * and a reader merges only records that verify, name this note and were signed by the item's author; snapshots carry
 * them, and a snapshot that leaves one out is caught.
 */
class CommentSyncTest {
    private final SyncRoom room = new SyncRoom();
    private final FakeRelay relay = room.relay;
    private final Person alice = room.open("Alice");
    private final Person bob = room.open("Bob");
    private final Person carol = room.open("Carol");

    private void everyoneJoins(Person... people) {
        for (Person person : people) {
            person.connect();
        }
        room.deliverAll();
    }

    private static CommentThread onlyThread(Person person) {
        assertEquals(1, person.view.threads.size(), () -> person.name + " sees " + person.view.threads);
        return person.view.threads.get(0);
    }

    /** The text a person sees under the thread's range. */
    private static String anchored(Person person, CommentThread thread) {
        return person.text().substring(thread.range().start(), thread.range().end());
    }

    private static List<String> texts(CommentThread thread) {
        return thread.comments().stream().map(CommentView::text).toList();
    }

    private static void assertNoWarnings(Person... people) {
        for (Person person : people) {
            assertTrue(person.view.warnings.isEmpty(), () -> person.name + ": " + person.view.warnings);
        }
    }

    @Test
    void aComment_reachesTwoOthersLive_withRepliesAndResolve_andItsRangeMovesWithTheText() {
        everyoneJoins(alice, bob, carol);
        alice.type(0, "The quick brown fox");
        room.deliverAll();

        CommentId thread = alice.sync.postComment(4, 9, "Which quick?");
        assertEquals("quick", anchored(alice, onlyThread(alice)), "shown to its author at once");
        alice.sync.flush();
        room.deliverAll();
        for (Person person : List.of(alice, bob, carol)) {
            CommentThread seen = onlyThread(person);
            assertEquals(thread, seen.threadId());
            assertEquals("quick", seen.quote());
            assertEquals("quick", anchored(person, seen));
            assertEquals(List.of("Which quick?"), texts(seen));
            assertEquals(1, person.view.openThreads);
        }
        assertTrue(onlyThread(alice).comments().get(0).mine());
        assertFalse(onlyThread(bob).comments().get(0).mine());

        bob.sync.reply(thread, thread, "The fast one.");
        bob.sync.flush();
        room.deliverAll();
        bob.type(0, "Oh, "); // text above the anchor: the range moves with it, for everyone
        room.deliverAll();
        for (Person person : List.of(alice, bob, carol)) {
            CommentThread seen = onlyThread(person);
            assertEquals(List.of("Which quick?", "The fast one."), texts(seen));
            assertEquals("Bob (no account)", seen.comments().get(1).author().label());
            assertEquals("quick", anchored(person, seen), person.name);
        }

        carol.sync.resolveThread(thread);
        carol.sync.flush();
        room.deliverAll();
        for (Person person : List.of(alice, bob, carol)) {
            assertTrue(onlyThread(person).resolved(), person.name);
            assertEquals(0, person.view.openThreads);
        }
        alice.sync.reopenThread(thread);
        alice.sync.flush();
        room.deliverAll();
        assertFalse(onlyThread(carol).resolved());
        assertEquals(1, carol.view.openThreads);
        assertNoWarnings(alice, bob, carol);
        assertEquals(List.of(), relay.refusals);
    }

    @Test
    void editsAndDeletes_ofOnesOwnComment_reachOthers_andSomeoneElsesCannotBeChangedFromThisApp() {
        everyoneJoins(alice, bob);
        alice.type(0, "hello world");
        room.deliverAll();
        CommentId thread = alice.sync.postComment(6, 11, "typo?");
        alice.sync.flush();
        room.deliverAll();

        alice.sync.editComment(thread, "no typo");
        alice.sync.flush();
        room.deliverAll();
        CommentView edited = onlyThread(bob).comments().get(0);
        assertEquals("no typo", edited.text());
        assertTrue(edited.edited());

        assertThrows(IllegalArgumentException.class, () -> bob.sync.editComment(thread, "mine now"));
        assertThrows(IllegalArgumentException.class, () -> bob.sync.deleteComment(thread));

        bob.sync.reply(thread, thread, "agreed");
        bob.sync.flush();
        room.deliverAll();
        alice.sync.deleteComment(thread);
        alice.sync.flush();
        room.deliverAll();
        CommentView deleted = onlyThread(bob).comments().get(0);
        assertTrue(deleted.deleted());
        assertEquals("", deleted.text());
        assertEquals(List.of("", "agreed"), texts(onlyThread(alice)));
        assertNoWarnings(alice, bob);
    }

    @Test
    void commentsWhileOffline_waitAndShow_andAreSentOnReconnect() {
        everyoneJoins(alice, bob);
        alice.type(0, "draft text");
        room.deliverAll();
        alice.goOffline();

        CommentId thread = alice.sync.postComment(0, 5, "written offline");
        alice.sync.resolveThread(thread);
        assertEquals(1, alice.view.threads.size(), "shown at once, offline");
        assertTrue(alice.sync.hasUnsavedChanges());
        assertEquals(SyncStatus.OFFLINE, alice.view.status);
        assertEquals("2 changes waiting, kept in this browser", alice.view.detail);
        assertTrue(bob.view.threads.isEmpty());

        alice.connect();
        alice.deliver();
        bob.deliver();
        CommentThread seen = onlyThread(bob);
        assertEquals(List.of("written offline"), texts(seen));
        assertTrue(seen.resolved());
        assertFalse(alice.sync.hasUnsavedChanges());
        assertEquals(SyncStatus.SAVED, alice.view.status);
        assertEquals(NoteItemKind.COMMENT, relay.stored(relay.storedCount() - 1).item().kind(), "both in one item");
        assertEquals(2, relay.storedCount());
    }

    @Test
    void aCommentOnTextJustTyped_goesAfterThatText() {
        everyoneJoins(alice, bob);
        alice.typeOnly(0, "fresh words");
        alice.sync.postComment(0, 5, "on what I just typed");
        alice.sync.flush();
        room.deliverAll();
        alice.sync.flush();
        room.deliverAll();

        assertEquals(NoteItemKind.UPDATE, relay.stored(0).item().kind());
        assertEquals(NoteItemKind.COMMENT, relay.stored(1).item().kind());
        assertEquals("fresh", anchored(bob, onlyThread(bob)));
    }

    @Test
    void anUnsentComment_keptInTheBrowser_survivesAReload_andIsSentWhenOnline() {
        everyoneJoins(alice);
        alice.type(0, "saved text");
        alice.deliver();
        CommentId sent = alice.sync.postComment(0, 5, "stored before");
        alice.sync.flush();
        alice.deliver();
        alice.goOffline();
        alice.sync.reply(sent, sent, "typed offline");
        CommentId second = alice.sync.postComment(6, 10, "a new thread offline");
        alice.sync.editComment(second, "a new thread, offline, edited");
        byte[] kept = alice.sync.exportLocalState(SyncRoom.KEPT_COPIES);

        // A reload: a new page, and for an anonymous visitor a new key, still offline.
        Person reloaded = room.open("Alice");
        assertTrue(reloaded.sync.restoreLocalState(kept, SyncRoom.KEPT_COPIES));
        assertEquals(2, reloaded.view.threads.size(), "shown from the kept copy at once");
        assertEquals(List.of("stored before", "typed offline"), texts(reloaded.view.threads.get(0)));
        assertEquals(List.of("a new thread, offline, edited"), texts(reloaded.view.threads.get(1)));
        assertTrue(reloaded.sync.hasUnsavedChanges());

        reloaded.connect();
        reloaded.deliver();
        bob.connect();
        bob.deliver();

        assertFalse(reloaded.sync.hasUnsavedChanges());
        assertEquals(2, bob.view.threads.size());
        assertEquals(List.of("stored before", "typed offline"), texts(bob.view.threads.get(0)));
        assertEquals(List.of("a new thread, offline, edited"), texts(bob.view.threads.get(1)));
        assertEquals("text", anchored(bob, bob.view.threads.get(1)));
        assertNoWarnings(reloaded, bob);
    }

    @Test
    void aForgedEditOfSomeoneElsesComment_isRefused_andShownNamingBoth() {
        everyoneJoins(alice, bob);
        alice.type(0, "pay 10 euros");
        room.deliverAll();
        CommentId thread = alice.sync.postComment(4, 6, "agreed");
        alice.sync.flush();
        room.deliverAll();

        // Mallory holds the link: she signs an "edit" of Alice's comment with her own key, in her own item.
        NoteItemCipher mallory = new NoteItemCipher(room.keys, IdentityKeyPair.generate(room.random), room.random);
        CommentRecord original = onlyRecordOf(relay.stored(relay.storedCount() - 1).item());
        CommentRecord forged = mallory.signComment(CommentDraft.edit(original, "not agreed", 99, 2_000));
        relay.inject(bob.client, relay.latestRevision() + 1, commentItem(mallory, forged));
        bob.deliver();

        assertEquals(List.of("agreed"), texts(onlyThread(bob)));
        assertEquals(List.of(SyncWarning.Kind.FORGED_COMMENT), bob.view.warningKinds());
        String message = bob.view.warnings.get(0).message();
        assertTrue(message.contains("Alice") && message.contains("tried to change"), message);
        assertEquals(thread, onlyThread(bob).threadId());
    }

    @Test
    void aCommentItemWhoseRecordNamesAnotherNote_orIsSignedBySomeoneElse_isRefusedWhole() {
        everyoneJoins(bob);
        bob.type(0, "some text");
        bob.deliver();
        IdentityKeyPair malloryKey = IdentityKeyPair.generate(room.random);
        NoteItemCipher mallory = new NoteItemCipher(room.keys, malloryKey, room.random);
        CommentRecord fine = mallory.signComment(CommentDraft.post(mallory.noteId(), anchorOnFirstWord(), "fine", 1,
                1, "M", room.random));
        CommentRecord elsewhere = CommentRecord.sign(CommentDraft.post(NoteId.random(room.random),
                anchorOnFirstWord(), "moved here", 2, 2, "M", room.random), malloryKey, null);
        CommentRecord notHers = CommentRecord.sign(CommentDraft.post(mallory.noteId(), anchorOnFirstWord(),
                "by another key", 3, 3, "M", room.random), IdentityKeyPair.generate(room.random), null);

        NoteItem first = mallory.seal(NoteItemKind.COMMENT, 0, 1, UpdateHash.NONE,
                CommentBatch.encode(List.of(fine, elsewhere)));
        relay.inject(bob.client, 2, first);
        bob.deliver();
        assertTrue(bob.view.threads.isEmpty(), "none of the item's records is applied");
        assertEquals(List.of(SyncWarning.Kind.FORGED_COMMENT), bob.view.warningKinds());
        assertTrue(bob.view.warnings.get(0).message().contains("another note"), bob.view.warnings.toString());

        relay.inject(bob.client, 3, mallory.seal(NoteItemKind.COMMENT, 0, 2, first.hash(),
                CommentBatch.encode(List.of(fine, notHers))));
        bob.deliver();
        assertTrue(bob.view.threads.isEmpty());
        assertEquals(2, bob.view.warnings.size(), bob.view.warnings.toString());
        assertTrue(bob.view.warnings.get(1).message().contains("signed by someone else"),
                bob.view.warnings.toString());
    }

    /** The single comment record a stored comment item carries, as any holder of the link opens it. */
    private CommentRecord onlyRecordOf(NoteItem item) {
        try {
            List<CommentRecord> records = CommentBatch.parse(
                    new NoteItemCipher(room.keys, IdentityKeyPair.generate(room.random), room.random).open(item));
            assertEquals(1, records.size());
            return records.get(0);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private NoteItem commentItem(NoteItemCipher author, CommentRecord... records) {
        return author.seal(NoteItemKind.COMMENT, 0, 1, UpdateHash.NONE, CommentBatch.encode(List.of(records)));
    }

    private static CommentAnchor anchorOnFirstWord() {
        return new CommentAnchor(new byte[] {1}, 0, new byte[] {1}, 3, "some");
    }

    @Test
    void serverRestoredFromAnOlderBackup_getsBackTheCommentsItLost_fromTheirAuthor() {
        Person dana = room.open(room.newAccountDevice("dana"));
        everyoneJoins(dana, bob);
        dana.type(0, "kept text");
        room.deliverAll();
        CommentId thread = dana.sync.postComment(0, 4, "lost in the restore");
        dana.sync.flush();
        room.deliverAll();
        dana.sync.editComment(thread, "lost in the restore, edited");
        dana.sync.flush();
        room.deliverAll();
        dana.goOffline();
        bob.goOffline();

        relay.restoreBackupOf(1);
        dana.connect();
        for (int pass = 0; pass < 3; pass++) {
            dana.deliver();
        }
        carol.connect();
        carol.deliver();

        assertEquals(SyncWarning.Kind.SERVER_BEHIND, dana.view.warningKinds().get(0));
        assertEquals(List.of("lost in the restore, edited"), texts(onlyThread(carol)), "the server has it again");
        assertEquals("kept", anchored(carol, onlyThread(carol)));
        assertFalse(dana.sync.hasUnsavedChanges());
        assertTrue(carol.view.warnings.isEmpty(), carol.view.warnings.toString());
    }

    @Test
    void aVisitorWhoseChainTheServerWillNotContinue_sendsTheirCommentsUnderTheFreshKey_withoutWarnings() {
        everyoneJoins(alice, bob);
        alice.type(0, "first ");
        room.deliverAll();

        relay.refuseNext = dev.vellum.protocol.wire.ErrorCode.CHAIN_CONFLICT; // as a server restored from a backup
        CommentId thread = alice.sync.postComment(0, 5, "on the first word");
        alice.sync.reply(thread, thread, "and a reply");
        alice.sync.flush();
        room.deliverAll();
        alice.sync.flush();
        room.deliverAll();

        assertEquals(List.of("on the first word", "and a reply"), texts(onlyThread(bob)));
        assertEquals(List.of("on the first word", "and a reply"), texts(onlyThread(alice)), "no copy left behind");
        assertTrue(onlyThread(alice).comments().get(0).mine(), "signed by the key Alice writes with now");
        assertFalse(alice.sync.hasUnsavedChanges());
        assertNoWarnings(alice, bob);
    }

    @Test
    void aSnapshotCarriesTheComments_andANewcomerOpeningFromItSeesThem() {
        relay.letCoveredUpdatesGoAtOnce(); // the covered items are gone: the snapshot is all a newcomer gets
        everyoneJoins(alice, bob);
        alice.type(0, "Meet at noon.");
        room.deliverAll();
        CommentId thread = alice.sync.postComment(8, 12, "Which day?");
        alice.sync.flush();
        room.deliverAll();
        bob.sync.reply(thread, thread, "Friday.");
        bob.sync.flush();
        room.deliverAll();
        alice.type(alice.text().length(), " Bring lunch.");
        room.deliverAll();
        alice.sync.onIdle(); // a version: it carries the comments
        room.deliverAll();

        SnapshotBody body = lastSnapshotBody();
        assertEquals(2, body.comments().size());

        carol.connect();
        carol.deliver();
        assertEquals("Meet at noon. Bring lunch.", carol.text());
        CommentThread seen = onlyThread(carol);
        assertEquals(List.of("Which day?", "Friday."), texts(seen));
        assertEquals("noon", anchored(carol, seen));
        assertNoWarnings(alice, bob, carol);
    }

    @Test
    void aSnapshotThatDropsAComment_isFlaggedAsForged_byAReaderWhoHoldsTheItems() {
        everyoneJoins(alice, bob, carol);
        alice.type(0, "Meet at noon.");
        room.deliverAll();
        alice.sync.postComment(8, 12, "Which day?");
        alice.sync.flush();
        room.deliverAll();

        // Mallory holds the link: her version has the right text and names every item, but leaves the comment out.
        NoteItemCipher mallory = new NoteItemCipher(room.keys, IdentityKeyPair.generate(room.random), room.random);
        AuthorChains chains = new AuthorChains();
        for (int i = 0; i < relay.storedCount(); i++) {
            NoteItem item = relay.stored(i).item();
            chains.advance(item.header().authorKeyId(), item.header().sequence(), item.hash());
        }
        TextDocument state = new TextDocument(ReplicaId.of(room.random.randomBytes(16)));
        state.insert(0, "Meet at noon.");
        byte[] body = new SnapshotBody(room.clock.nowMillis(), "Owner", chains, new ServedItems(), List.of(),
                state.encodeState()).encode();
        NoteItem forged = mallory.seal(NoteItemKind.SNAPSHOT, relay.latestRevision(), 1, UpdateHash.NONE, body);
        carol.client.send(FrameCodec.encode(new Frame.Publish(forged)));
        room.deliverAll();

        for (Person reader : List.of(alice, bob)) {
            assertEquals(List.of(SyncWarning.Kind.FORGED_SNAPSHOT), reader.view.warningKinds(), reader.name);
            assertTrue(reader.view.warnings.get(0).message().contains("comments"), reader.view.warnings.toString());
            assertEquals(1, reader.view.threads.size(), "the comment stays");
        }
        assertTrue(relay.confirmations.isEmpty(), "nobody confirms it: " + relay.confirmations);
    }

    @Test
    void aSnapshotCarryingARecordThatDoesNotVerify_opensWithoutIt_andSaysSo() {
        relay.letCoveredUpdatesGoAtOnce(); // a newcomer opens from the latest version
        everyoneJoins(alice);
        alice.type(0, "Meet at noon.");
        alice.deliver();
        alice.sync.postComment(8, 12, "Which day?");
        alice.sync.flush();
        alice.deliver();
        CommentRecord real = onlyRecordOf(relay.stored(relay.storedCount() - 1).item());
        byte[] altered = real.encode();
        altered[altered.length - 1] ^= 1; // the author's signature
        CommentRecord forged;
        try {
            forged = CommentRecord.parse(altered);
        } catch (dev.vellum.error.InvalidMessageException e) {
            throw new AssertionError(e);
        }

        NoteItemCipher mallory = new NoteItemCipher(room.keys, IdentityKeyPair.generate(room.random), room.random);
        AuthorChains chains = new AuthorChains();
        for (int i = 0; i < relay.storedCount(); i++) {
            NoteItem item = relay.stored(i).item();
            chains.advance(item.header().authorKeyId(), item.header().sequence(), item.hash());
        }
        TextDocument state = new TextDocument(ReplicaId.of(room.random.randomBytes(16)));
        state.insert(0, "Meet at noon.");
        byte[] body = new SnapshotBody(room.clock.nowMillis(), "Owner", chains, new ServedItems(),
                List.of(real, forged), state.encodeState()).encode();
        carol.connect(); // Mallory's connection
        carol.client.send(FrameCodec.encode(new Frame.Publish(mallory.seal(NoteItemKind.SNAPSHOT,
                relay.latestRevision(), 1, UpdateHash.NONE, body))));
        carol.goOffline();
        alice.deliver();
        assertEquals(List.of(SyncWarning.Kind.FORGED_COMMENT), alice.view.warningKinds(),
                "Alice checks it in its turn: the record is left out, and the version still matches");

        bob.connect();
        bob.deliver();
        assertEquals("Meet at noon.", bob.text());
        assertEquals(List.of("Which day?"), texts(onlyThread(bob)));
        assertEquals(List.of(SyncWarning.Kind.FORGED_COMMENT), bob.view.warningKinds());
        assertTrue(bob.view.warnings.get(0).message().contains("does not verify"), bob.view.warnings.toString());
    }

    @Test
    void commentItems_countTowardsTheSnapshotCadence_butLeaveNoVersionByThemselves() {
        everyoneJoins(alice, bob);
        alice.type(0, "text");
        room.deliverAll();
        alice.sync.onIdle(); // the text's version
        room.deliverAll();
        long versions = snapshotCount();
        CommentId thread = bob.sync.postComment(0, 4, "first");
        bob.sync.flush();
        room.deliverAll();
        bob.sync.onIdle();
        alice.sync.onIdle();
        room.deliverAll();
        assertEquals(versions, snapshotCount(), "a comment alone is not a version of the text");

        for (int i = 0; i < SyncTunables.SNAPSHOT_EVERY; i++) {
            bob.sync.reply(thread, thread, "reply " + i);
            bob.sync.flush();
            room.deliverAll();
        }
        // Bob's comment item crossed the mark: he compacts the note, and his snapshot holds every comment so far.
        assertEquals(versions + 1, snapshotCount());
        // Revision 1 is Alice's text and 2 her version: every other revision it covers is one comment item of Bob's.
        assertEquals(lastSnapshot().covers() - 2, lastSnapshotBody().comments().size());
        assertNoWarnings(alice, bob);

        alice.sync.requestHistory();
        alice.deliver();
        assertEquals(versions + 1, alice.view.history.size(), "the history lists versions of the text only");
    }

    private long snapshotCount() {
        return java.util.stream.IntStream.range(0, relay.storedCount())
                .filter(i -> relay.stored(i).item().kind() == NoteItemKind.SNAPSHOT).count();
    }

    private NoteItem lastSnapshot() {
        for (int i = relay.storedCount() - 1; i >= 0; i--) {
            if (relay.stored(i).item().kind() == NoteItemKind.SNAPSHOT) {
                return relay.stored(i).item();
            }
        }
        throw new AssertionError("no snapshot stored");
    }

    private SnapshotBody lastSnapshotBody() {
        try {
            return SnapshotBody.decode(new NoteItemCipher(room.keys, IdentityKeyPair.generate(room.random),
                    room.random).open(lastSnapshot()));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
