package dev.vellum.client.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.item.NoteItemKind;
import dev.vellum.protocol.item.UpdateHash;
import dev.vellum.protocol.seal.NoteItemCipher;
import dev.vellum.protocol.seal.NoteKeys;
import dev.vellum.protocol.wire.CompactRevisions;
import dev.vellum.protocol.wire.Frame;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sync engine reading compact revisions, as the app asks for them: edits of several people arrive compact, are
 * rebuilt and applied; a compact revision whose left-out context is another note's is warned about and not applied,
 * as a tampered full item is; a new connection starts the reader's compact state afresh, as the server's does; and
 * an item changed on its way (so that what the reader rebuilds the author's next ones from is not what the server
 * holds) is warned about, after which the reader connects again and reads that author's honest items.
 */
class CompactRevisionsSyncTest {
    private final SyncRoom room = new SyncRoom();
    private final FakeRelay relay = room.relay;
    private final SyncRoom.Person alice = room.open("Alice");
    private final SyncRoom.Person bob = room.open("Bob");
    private final SyncRoom.Person carol = room.open("Carol");

    @Test
    void peoplesEdits_arriveCompact_andConverge_withNoWarning() {
        relay.compactRevisions = true;
        alice.connect();
        bob.connect();
        carol.connect();
        room.deliverAll();
        for (int round = 0; round < 5; round++) {
            alice.type(0, "a" + round);
            bob.type(0, "b" + round);
            carol.type(0, "c" + round);
            room.deliverAll();
        }
        room.deliverAll();
        assertTrue(relay.compactSent > 10, "compact revisions sent: " + relay.compactSent);
        assertEquals(3, relay.joins, "an honest compact revision starts nothing afresh");
        assertEquals(alice.text(), bob.text());
        assertEquals(alice.text(), carol.text());
        assertEquals(15 * 2, alice.text().length());
        for (SyncRoom.Person person : List.of(alice, bob, carol)) {
            assertTrue(person.view.warnings.isEmpty(), person.view.warnings.toString());
        }
    }

    @Test
    void aReconnectedReader_startsFromNothing_asTheServerDoes() {
        relay.compactRevisions = true;
        alice.connect();
        bob.connect();
        room.deliverAll();
        alice.type(0, "one ");
        room.deliverAll();
        bob.goOffline();
        bob.connect();
        room.deliverAll();
        alice.type(4, "two");
        room.deliverAll();
        alice.type(7, " three"); // names the slot the new connection gave Alice, and her chain since it opened
        room.deliverAll();
        assertEquals("one two three", bob.text());
        assertTrue(bob.view.warnings.isEmpty(), bob.view.warnings.toString());
    }

    @Test
    void anUnreadableCompactRevision_makesTheReaderReconnect_andCatchUp() {
        relay.compactRevisions = true;
        alice.connect();
        bob.connect();
        room.deliverAll();
        alice.type(0, "one ");
        // Damaged on its way: the frame that would have told Bob who Alice is (a reserved flag bit set), after the
        // relay's state for Bob's connection already holds her.
        byte[] damaged = bob.client.inbox.pollLast();
        assertEquals(CompactRevisions.TYPE, damaged[1]);
        damaged[2 + 8] |= (byte) 0x80;
        bob.client.inbox.addLast(damaged);
        bob.deliver();
        alice.type(4, "two"); // names Alice's slot: unreadable on a connection that missed her entry
        room.deliverAll();
        room.deliverAll();
        assertEquals("one two", bob.text());
        assertEquals(alice.text(), bob.text());
    }

    @Test
    void aCompactRevisionWithAnotherNotesContext_isRefused_exactlyAsTheSameLieInAFullRevision() throws Exception {
        bob.connect();
        bob.deliver();
        carol.connect();
        carol.deliver();
        NoteItemCipher mallory = new NoteItemCipher(room.keys, IdentityKeyPair.generate(room.random), room.random);
        NoteItem genuine = mallory.seal(NoteItemKind.UPDATE, 0, 1, UpdateHash.NONE, new byte[] {});
        byte[] lying = new CompactRevisions().encode(1, genuine);
        // The context follows version, type, revision (8), flags and the author entry (81): its document id is
        // another note's, which the author did not sign.
        byte[] otherNote = NoteKeys.generate(room.random).noteId().toBytes();
        System.arraycopy(otherNote, 0, lying, 2 + 8 + 1 + 81 + 16, 16);
        bob.client.inbox.add(lying);
        bob.deliver();
        // The same item, rebuilt, sent whole to Carol: a server could always have told this lie in full.
        Frame.Revision whole = (Frame.Revision) new CompactRevisions().decodeFrame(lying);
        relay.inject(carol.client, whole.revision(), whole.item());
        carol.deliver();
        // Bob then connects again, as every compact reader does after an item that fails the server's own checks
        // (the state it rebuilt the next ones from is not the server's); Carol sees the same on her next connection.
        carol.goOffline();
        carol.connect();
        carol.deliver();

        assertFalse(bob.view.warningKinds().isEmpty(), "the lie is warned about");
        assertEquals(carol.view.warningKinds(), bob.view.warningKinds());
        assertEquals("", bob.text());
        assertEquals("", carol.text());
    }

    @Test
    void anHonestCompactRevision_afterAForgedOneOfTheSameAuthor_isRead() {
        relay.compactRevisions = true;
        alice.connect();
        bob.connect();
        room.deliverAll();
        alice.type(0, "one ");
        room.deliverAll();
        alice.type(4, "two");
        // Changed on its way: one bit of the author's signature (the 64 bytes before the write signature). The
        // relay's state for Bob's connection holds the genuine item as Alice's last; what Bob rebuilt is the changed
        // one, whose chain hash differs.
        byte[] forged = bob.client.inbox.pollLast();
        assertEquals(CompactRevisions.TYPE, forged[1]);
        forged[forged.length - 97] ^= 1;
        bob.client.inbox.addLast(forged);
        room.deliverAll();
        alice.type(7, " three"); // continues her genuine chain: sent with the chain left out
        room.deliverAll();
        alice.type(13, " four");
        room.deliverAll();

        // The forgery is warned about; Bob then connects again, and the new connection serves another item under
        // its number (the genuine one), which is said too. Alice's honest items after it are not warned about.
        assertEquals(List.of(SyncWarning.Kind.BAD_SIGNATURE, SyncWarning.Kind.HISTORY_REWRITTEN),
                bob.view.warningKinds());
        assertEquals("one two three four", alice.text());
        assertEquals(alice.text(), bob.text());
    }

    @Test
    void aForgedCompactRevision_thatArrivedBeforeItsTurn_isForgotten_andTheGenuineOneIsReadWithNoWarning() {
        relay.compactRevisions = true;
        alice.connect();
        bob.connect();
        carol.connect();
        room.deliverAll();
        alice.type(0, "one ");
        room.deliverAll();
        carol.type(4, "two ");
        room.deliverAll();
        carol.type(8, "three "); // revision 3: waits in Bob's queue
        alice.deliver();
        alice.type(14, "four"); // revision 4: names Alice's slot and continues her chain, nothing of Carol's
        // Revision 4 changed on its way (one bit of Alice's signature) and overtaking revision 3: Bob rebuilds it
        // and queues it for its turn, then finds it fails the server's checks and connects again, losing revision 3
        // with the old socket. The new connection serves both genuine items.
        byte[] forged = bob.client.inbox.pollLast();
        assertEquals(CompactRevisions.TYPE, forged[1]);
        assertEquals(4, ByteBuffer.wrap(forged, 2, 8).getLong());
        forged[forged.length - 97] ^= 1;
        bob.client.inbox.addFirst(forged);
        room.deliverAll();
        room.deliverAll();

        // Never checked in its turn, so never warned about; kept in the queue, it would have been checked and
        // warned about once revision 3 came, and the genuine item read as a rewritten history.
        assertTrue(bob.view.warnings.isEmpty(), bob.view.warnings.toString());
        assertEquals("one two three four", alice.text());
        assertEquals(alice.text(), bob.text());
        assertEquals(4, relay.joins, "Bob connected again once, after the forgery, and not for a rewritten history");
    }

    @Test
    void compactRevisionsTheReadersChecksVerified_areNotCheckedAgainAsTheServerDoes() {
        relay.compactRevisions = true;
        alice.connect();
        bob.connect();
        room.deliverAll();
        // Each of Alice's items reaches Bob with its write signature changed: the one signature the server checks
        // and readers do not (in full items either). Had Bob checked them again as the server does, as he did
        // every compact revision, each would have failed and made him connect again.
        for (String word : List.of("one ", "two ", "three")) {
            alice.type(alice.text().length(), word);
            byte[] frame = bob.client.inbox.pollLast();
            assertEquals(CompactRevisions.TYPE, frame[1]);
            frame[frame.length - 1] ^= 1;
            bob.client.inbox.addLast(frame);
            room.deliverAll();
        }

        assertEquals("one two three", bob.text());
        assertTrue(bob.view.warnings.isEmpty(), bob.view.warnings.toString());
        assertEquals(2, relay.joins, "the items Bob's own checks verified cost no check again");
    }

    @Test
    void aDevicesHonestCompactRevisions_afterOneWhoseCertificateWasForged_areRead() {
        SyncRoom.Person dana = room.open(room.newAccountDevice("dana"));
        carol.connect(); // reads full Revision frames: the same forgery, told in full
        relay.compactRevisions = true;
        dana.connect();
        bob.connect();
        room.deliverAll();
        dana.type(0, "one ");
        // Changed on its way: the last byte of Dana's certificate (its signature), which Bob's table keeps in her
        // entry for her later items. Her own signature does not cover it; the write key's does. Compact, the entry
        // follows the frame's version, type, revision (8) and flags: version, keys (64), key id (16), certificate
        // length (2), certificate; in full, the item's version, kind, covers (8), keys (64), certificate length (2).
        forgeLastCertificate(bob, CompactRevisions.TYPE, 2 + 8 + 1 + 1 + 64 + 16);
        forgeLastCertificate(carol, 2, 2 + 8 + 1 + 1 + 8 + 64);
        room.deliverAll();
        dana.type(4, "two"); // names her slot, whose entry Bob holds changed
        room.deliverAll();
        // Her first item failed, so each reader holds "two" back for the chain's gap until caught up on the next
        // connection, and only then checks it.
        for (SyncRoom.Person reader : List.of(bob, carol)) {
            reader.goOffline();
            reader.connect();
            reader.deliver();
        }

        // The forgery warned about, and the honest item after it read as she signed it (its gap said), as in full.
        assertEquals(List.of(SyncWarning.Kind.UNREADABLE, SyncWarning.Kind.GAP), carol.view.warningKinds());
        assertEquals(carol.view.warningKinds(), bob.view.warningKinds());
        assertEquals(carol.text(), bob.text());
    }

    private static void forgeLastCertificate(SyncRoom.Person reader, int frameType, int lengthAt) {
        byte[] frame = reader.client.inbox.pollLast();
        assertEquals(frameType, frame[1]);
        int length = ((frame[lengthAt] & 0xff) << 8) | (frame[lengthAt + 1] & 0xff);
        frame[lengthAt + 2 + length - 1] ^= 1;
        reader.client.inbox.addLast(frame);
    }
}
