package dev.vellum.client.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.client.sync.SyncRoom.Person;
import dev.vellum.crypto.aead.XChaCha20Poly1305;
import dev.vellum.crypto.hash.Label;
import dev.vellum.crypto.key.SymmetricKey;
import dev.vellum.crypto.sign.Ed25519PrivateKey;
import dev.vellum.encoding.Bytes;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.item.SignedPresence;
import dev.vellum.protocol.seal.PresenceFreshness;
import dev.vellum.protocol.wire.Frame;
import dev.vellum.protocol.wire.FrameCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Only presence from a holder of the link, fresh, is shown: a replayed or old message, a stranger's, or one made for
 * another note never puts a caret on the page. The relay here passes presence on unchecked, as a hostile server
 * would.
 */
class PresenceAuthenticityTest {
    private final SyncRoom room = new SyncRoom();
    private final Person alice = room.open("Alice");
    private final Person bob = room.open("Bob");
    private final Person carol = room.open("Carol");

    @Test
    void replayedPresence_ofSomeoneWhoLeft_showsNoCaret() {
        alice.connect();
        bob.connect();
        room.deliverAll();
        bob.select(0, 0);
        byte[] captured = lastPresenceFor(alice);
        alice.deliver();
        assertEquals(1, alice.view.peers.size(), "Bob's caret, live");

        bob.goOffline();
        room.clock.advance(SyncTunables.PRESENCE_TIMEOUT_MILLIS + 1);
        assertTrue(alice.view.peers.isEmpty(), "Bob left");

        alice.client.inbox.add(captured);
        alice.deliver();
        assertTrue(alice.view.peers.isEmpty(), "a replay does not bring Bob back");
    }

    @Test
    void oldPresence_replayedToSomeoneNew_isDroppedOnceFreshPresenceIsSeen() {
        alice.connect();
        bob.connect();
        room.deliverAll();
        bob.select(0, 0);
        byte[] captured = lastPresenceFor(alice);
        bob.goOffline();

        room.clock.advance(SyncTunables.PRESENCE_TIMEOUT_MILLIS + PresenceFreshness.CLOCK_SKEW_ALLOWANCE_MILLIS
                + 5_000);
        carol.connect();
        carol.deliver();
        room.clock.advance(SyncTunables.PRESENCE_HEARTBEAT_MILLIS); // Alice's heartbeat: she is here now
        carol.deliver();
        assertEquals(List.of("Alice"), names(carol));

        carol.client.inbox.add(captured);
        carol.deliver();
        assertEquals(List.of("Alice"), names(carol), "Bob's old message is older than the timeout and the clock allowance before Alice's");
    }

    @Test
    void recordedPresence_replayedToAReaderWhoIsAlone_showsNoCaretOnceOlderThanTheTimeoutAndAllowance() {
        alice.connect();
        bob.connect();
        room.deliverAll();
        bob.select(0, 0);
        byte[] captured = lastPresenceFor(alice);
        bob.goOffline();
        alice.goOffline();

        room.clock.advance(SyncTunables.PRESENCE_TIMEOUT_MILLIS + PresenceFreshness.CLOCK_SKEW_ALLOWANCE_MILLIS
                + 5_000);
        carol.connect();
        carol.deliver();
        carol.client.inbox.add(captured);
        carol.deliver();
        assertTrue(carol.view.peers.isEmpty(), "nobody else has been seen, yet Bob's message is old by Carol's clock");
    }

    @Test
    void strangersPresence_withOnlyTheNoteId_showsNoCaret() throws Exception {
        alice.connect();
        alice.deliver();
        Ed25519PrivateKey stranger = Ed25519PrivateKey.generate(room.random);
        byte[] header = SignedPresence.encodeHeader(room.keys.noteId(), stranger.publicKey());
        byte[] headerAndSealed = Bytes.concat(header, room.random.randomBytes(120));
        byte[] unsigned = Bytes.concat(headerAndSealed,
                stranger.sign(SignedPresence.authorSignatureInput(headerAndSealed)), stranger.publicKey().toBytes());
        byte[] forged = Bytes.concat(unsigned, stranger.sign(SignedPresence.writeSignatureInput(unsigned)));

        alice.client.inbox.add(FrameCodec.encode(new Frame.Presence(forged)));
        alice.deliver();

        assertTrue(alice.view.peers.isEmpty());
    }

    @Test
    void presenceOfAnotherNote_orUnsignedAsBefore_showsNoCaret() {
        alice.connect();
        alice.deliver();
        SyncRoom elsewhere = new SyncRoom();
        Person mallory = elsewhere.join("Mallory");
        Person witness = elsewhere.join("Witness");
        elsewhere.deliverAll();
        mallory.select(0, 0);
        byte[] othersPresence = lastPresenceFor(witness);
        // Version 1 was the bare XChaCha20-Poly1305 output: a random nonce first, no signature.
        byte[] unsignedAsBefore = new XChaCha20Poly1305(SymmetricKey.generate(room.random), room.random)
                .encrypt(new byte[] {1}, Label.PRESENCE_AD.prefix(room.keys.noteId().toBytes()));

        alice.client.inbox.add(othersPresence);
        alice.client.inbox.add(FrameCodec.encode(new Frame.Presence(unsignedAsBefore)));
        alice.deliver();

        assertTrue(alice.view.peers.isEmpty());
    }

    private static List<String> names(Person person) {
        return person.view.peers.stream().map(peer -> peer.person().text()).toList();
    }

    /** The newest presence frame waiting for {@code person}, left in their queue. */
    private static byte[] lastPresenceFor(Person person) {
        byte[] last = null;
        for (byte[] frame : person.client.inbox) {
            try {
                if (FrameCodec.decode(frame) instanceof Frame.Presence) {
                    last = frame;
                }
            } catch (InvalidMessageException e) {
                throw new AssertionError(e);
            }
        }
        if (last == null) {
            throw new AssertionError("no presence waits for " + person.name);
        }
        return last;
    }
}
