package dev.vellum.client.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.client.crdt.ReplicaId;
import dev.vellum.client.crdt.TextOp;
import dev.vellum.client.crdt.TextOpCodec;
import dev.vellum.client.sync.SyncRoom.Person;
import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.item.NoteItemKind;
import dev.vellum.protocol.item.UpdateHash;
import dev.vellum.protocol.relay.HistoryPages;
import dev.vellum.protocol.relay.JoinHistory;
import dev.vellum.protocol.relay.StoredItem;
import dev.vellum.protocol.seal.NoteItemCipher;
import dev.vellum.protocol.wire.Frame;
import dev.vellum.protocol.wire.FrameCodec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A server that holds back what others wrote, or shows people different versions, is caught through the signed
 * latest positions in presence: each tab states its chain head, the latest revision it was served and the item it
 * was served under the last one it applied. The relay here is honest except where a test takes frames out of a
 * reader's queue or puts others in, as a hostile server would.
 */
class PresenceLatestPositionTest {
    private final SyncRoom room = new SyncRoom();
    private final FakeRelay relay = room.relay;
    private final Person alice = room.open("Alice");
    private final Person bob = room.open("Bob");
    private final Person carol = room.open("Carol");

    @Test
    void newestItemOfAPresentAuthor_withheld_isWarnedAfterTheGrace_andTheWarningGoesOnceItArrives() {
        alice.connect();
        bob.connect();
        room.deliverAll();
        alice.type(0, "hello");
        List<byte[]> withheld = withholdItemsFrom(bob);
        room.deliverAll();

        heartbeat(); // Alice states that she has stored one item (and a version after her pause)
        assertTrue(bob.view.warnings.isEmpty(), "within the grace: " + bob.view.warnings);
        room.clock.advance(SyncTunables.WITHHELD_GRACE_MILLIS);
        room.deliverAll();

        assertEquals(List.of(SyncWarning.Kind.WITHHELD), bob.view.warningKinds());
        assertTrue(bob.view.warnings.get(0).message().startsWith("The server is holding back changes by Alice"),
                bob.view.warnings.get(0).message());

        bob.client.inbox.addAll(withheld);
        bob.deliver();
        assertEquals("hello", bob.text());
        assertTrue(bob.view.standing().isEmpty(), "taken back: " + bob.view.standing());
        assertTrue(alice.view.warnings.isEmpty(), alice.view.warnings.toString());
    }

    @Test
    void itemsArrivingWithinTheGrace_areNeverWarnedAbout() {
        alice.connect();
        bob.connect();
        room.deliverAll();
        alice.type(0, "hello");
        alice.deliver();
        List<byte[]> late = withholdItemsFrom(bob);
        heartbeat();

        room.clock.advance(SyncTunables.WITHHELD_GRACE_MILLIS - 1);
        bob.client.inbox.addAll(late); // a slow network, not a hostile server
        bob.deliver();
        room.clock.advance(SyncTunables.PRESENCE_HEARTBEAT_MILLIS);
        room.deliverAll();

        assertEquals("hello", bob.text());
        assertTrue(bob.view.warnings.isEmpty(), bob.view.warnings.toString());
    }

    @Test
    void latestRevisions_ofAnAuthorWhoLeft_withheld_areWarnedAbout_onAPresentReadersWord() {
        alice.connect();
        bob.connect();
        carol.connect();
        room.deliverAll();
        carol.type(0, "from Carol");
        withholdItemsFrom(bob);
        room.deliverAll();
        carol.goOffline(); // Carol cannot speak for herself any more; Alice was served her item

        heartbeat();
        room.clock.advance(SyncTunables.WITHHELD_GRACE_MILLIS);
        room.deliverAll();

        assertEquals(List.of(SyncWarning.Kind.WITHHELD), bob.view.warningKinds());
        assertTrue(bob.view.warnings.get(0).message().startsWith("The server has not sent you the latest changes"),
                bob.view.warnings.get(0).message());
    }

    @Test
    void newcomerServedAnOldHistory_withTheLatestCaughtUpNumberHidden_isToldOnAPresentReadersWord() {
        alice.connect();
        carol.connect();
        room.deliverAll();
        alice.type(0, "a");
        room.deliverAll();
        carol.type(1, "b");
        room.deliverAll();
        carol.type(2, "c");
        room.deliverAll();
        carol.goOffline();

        bob.connect();
        bob.client.inbox.clear(); // the server pretends the note ended at revision 1
        bob.client.inbox.addAll(HistoryPages.join(new JoinHistory(null,
                List.of(new StoredItem(1, 0, relay.stored(0).item())), 1)));
        bob.deliver();
        assertEquals("a", bob.text());
        heartbeat();
        room.clock.advance(SyncTunables.WITHHELD_GRACE_MILLIS);
        room.deliverAll();

        assertEquals(List.of(SyncWarning.Kind.WITHHELD), bob.view.warningKinds());
        assertTrue(bob.view.warnings.get(0).message().contains("up to number 3"), bob.view.warnings.get(0).message());
    }

    @Test
    void newestItemOfAnAuthorWhoLeft_leftOutOfANewcomersHistory_isSaidOnceAPresentReaderStatesItWasServedIt() {
        alice.connect();
        carol.connect();
        room.deliverAll();
        alice.type(0, "a");
        room.deliverAll();
        carol.type(1, "b");
        room.deliverAll();
        carol.goOffline();
        relay.withheld.add(relay.latestRevision()); // the server says it sent everything, but leaves Carol's out

        bob.connect();
        bob.deliver();
        assertEquals("a", bob.text());
        assertTrue(bob.view.warnings.isEmpty(), "nothing shows the hole by itself: " + bob.view.warnings);
        heartbeat();

        assertEquals(List.of(SyncWarning.Kind.WITHHELD), bob.view.warningKinds());
        assertTrue(bob.view.warnings.get(0).message().contains("change number 2, which Alice"),
                bob.view.warnings.get(0).message());
    }

    @Test
    void twoAuthorsItems_servedInAnotherOrderToEachReader_areSaidToBeDifferentHistories() {
        alice.connect();
        bob.connect();
        room.deliverAll();
        NoteItemCipher dave = new NoteItemCipher(room.keys, IdentityKeyPair.generate(room.random), room.random);
        NoteItemCipher erin = new NoteItemCipher(room.keys, IdentityKeyPair.generate(room.random), room.random);
        NoteItem fromDave = dave.seal(NoteItemKind.UPDATE, 0, 1, UpdateHash.NONE, insert(replica(), "d"));
        NoteItem fromErin = erin.seal(NoteItemKind.UPDATE, 0, 1, UpdateHash.NONE, insert(replica(), "e"));
        relay.inject(alice.client, 1, fromDave);
        relay.inject(alice.client, 2, fromErin);
        relay.inject(bob.client, 1, fromErin);
        relay.inject(bob.client, 2, fromDave);
        room.deliverAll();
        assertTrue(bob.view.warnings.isEmpty(), "each order is a fine history on its own: " + bob.view.warnings);

        heartbeat();
        room.deliverAll();

        assertEquals(List.of(SyncWarning.Kind.EQUIVOCATION), bob.view.warningKinds());
        assertTrue(bob.view.warnings.get(0).message().contains("Alice"), bob.view.warnings.get(0).message());
        assertEquals(List.of(SyncWarning.Kind.EQUIVOCATION), alice.view.warningKinds());
    }

    @Test
    void authorWhoseItemReachedAReaderInAnotherVersion_isSaidToEquivocate() {
        IdentityKeyPair malloryKey = IdentityKeyPair.generate(room.random);
        ReplicaId malloryReplica = replica();
        FakeNoteView malloryView = new FakeNoteView();
        NoteSync mallory = new NoteSync(Writer.anonymous(new NoteItemCipher(room.keys, malloryKey, room.random),
                "Mallory", 3), malloryView, malloryReplica, room.clock,
                LocalCopyStore.of(SyncRoom.KEPT_COPIES, sealed -> { }));
        FakeRelay.Client malloryClient = relay.connect(mallory);
        bob.connect();
        malloryClient.deliverAll();
        bob.deliver();

        malloryView.type(0, "pay Alice");
        mallory.onLocalEdit(malloryView.text, malloryView.caret, malloryView.caret);
        mallory.flush();
        bob.client.inbox.clear(); // Bob gets another item 1 of Mallory's: the same characters, another text
        NoteItem other = new NoteItemCipher(room.keys, malloryKey, room.random).seal(NoteItemKind.UPDATE, 0, 1,
                UpdateHash.NONE, TextOpCodec.encode(List.of(new TextOp.Insert(malloryReplica, 0, null, null,
                        "pay Mallory"))));
        relay.inject(bob.client, 1, other);
        bob.deliver();
        malloryClient.deliverAll();
        assertEquals("pay Mallory", bob.text());

        room.clock.advance(SyncTunables.PRESENCE_HEARTBEAT_MILLIS);
        bob.deliver();

        // Said by Mallory's own word on her chain, and by the item she was served under number 1 (her version
        // after her pause, chained to the item Bob never got, is a broken chain to him).
        assertTrue(bob.view.warningKinds().containsAll(List.of(SyncWarning.Kind.EQUIVOCATION)),
                bob.view.warnings.toString());
        assertTrue(bob.view.warnings.stream().anyMatch(warning -> warning.message().startsWith("Change 1 of Mallory")),
                bob.view.warnings.toString());
    }

    @Test
    void sameCharactersWithAnotherText_inALaterItem_areWarnedAboutOnce_andTheFirstTextStays() {
        bob.connect();
        bob.deliver();
        NoteItemCipher mallory = new NoteItemCipher(room.keys, IdentityKeyPair.generate(room.random), room.random);
        ReplicaId writer = replica();
        NoteItem first = mallory.seal(NoteItemKind.UPDATE, 0, 1, UpdateHash.NONE, insert(writer, "pay Alice"));
        NoteItem again = mallory.seal(NoteItemKind.UPDATE, 0, 2, first.hash(), insert(writer, "pay Alice"));
        NoteItem other = mallory.seal(NoteItemKind.UPDATE, 0, 3, again.hash(), insert(writer, "pay Erin!"));
        NoteItem otherAgain = mallory.seal(NoteItemKind.UPDATE, 0, 4, other.hash(), insert(writer, "pay Dave!"));
        relay.inject(bob.client, 1, first);
        relay.inject(bob.client, 2, again);
        bob.deliver();
        assertTrue(bob.view.warnings.isEmpty(), "the same text again changes nothing: " + bob.view.warnings);

        relay.inject(bob.client, 3, other);
        relay.inject(bob.client, 4, otherAgain);
        bob.deliver();

        assertEquals(List.of(SyncWarning.Kind.EQUIVOCATION), bob.view.warningKinds());
        assertEquals("pay Alice", bob.text());
        assertTrue(bob.view.editable);
    }

    @Test
    void honestPeopleTypingTogether_seeNoWarning_overManyHeartbeats() {
        alice.connect();
        bob.connect();
        carol.connect();
        room.deliverAll();
        for (int i = 0; i < 30; i++) {
            Person writer = i % 3 == 0 ? alice : i % 3 == 1 ? bob : carol;
            writer.type(writer.text().length(), String.valueOf((char) ('a' + i % 26)));
            room.deliverAll();
            room.clock.advance(1_000);
            room.deliverAll();
        }
        room.clock.advance(SyncTunables.PRESENCE_HEARTBEAT_MILLIS + SyncTunables.WITHHELD_GRACE_MILLIS);
        room.deliverAll();

        for (Person person : List.of(alice, bob, carol)) {
            assertEquals(alice.text(), person.text());
            assertTrue(person.view.warnings.isEmpty(), person.name + ": " + person.view.warnings);
        }
    }

    @Test
    void latestPosition_roundTripsInAPresenceMessage_andAMessageWithoutOneStillReads() throws Exception {
        byte[] key = new byte[32];
        key[0] = 9;
        LatestPosition position = new LatestPosition(key, 7, hash(1), 42, 41, hash(2), List.of(hash(3), hash(4)));
        PresenceMessage withPosition = new PresenceMessage(replica(), "Alice", 2, null, null, null, position);
        PresenceMessage without = new PresenceMessage(withPosition.replica(), "Alice", 2, null, null, null, null);

        assertEquals(withPosition, PresenceMessage.decode(withPosition.encode()));
        assertEquals(without, PresenceMessage.decode(without.encode()));
        assertEquals(without.encode().length + 1 + 32 + 8 + 32 + 8 + 8 + 32 + 1 + 2 * 32,
                withPosition.encode().length);
    }

    @Test
    void latestPosition_withTooManyForgedSnapshots_orAnUnknownVersion_isRefused() {
        PresenceMessage message = new PresenceMessage(replica(), "Alice", 2, null, null, null,
                new LatestPosition(new byte[32], 1, hash(1), 1, 1, hash(1), List.of()));
        byte[] bytes = message.encode();
        byte[] tooMany = Arrays.copyOf(bytes, bytes.length + 5 * 32);
        tooMany[bytes.length - 1] = 5; // the forged count, the last byte of a position that lists none
        byte[] unknownVersion = bytes.clone();
        unknownVersion[bytes.length - (1 + 32 + 8 + 32 + 8 + 8 + 32 + 1)] = 2;

        assertThrows(InvalidMessageException.class,
                () -> PresenceMessage.decode(tooMany));
        assertThrows(InvalidMessageException.class,
                () -> PresenceMessage.decode(unknownVersion));
    }

    /** Everyone's heartbeat goes out, and everyone reads what the others stated. */
    private void heartbeat() {
        room.clock.advance(SyncTunables.PRESENCE_HEARTBEAT_MILLIS);
        room.deliverAll();
    }

    /** Takes the items waiting for {@code person} out of their queue, as a server that withholds them; returns them. */
    private static List<byte[]> withholdItemsFrom(Person person) {
        List<byte[]> taken = new ArrayList<>();
        person.client.inbox.removeIf(frame -> {
            boolean item = decode(frame) instanceof Frame.Revision;
            if (item) {
                taken.add(frame);
            }
            return item;
        });
        return taken;
    }

    private static Frame decode(byte[] frame) {
        try {
            return FrameCodec.decode(frame);
        } catch (InvalidMessageException e) {
            throw new AssertionError(e);
        }
    }

    private static UpdateHash hash(int seed) {
        byte[] bytes = new byte[UpdateHash.LENGTH];
        bytes[0] = (byte) seed;
        return UpdateHash.fromBytes(bytes);
    }

    private ReplicaId replica() {
        return ReplicaId.of(room.random.randomBytes(16));
    }

    private static byte[] insert(ReplicaId writer, String text) {
        return TextOpCodec.encode(List.of(new TextOp.Insert(writer, 0, null, null, text)));
    }
}
