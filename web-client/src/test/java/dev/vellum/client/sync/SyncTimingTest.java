package dev.vellum.client.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.client.crdt.ReplicaId;
import dev.vellum.client.crdt.TextDocument;
import dev.vellum.client.crdt.TextOp;
import dev.vellum.client.crdt.TextOpCodec;
import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.error.AuthenticationFailedException;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidSignatureException;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.item.NoteItemKind;
import dev.vellum.protocol.item.UpdateHash;
import dev.vellum.protocol.seal.NoteItemCipher;
import dev.vellum.protocol.seal.NoteKeys;
import dev.vellum.protocol.wire.Frame;
import dev.vellum.protocol.wire.FrameCodec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sync engine's timing rules, one person against a scripted server on a fake clock: what goes out, and when. The
 * test answers every frame itself, so nothing is sent without the engine deciding to.
 */
class SyncTimingTest {
    private static final long START = 1_000_000;

    private final JvmSecureRandomSource random = new JvmSecureRandomSource();
    private final NoteKeys keys = NoteKeys.generate(random);
    private final NoteItemCipher reader = new NoteItemCipher(keys, IdentityKeyPair.generate(random), random);
    private final FakeClock clock = new FakeClock(START);
    private final FakeNoteView view = new FakeNoteView();
    private final List<Sent> sent = new ArrayList<>();
    private final List<Long> copiesKeptAt = new ArrayList<>();
    private final NoteSync sync = new NoteSync(
            Writer.anonymous(new NoteItemCipher(keys, IdentityKeyPair.generate(random), random), "Alice", 1), view,
            ReplicaId.of(random.randomBytes(16)), clock,
            LocalCopyStore.of(SyncRoom.KEPT_COPIES, sealed -> copiesKeptAt.add(clock.nowMillis())));
    private long revisions;
    private int answered;

    private record Sent(long at, Frame frame) {
    }

    /** Connects, and the (empty) history arrives: the editor is writable. */
    private void connect() {
        sync.onConnected(bytes -> sent.add(new Sent(clock.nowMillis(), decode(bytes))));
        deliver(new Frame.CaughtUp(0));
    }

    private void deliver(Frame frame) {
        sync.onFrame(FrameCodec.encode(frame));
    }

    private void type(String text) {
        view.type(view.text.length(), text);
        sync.onLocalEdit(view.text, view.caret, view.caret);
    }

    /** The server stores every item sent so far and acknowledges it. */
    private void ackAll() {
        List<Sent> publishes = sent(Frame.Publish.class);
        while (answered < publishes.size()) {
            answered++;
            deliver(new Frame.Accepted(++revisions));
        }
    }

    private List<Sent> sent(Class<? extends Frame> kind) {
        return sent.stream().filter(entry -> kind.isInstance(entry.frame())).toList();
    }

    /** The text an update carries, as a reader opens it. */
    private String textOf(Sent publish) {
        try {
            List<TextOp> ops = TextOpCodec.decode(reader.open(((Frame.Publish) publish.frame()).item()));
            StringBuilder text = new StringBuilder();
            ops.forEach(op -> text.append(op instanceof TextOp.Insert insert ? insert.text() : ""));
            return text.toString();
        } catch (InvalidMessageException | AuthenticationFailedException | InvalidSignatureException e) {
            throw new AssertionError(e);
        }
    }

    private static Frame decode(byte[] bytes) {
        try {
            return FrameCodec.decode(bytes);
        } catch (InvalidMessageException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void send_firstKeyAfterAPause_isSentAtOnce() {
        connect();
        clock.advance(5_000);

        type("a");

        assertEquals(1, sent(Frame.Publish.class).size());
        assertEquals(START + 5_000, sent(Frame.Publish.class).get(0).at());
    }

    @Test
    void send_whileTyping_sendsAre25msApart_andWhatIsTypedInBetweenGoesInOneBatch() {
        connect();
        type("a");
        clock.advance(1);
        ackAll();
        clock.advance(4);
        type("b"); // 5 ms after the last send: waits
        clock.advance(7);
        type("c");
        clock.advance(8);
        type("d");
        assertEquals(1, sent(Frame.Publish.class).size(), "nothing more before 25 ms");

        clock.advance(5);

        List<Sent> publishes = sent(Frame.Publish.class);
        assertEquals(2, publishes.size());
        assertEquals(25, publishes.get(1).at() - publishes.get(0).at());
        assertEquals("bcd", textOf(publishes.get(1)));
    }

    @Test
    void send_whatIsTypedWhileAnUpdateIsOnItsWay_goesInOneBatchWhenItIsStored() {
        connect();
        type("a");
        clock.advance(30);
        type("b");
        clock.advance(30);
        type("c");
        assertEquals(1, sent(Frame.Publish.class).size(), "one item on its way at a time");

        ackAll();

        assertEquals(2, sent(Frame.Publish.class).size());
        assertEquals("bc", textOf(sent(Frame.Publish.class).get(1)));
    }

    @Test
    void send_aHeldKey_isPacedAt25ms_andEveryCharacterArrives() {
        connect();
        StringBuilder typed = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            type(String.valueOf((char) ('a' + i % 26)));
            typed.append((char) ('a' + i % 26));
            clock.advance(3);
            ackAll(); // a fast server
            clock.advance(4);
        }
        clock.advance(100);
        ackAll();

        List<Sent> publishes = sent(Frame.Publish.class);
        StringBuilder arrived = new StringBuilder();
        for (int i = 0; i < publishes.size(); i++) {
            arrived.append(textOf(publishes.get(i)));
            if (i > 0) {
                assertTrue(publishes.get(i).at() - publishes.get(i - 1).at() >= 25, "send " + i);
            }
        }
        assertEquals(typed.toString(), arrived.toString());
        assertTrue(publishes.size() <= 300 * 7 / 25 + 2, publishes.size() + " sends");
    }

    @Test
    void presence_caretMoves_areToldAtMostEvery250ms_theFirstAtOnce() {
        connect();
        type("hello");
        ackAll();

        sync.onSelectionChange(1, 1);
        assertEquals(1, sent(Frame.Presence.class).size(), "the first move after a pause goes at once");
        for (int i = 2; i <= 5; i++) {
            clock.advance(50);
            sync.onSelectionChange(i, i);
        }
        assertEquals(1, sent(Frame.Presence.class).size());
        clock.advance(50);

        List<Sent> presence = sent(Frame.Presence.class);
        assertEquals(2, presence.size(), "the moves in between fold into one");
        assertEquals(250, presence.get(1).at() - presence.get(0).at());
    }

    @Test
    void presence_withoutMoves_aHeartbeatGoesEvery10s() {
        connect();
        type("hello");
        ackAll();

        clock.advance(SyncTunables.PRESENCE_HEARTBEAT_MILLIS);
        assertEquals(1, sent(Frame.Presence.class).size());
        clock.advance(SyncTunables.PRESENCE_HEARTBEAT_MILLIS);
        assertEquals(2, sent(Frame.Presence.class).size());
        assertEquals(SyncTunables.PRESENCE_HEARTBEAT_MILLIS,
                sent(Frame.Presence.class).get(1).at() - sent(Frame.Presence.class).get(0).at());
    }

    @Test
    void presence_movesAndHeartbeatsTogether_stayAtLeast250msApart() {
        connect();
        type("hello world");
        ackAll();
        for (int i = 0; i < 3_000; i++) {
            sync.onSelectionChange(i % 11, i % 11);
            clock.advance(10);
        }

        List<Sent> presence = sent(Frame.Presence.class);
        for (int i = 1; i < presence.size(); i++) {
            assertTrue(presence.get(i).at() - presence.get(i - 1).at() >= 250, "presence " + i);
        }
        assertTrue(presence.size() >= 100, presence.size() + " presence frames in 30 s");
    }

    @Test
    void localCopy_isKept300msAfterOwnEdits_onceForEditsInBetween() {
        connect();
        type("a");
        clock.advance(299);
        assertTrue(copiesKeptAt.isEmpty());
        clock.advance(1);
        assertEquals(List.of(START + 300), copiesKeptAt);

        clock.advance(100);
        type("b");
        clock.advance(100);
        type("c");
        clock.advance(300);

        assertEquals(List.of(START + 300, START + 700), copiesKeptAt);
    }

    @Test
    void localCopy_isKeptAfterAnAckThatChangesWhatIsPending_butNotAfterOthersEdits() {
        connect();
        type("a");
        clock.advance(1_000);
        assertEquals(1, copiesKeptAt.size());

        ackAll(); // "a" is stored: the kept copy's pending list is stale
        clock.advance(300);
        assertEquals(2, copiesKeptAt.size());

        NoteItemCipher bob = new NoteItemCipher(keys, IdentityKeyPair.generate(random), random);
        TextDocument bobsDoc = new TextDocument(ReplicaId.of(random.randomBytes(16)));
        NoteItem bobsEdit = bob.seal(NoteItemKind.UPDATE, 0, 1, UpdateHash.NONE,
                TextOpCodec.encode(List.of(bobsDoc.insert(0, "bob"))));
        deliver(new Frame.Revision(++revisions, bobsEdit));
        clock.advance(1_000);

        assertEquals("bob", view.text.replace("a", ""), "Bob's edit arrived");
        assertEquals(2, copiesKeptAt.size(), "no copy for others' edits");
    }

    @Test
    void idleSnapshot_isMade10sAfterTheLastEdit() {
        connect();
        type("draft");
        ackAll();
        clock.advance(5_000);
        type(" two");
        ackAll();

        clock.advance(SyncTunables.IDLE_SNAPSHOT_MILLIS - 1);
        assertFalse(snapshotSent(), "not 10 s after the first edit, nor before 10 s after the last");
        clock.advance(1);

        assertTrue(snapshotSent());
        assertEquals(START + 5_000 + SyncTunables.IDLE_SNAPSHOT_MILLIS, sent(Frame.Publish.class).get(2).at());
    }

    private boolean snapshotSent() {
        return sent(Frame.Publish.class).stream()
                .anyMatch(entry -> ((Frame.Publish) entry.frame()).item().kind() == NoteItemKind.SNAPSHOT);
    }

    @Test
    void serverLimits_atTenFramesASecond_aFastTypistMovingTheCaret_neverRunsTheServersBucketDry() {
        sync.onServerLimits(1 << 20, 10);
        connect();
        typeAndMoveFor(20_000);

        assertTrue(staysUnder(10), "frames at 10 a second: " + sent.size() + " in 20 s");
        assertTrue(sent.size() / 20.0 < 10 * 0.95, sent.size() + " frames in 20 s");
        assertTrue(sent(Frame.Publish.class).size() > 20, "and the typing still goes out as it happens");
    }

    @Test
    void serverLimits_unknown_theDefaultPacingWouldExceedTenFramesASecond() {
        connect();
        typeAndMoveFor(20_000);

        assertFalse(staysUnder(10), "the test above is not passing by accident: " + sent.size() + " frames");
    }

    @Test
    void serverLimits_aSmallFrameLimit_cutsAPasteIntoUpdatesThatFit() {
        int maxFrameBytes = 64 * 1024;
        sync.onServerLimits(maxFrameBytes, 50);
        connect();
        String paste = "\u20ac\u00e9x".repeat(10_000);

        type(paste);
        for (int i = 0; i < 20; i++) {
            clock.advance(100);
            ackAll();
        }

        List<Sent> publishes = sent(Frame.Publish.class);
        assertTrue(publishes.size() > 1, publishes.size() + " updates");
        StringBuilder arrived = new StringBuilder();
        for (Sent publish : publishes) {
            assertTrue(FrameCodec.encode(publish.frame()).length <= maxFrameBytes);
            arrived.append(textOf(publish));
        }
        assertEquals(paste, arrived.toString());
    }

    /** A key every 60 ms (a fast typist), each moving the caret, with a server that answers within 5 ms. */
    private void typeAndMoveFor(long millis) {
        for (long t = 0; t < millis; t += 60) {
            type("k");
            sync.onSelectionChange(view.caret, view.caret);
            clock.advance(5);
            ackAll();
            clock.advance(55);
        }
        sync.requestHistory(); // and someone opens the history once
        clock.advance(1_000);
    }

    /** Whether the frames sent pass the server's limiter: a token bucket at this rate that holds two seconds' worth. */
    private boolean staysUnder(int framesPerSecond) {
        double tokens = 2.0 * framesPerSecond;
        long last = START;
        for (Sent frame : sent) {
            tokens = Math.min(2.0 * framesPerSecond, tokens + (frame.at() - last) * framesPerSecond / 1000.0);
            last = frame.at();
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
        }
        return true;
    }
}
