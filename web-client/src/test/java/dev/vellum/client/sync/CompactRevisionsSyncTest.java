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
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sync engine reading compact revisions, as the app asks for them: edits of several people arrive compact, are
 * rebuilt and applied; a compact revision whose left-out context is another note's is warned about and not applied,
 * as a tampered full item is; and a new connection starts the reader's compact state afresh, as the server's does.
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

        assertFalse(bob.view.warningKinds().isEmpty(), "the lie is warned about");
        assertEquals(carol.view.warningKinds(), bob.view.warningKinds());
        assertEquals("", bob.text());
        assertEquals("", carol.text());
    }
}
