package dev.vellum.server.ws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.protocol.EncryptedRevision;
import dev.vellum.protocol.NoteId;
import dev.vellum.protocol.NoteKeys;
import dev.vellum.protocol.NoteRevisionCipher;
import dev.vellum.protocol.RevisionHeader;
import dev.vellum.protocol.WorkspaceId;
import dev.vellum.protocol.wire.ErrorCode;
import dev.vellum.protocol.wire.Frame;
import dev.vellum.protocol.wire.FrameCodec;
import dev.vellum.server.ServerConfig;
import dev.vellum.server.testing.RunningServer;
import dev.vellum.server.testing.TestSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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

    private final JvmSecureRandomSource random = new JvmSecureRandomSource();
    private final NoteKeys keys = NoteKeys.generate(random);
    private final NoteId noteId = keys.noteId();
    private final NoteRevisionCipher cipher = new NoteRevisionCipher(keys, random);

    @TempDir
    Path dataDir;
    private RunningServer server;
    private byte[] firstRevision;

    @BeforeEach
    void startServerWithOneStoredRevision() throws Exception {
        server = RunningServer.start(ServerConfig.forTests(dataDir).withLimits(MAX_FRAME_BYTES, FRAMES_PER_SECOND));
        try (TestSocket socket = connect()) {
            socket.next(Frame.CaughtUp.class);
            EncryptedRevision revision = seal(1, "stored before the attack");
            socket.send(new Frame.Publish(revision));
            assertEquals(1, socket.next(Frame.Accepted.class).revision());
            firstRevision = revision.encode();
        }
    }

    @AfterEach
    void serverStillWorksAndLostNothing() throws Exception {
        long next = server.storedEnvelopes().size() + 1;
        try (TestSocket socket = connect()) {
            for (long revision = 1; revision < next; revision++) {
                socket.next(Frame.Revision.class);
            }
            assertEquals(next - 1, socket.next(Frame.CaughtUp.class).latestRevision());
            socket.send(new Frame.Publish(seal(next, "stored after the attack")));
            assertEquals(next, socket.next(Frame.Accepted.class).revision());
        }
        assertEquals(next, server.storedEnvelopes().size());
        assertArrayEquals(firstRevision, server.storedEnvelopes().get(0));
        server.close();
    }

    @Test
    void malformedFrame_getsErrorFrame_andConnectionStaysOpen() throws Exception {
        try (TestSocket socket = joined()) {
            socket.sendBinary(new byte[] {1, 1, 0x42}); // a publish of a version-1 revision three bytes long

            assertEquals(ErrorCode.MALFORMED_FRAME, socket.next(Frame.Error.class).code());
            socket.send(new Frame.Publish(seal(2, "still usable")));
            assertEquals(2, socket.next(Frame.Accepted.class).revision());
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
            socket.sendBinary(new byte[] {0x55, 1, 2, 3});

            assertEquals(ErrorCode.UNKNOWN_FRAME_TYPE, socket.next(Frame.Error.class).code());
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
        byte[] frame = FrameCodec.encode(new Frame.Publish(seal(2, "from the future")));
        frame[1] = 9; // the revision's version byte follows the frame type

        try (TestSocket socket = joined()) {
            socket.sendBinary(frame);

            assertEquals(ErrorCode.UNSUPPORTED_VERSION, socket.next(Frame.Error.class).code());
        }
    }

    @Test
    void revisionForAnotherNote_getsNoteMismatchError() throws Exception {
        NoteKeys other = NoteKeys.generate(random);
        EncryptedRevision elsewhere = new NoteRevisionCipher(other, random)
                .seal(RevisionHeader.linkShared(other.noteId(), 2), new byte[] {1});

        try (TestSocket socket = joined()) {
            socket.send(new Frame.Publish(elsewhere));

            assertEquals(ErrorCode.NOTE_MISMATCH, socket.next(Frame.Error.class).code());
        }
    }

    @Test
    void revisionInAWorkspace_isRefusedUntilWorkspacesExist() throws Exception {
        WorkspaceId workspace = WorkspaceId.fromBytes(random.randomBytes(16));
        RevisionHeader header = new RevisionHeader(workspace, noteId, 0, RevisionHeader.linkShared(noteId, 2)
                .authorKeyId(), 2);

        try (TestSocket socket = joined()) {
            socket.send(new Frame.Publish(cipher.seal(header, new byte[] {1})));

            assertEquals(ErrorCode.UNSUPPORTED_WORKSPACE, socket.next(Frame.Error.class).code());
        }
    }

    @Test
    void revisionForged_byWhoeverKnowsOnlyTheNoteId_getsInvalidSignatureError() throws Exception {
        NoteKeys vandal = NoteKeys.generate(random);
        byte[] frame = FrameCodec.encode(new Frame.Publish(new NoteRevisionCipher(vandal, random)
                .seal(RevisionHeader.linkShared(vandal.noteId(), 2), new byte[] {1})));
        System.arraycopy(noteId.toBytes(), 0, frame, 1 + 17, 16); // frame type, then the header's note id

        try (TestSocket socket = joined()) {
            socket.sendBinary(frame);

            assertEquals(ErrorCode.INVALID_SIGNATURE, socket.next(Frame.Error.class).code());
        }
    }

    @Test
    void revisionNumberAlreadyTaken_getsStaleRevisionError() throws Exception {
        try (TestSocket socket = joined()) {
            socket.send(new Frame.Publish(seal(1, "overwrite revision 1")));

            assertEquals(ErrorCode.STALE_REVISION, socket.next(Frame.Error.class).code());
        }
    }

    @Test
    void oversizedFrame_getsErrorAndClose1009() throws Exception {
        try (TestSocket socket = joined()) {
            socket.sendBinary(FrameCodec.encode(new Frame.Publish(seal(2, "x".repeat(MAX_FRAME_BYTES)))));

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
                socket.sendBinary(new byte[] {0x55});
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
            first.send(new Frame.Presence(new byte[] {1, 2, 3}));
            assertArrayEquals(new byte[] {1, 2, 3}, second.next(Frame.Presence.class).sealed());

            byte[] oversized = new byte[Frame.Presence.MAX_LENGTH + 2];
            oversized[0] = 5; // the presence frame type, then one byte more than allowed
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
    }

    private TestSocket connect() {
        return TestSocket.connect(server.vertx(), server.port(), noteId.toString());
    }

    /** A connection that has received its join frames (the stored revision 1, then caught-up). */
    private TestSocket joined() throws InterruptedException {
        TestSocket socket = connect();
        socket.next(Frame.Revision.class);
        socket.next(Frame.CaughtUp.class);
        return socket;
    }

    private EncryptedRevision seal(long revision, String text) {
        return cipher.seal(RevisionHeader.linkShared(noteId, revision), text.getBytes(StandardCharsets.UTF_8));
    }
}
