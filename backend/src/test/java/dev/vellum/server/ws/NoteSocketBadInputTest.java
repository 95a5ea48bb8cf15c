package dev.vellum.server.ws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.seal.NoteKeys;
import dev.vellum.protocol.wire.ErrorCode;
import dev.vellum.protocol.wire.Frame;
import dev.vellum.protocol.wire.FrameCodec;
import dev.vellum.server.testing.RunningServer;
import dev.vellum.server.testing.TestConfigs;
import dev.vellum.server.testing.TestSocket;
import dev.vellum.testing.TestAuthor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad input gets a clear error, stores nothing, and leaves the server serving: after each case a
 * well-formed revision is still accepted and the earlier stored revision is intact.
 */
class NoteSocketBadInputTest {
    private static final int MAX_FRAME_BYTES = 4096;
    private static final int FRAMES_PER_SECOND = 5;
    /** Where a note item's update envelope begins (see docs/protocol.md, "Note item, version 2"). */
    private static final int ENVELOPE_OFFSET = 74;

    private final JvmSecureRandomSource random = new JvmSecureRandomSource();
    private final NoteKeys keys = NoteKeys.generate(random);
    private final NoteId noteId = keys.noteId();
    private final TestAuthor author = new TestAuthor(keys, random);

    @TempDir
    Path dataDir;
    private RunningServer server;
    private byte[] firstRevision;

    @BeforeEach
    void startServerWithOneStoredRevision() throws Exception {
        server = RunningServer.start(TestConfigs.withLimits(dataDir, MAX_FRAME_BYTES, FRAMES_PER_SECOND));
        try (TestSocket socket = connect()) {
            socket.next(Frame.CaughtUp.class);
            NoteItem item = author.nextUpdate("stored before the attack");
            socket.send(new Frame.Publish(item));
            assertEquals(1, socket.next(Frame.Accepted.class).revision());
            firstRevision = author.stored(item).encode();
        }
    }

    @AfterEach
    void serverStillWorksAndLostNothing() throws Exception {
        long next;
        try (TestSocket socket = connect()) {
            Frame frame;
            do {
                frame = socket.next();
            } while (!(frame instanceof Frame.CaughtUp));
            next = ((Frame.CaughtUp) frame).latestRevision() + 1;
            socket.send(new Frame.Publish(author.nextUpdate("stored after the attack")));
            assertEquals(next, socket.next(Frame.Accepted.class).revision());
        }
        assertArrayEquals(firstRevision, server.storedEnvelopes().get(0));
        server.close();
    }

    @Test
    void malformedFrame_getsErrorFrame_andConnectionStaysOpen() throws Exception {
        try (TestSocket socket = joined()) {
            socket.sendBinary(new byte[] {1, 1, 2, 0x42}); // a publish of a version-2 item three bytes long

            assertEquals(ErrorCode.MALFORMED_FRAME, socket.next(Frame.Error.class).code());
            NoteItem usable = author.nextUpdate("still usable");
            socket.send(new Frame.Publish(usable));
            assertEquals(2, socket.next(Frame.Accepted.class).revision());
            author.stored(usable);
        }
    }

    @Test
    void emptyFrame_getsMalformedFrameError() throws Exception {
        try (TestSocket socket = joined()) {
            socket.sendBinary(new byte[0]);

            assertEquals(ErrorCode.MALFORMED_FRAME, socket.next(Frame.Error.class).code());
            socket.send(new Frame.Accepted(1)); // still answered: the connection stayed open
            assertEquals(ErrorCode.UNEXPECTED_FRAME, socket.next(Frame.Error.class).code());
        }
    }

    @Test
    void unknownFrameType_getsUnknownFrameTypeError() throws Exception {
        try (TestSocket socket = joined()) {
            socket.sendBinary(new byte[] {1, 0x55, 1, 2, 3});

            assertEquals(ErrorCode.UNKNOWN_FRAME_TYPE, socket.next(Frame.Error.class).code());
        }
    }

    @Test
    void serverHello_isTheFirstFrame_andNamesTheServersLimits() throws Exception {
        try (TestSocket socket = joined()) {
            assertEquals(new Frame.ServerHello(MAX_FRAME_BYTES, FRAMES_PER_SECOND), socket.hello());
        }
    }

    @Test
    void unknownFrameVersion_getsUnsupportedVersionError_andConnectionStaysOpen() throws Exception {
        byte[] frame = FrameCodec.encode(new Frame.Publish(author.nextUpdate("a later frame layout")));
        frame[0] = 2; // the frame version, before anything else

        try (TestSocket socket = joined()) {
            socket.sendBinary(frame);

            assertEquals(ErrorCode.UNSUPPORTED_VERSION, socket.next(Frame.Error.class).code());
            socket.send(new Frame.Accepted(1)); // still answered: the connection stayed open
            assertEquals(ErrorCode.UNEXPECTED_FRAME, socket.next(Frame.Error.class).code());
        }
    }

    @Test
    void serverOnlyFrameFromClient_getsUnexpectedFrameError() throws Exception {
        try (TestSocket socket = joined()) {
            socket.send(new Frame.Accepted(7));

            assertEquals(ErrorCode.UNEXPECTED_FRAME, socket.next(Frame.Error.class).code());
        }
    }

    @Test
    void unknownRevisionVersion_getsUnsupportedVersionError() throws Exception {
        byte[] frame = FrameCodec.encode(new Frame.Publish(author.nextUpdate("from the future")));
        frame[2] = 9; // the item's version byte follows the frame version and type

        try (TestSocket socket = joined()) {
            socket.sendBinary(frame);

            assertEquals(ErrorCode.UNSUPPORTED_VERSION, socket.next(Frame.Error.class).code());
        }
    }

    @Test
    void itemForAnotherNote_getsNoteMismatchError() throws Exception {
        NoteItem elsewhere = new TestAuthor(NoteKeys.generate(random), random).nextUpdate("elsewhere");

        try (TestSocket socket = joined()) {
            socket.send(new Frame.Publish(elsewhere));

            assertEquals(ErrorCode.NOTE_MISMATCH, socket.next(Frame.Error.class).code());
        }
    }

    @Test
    void itemInAWorkspace_isRefusedUntilWorkspacesExist() throws Exception {
        byte[] frame = FrameCodec.encode(new Frame.Publish(author.nextUpdate("in a workspace")));
        frame[2 + ENVELOPE_OFFSET + 1] = 1; // the envelope's workspace id: no longer all zero

        try (TestSocket socket = joined()) {
            socket.sendBinary(frame);

            assertEquals(ErrorCode.UNSUPPORTED_WORKSPACE, socket.next(Frame.Error.class).code());
        }
    }

    @Test
    void itemForged_byWhoeverKnowsOnlyTheNoteId_getsInvalidSignatureError() throws Exception {
        NoteKeys vandal = NoteKeys.generate(random);
        byte[] frame = FrameCodec.encode(new Frame.Publish(new TestAuthor(vandal, random).nextUpdate("vandalism")));
        // The envelope's document id, after the frame version and type, the item's 74 bytes and the envelope's 17.
        System.arraycopy(noteId.toBytes(), 0, frame, 2 + ENVELOPE_OFFSET + 17, 16);

        try (TestSocket socket = joined()) {
            socket.sendBinary(frame);

            assertEquals(ErrorCode.INVALID_SIGNATURE, socket.next(Frame.Error.class).code());
        }
    }

    @Test
    void itemWithABadAuthorSignature_getsInvalidSignatureError() throws Exception {
        byte[] frame = FrameCodec.encode(new Frame.Publish(author.nextUpdate("tampered")));
        frame[frame.length - 97] ^= 1; // the author's signature ends where the write key begins

        try (TestSocket socket = joined()) {
            socket.sendBinary(frame);

            assertEquals(ErrorCode.INVALID_SIGNATURE, socket.next(Frame.Error.class).code());
        }
    }

    @Test
    void replayedOrForkedItem_getsChainConflictError() throws Exception {
        try (TestSocket socket = joined()) {
            socket.sendBinary(FrameCodec.encode(new Frame.Publish(NoteItem.parse(firstRevision))));
            assertEquals(ErrorCode.CHAIN_CONFLICT, socket.next(Frame.Error.class).code());

            TestAuthor newcomer = new TestAuthor(keys, random);
            newcomer.stored(newcomer.nextUpdate("never sent"));
            socket.send(new Frame.Publish(newcomer.nextUpdate("claims to be its second")));
            assertEquals(ErrorCode.CHAIN_CONFLICT, socket.next(Frame.Error.class).code());
        }
    }

    @Test
    void snapshotOfRevisionsThatDoNotExist_getsInvalidSnapshotError() throws Exception {
        try (TestSocket socket = joined()) {
            socket.send(new Frame.Publish(author.nextSnapshot(50, new byte[] {1})));

            assertEquals(ErrorCode.INVALID_SNAPSHOT, socket.next(Frame.Error.class).code());
        }
    }

    @Test
    void snapshot_isListedAsAVersion_andOpensTheNoteForJoinersOnceAnotherReaderConfirmsIt() throws Exception {
        NoteItem snapshot = author.nextSnapshot(1, new byte[] {7});
        try (TestSocket socket = joined()) {
            socket.send(new Frame.Publish(snapshot));
            assertEquals(2, socket.next(Frame.Accepted.class).revision());
            author.stored(snapshot);

            socket.send(new Frame.HistoryRequest(100, 10));
            Frame.HistoryEntry entry = socket.next(Frame.HistoryEntry.class);
            assertEquals(2, entry.revision());
            assertArrayEquals(snapshot.encode(), entry.snapshot().encode());
            assertTrue(entry.storedAtMillis() > 1_600_000_000_000L);
            socket.next(Frame.HistoryEnd.class);

            socket.send(new Frame.ConfirmSnapshot(new TestAuthor(keys, random).confirm(2, snapshot)));
            // Confirmations are handled in order: once the author's own is refused, the other one is recorded.
            socket.send(new Frame.ConfirmSnapshot(author.confirm(2, snapshot)));
            assertEquals(ErrorCode.CONFIRMATION_REFUSED, socket.next(Frame.Error.class).code());
        }
        try (TestSocket socket = connect()) {
            assertArrayEquals(snapshot.encode(), socket.next(Frame.Snapshot.class).item().encode());
            assertEquals(2, socket.next(Frame.CaughtUp.class).latestRevision());
        }
        // The update it covered is gone; the after-check below needs revision 1 no more.
        firstRevision = snapshot.encode();
    }

    @Test
    void oversizedFrame_getsErrorAndClose1009() throws Exception {
        try (TestSocket socket = joined()) {
            socket.sendBinary(FrameCodec.encode(new Frame.Publish(author.nextUpdate("x".repeat(MAX_FRAME_BYTES)))));

            Frame.Error error = socket.next(Frame.Error.class);
            assertEquals(ErrorCode.FRAME_TOO_LARGE, error.code());
            assertTrue(socket.awaitClosed());
            assertEquals((short) 1009, socket.closeStatusCode());
            assertTrue(socket.closeReason().contains("limit of " + MAX_FRAME_BYTES), socket.closeReason());
        }
    }

    @Test
    void textFrame_getsErrorAndClose1003() throws Exception {
        try (TestSocket socket = joined()) {
            socket.sendText("{\"type\":\"publish\"}");

            assertEquals(ErrorCode.EXPECTED_BINARY, socket.next(Frame.Error.class).code());
            assertTrue(socket.awaitClosed());
            assertEquals((short) 1003, socket.closeStatusCode());
        }
    }

    @Test
    void flood_getsRateLimitedAndClose1008() throws Exception {
        try (TestSocket socket = joined()) {
            for (int i = 0; i < FRAMES_PER_SECOND * 10 && !socket.isClosed(); i++) {
                socket.sendBinary(new byte[] {1, 0x55});
            }

            Frame frame;
            do {
                frame = socket.next();
            } while (frame instanceof Frame.Error error && error.code() == ErrorCode.UNKNOWN_FRAME_TYPE);
            assertEquals(ErrorCode.RATE_LIMITED, ((Frame.Error) frame).code());
            assertTrue(socket.awaitClosed());
            assertEquals((short) 1008, socket.closeStatusCode());
        }
    }

    @Test
    void presence_isRelayedToOthers_neverStored_andOversizedPresenceIsRefused() throws Exception {
        try (TestSocket first = joined(); TestSocket second = joined()) {
            byte[] presence = author.presence("caret", 1_000);
            first.send(new Frame.Presence(presence));
            assertArrayEquals(presence, second.next(Frame.Presence.class).sealed());

            byte[] oversized = new byte[Frame.Presence.MAX_LENGTH + 3];
            oversized[0] = 1; // the frame version,
            oversized[1] = 5; // the presence frame type, then one byte more than allowed
            first.sendBinary(oversized);
            assertEquals(ErrorCode.MALFORMED_FRAME, first.next(Frame.Error.class).code());
        }
        assertEquals(1, server.storedEnvelopes().size());
    }

    @Test
    void malformedNoteIdInUrl_isRefusedBeforeUpgrade() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(server.url("/ws/notes/not-a-note-id"))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(400, response.statusCode());
        assertTrue(response.body().startsWith("malformed note id"), response.body());
        HttpResponse<String> badSince = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(server.url("/ws/notes/" + noteId + "?since=-3"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, badSince.statusCode());
    }

    private TestSocket connect() {
        return TestSocket.connect(server.vertx(), server.port(), noteId.toString());
    }

    /** A connection that has received its join frames (the stored item 1, then caught-up). */
    private TestSocket joined() throws InterruptedException {
        TestSocket socket = connect();
        socket.next(Frame.History.class);
        socket.next(Frame.CaughtUp.class);
        return socket;
    }
}
