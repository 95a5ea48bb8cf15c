package dev.vellum.server.ws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.crypto.sign.Ed25519PrivateKey;
import dev.vellum.encoding.Bytes;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.item.SignedPresence;
import dev.vellum.protocol.seal.NoteKeys;
import dev.vellum.protocol.wire.ErrorCode;
import dev.vellum.protocol.wire.Frame;
import dev.vellum.server.testing.RunningServer;
import dev.vellum.server.testing.TestConfigs;
import dev.vellum.server.testing.TestSocket;
import dev.vellum.testing.TestAuthor;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Presence over raw sockets: the server relays only presence signed by the note's write key and its author, refuses
 * the rest with an error (the connection stays open), and lets no connection push more than its presence budget to
 * the others.
 */
class PresenceRelayTest {
    /** High, so that the general frame limit does not close the flooding connection before the presence budget acts. */
    private static final int FRAMES_PER_SECOND = 1_000;

    private final JvmSecureRandomSource random = new JvmSecureRandomSource();
    private final NoteKeys keys = NoteKeys.generate(random);
    private final NoteId noteId = keys.noteId();
    private final TestAuthor author = new TestAuthor(keys, random);

    @TempDir
    Path dataDir;
    private RunningServer server;

    @BeforeEach
    void start() throws Exception {
        server = RunningServer.start(TestConfigs.withLimits(dataDir, 64 * 1024, FRAMES_PER_SECOND));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void strangersPresence_withoutTheWriteKey_isRefusedAndNotRelayed() throws Exception {
        try (TestSocket stranger = joined(); TestSocket reader = joined()) {
            Ed25519PrivateKey own = Ed25519PrivateKey.generate(random);
            stranger.send(new Frame.Presence(signedBy(own, own)));
            assertEquals(ErrorCode.INVALID_PRESENCE, stranger.next(Frame.Error.class).code());

            stranger.send(new Frame.Presence(new byte[] {1, 2, 3})); // the unsigned kind, as before version 2
            assertEquals(ErrorCode.INVALID_PRESENCE, stranger.next(Frame.Error.class).code());

            byte[] tampered = author.presence("caret", 1);
            tampered[60] ^= 1;
            stranger.send(new Frame.Presence(tampered));
            assertEquals(ErrorCode.INVALID_PRESENCE, stranger.next(Frame.Error.class).code());

            assertFalse(stranger.isClosed(), "refused presence leaves the connection open");
            byte[] genuine = author.presence("caret", 2);
            stranger.send(new Frame.Presence(genuine));
            assertArrayEquals(genuine, reader.next(Frame.Presence.class).sealed(),
                    "the first presence the reader gets is the genuine one: nothing before it was relayed");
        }
    }

    @Test
    void anotherNotesPresence_isRefusedAsAnotherNotes() throws Exception {
        TestAuthor elsewhere = new TestAuthor(NoteKeys.generate(random), random);
        try (TestSocket sender = joined()) {
            sender.send(new Frame.Presence(elsewhere.presence("caret", 1)));

            assertEquals(ErrorCode.NOTE_MISMATCH, sender.next(Frame.Error.class).code());
        }
    }

    @Test
    void presenceFlood_fromOneConnection_reachesOthersOnlyWithinItsBudget() throws Exception {
        try (TestSocket flooder = joined(); TestSocket reader = joined()) {
            long start = System.nanoTime();
            int sent = 200;
            for (int i = 0; i < sent; i++) {
                flooder.send(new Frame.Presence(author.presence("caret " + i, i)));
            }
            // An item after the flood: once the reader has it, every presence relayed before it has arrived too.
            flooder.send(new Frame.Publish(author.nextUpdate("after the flood")));
            flooder.next(Frame.Accepted.class);
            double seconds = (System.nanoTime() - start) / 1e9;

            int relayed = 0;
            Frame frame;
            while (!((frame = reader.next()) instanceof Frame.Revision)) {
                assertTrue(frame instanceof Frame.Presence, "unexpected " + frame);
                relayed++;
            }
            double budget = 2.0 * NoteSession.PRESENCE_PER_SECOND + NoteSession.PRESENCE_PER_SECOND * seconds;
            assertTrue(relayed >= 1, "genuine presence is relayed");
            assertTrue(relayed <= budget, relayed + " of " + sent + " relayed in " + seconds + " s, budget " + budget);
            assertFalse(flooder.isClosed(), "presence over the budget is dropped silently, not punished");
        }
    }

    /** Presence for this note whose header and sealed part are signed by {@code author} and {@code writeKey}. */
    private byte[] signedBy(Ed25519PrivateKey author, Ed25519PrivateKey writeKey) {
        byte[] headerAndSealed = Bytes.concat(SignedPresence.encodeHeader(noteId, author.publicKey()),
                random.randomBytes(100));
        byte[] unsigned = Bytes.concat(headerAndSealed,
                author.sign(SignedPresence.authorSignatureInput(headerAndSealed)), writeKey.publicKey().toBytes());
        return Bytes.concat(unsigned, writeKey.sign(SignedPresence.writeSignatureInput(unsigned)));
    }

    private TestSocket joined() throws InterruptedException {
        TestSocket socket = TestSocket.connect(server.vertx(), server.port(), noteId.toString());
        Frame frame;
        do {
            frame = socket.next();
        } while (!(frame instanceof Frame.CaughtUp));
        return socket;
    }
}
