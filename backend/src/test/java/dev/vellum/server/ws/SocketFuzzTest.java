package dev.vellum.server.ws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.seal.NoteKeys;
import dev.vellum.protocol.wire.ErrorCode;
import dev.vellum.protocol.wire.Frame;
import dev.vellum.protocol.wire.FrameCodec;
import dev.vellum.server.testing.RunningServer;
import dev.vellum.server.testing.TestConfigs;
import dev.vellum.server.testing.TestSocket;
import dev.vellum.testing.FrameMutator;
import dev.vellum.testing.TestAuthor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 100,000 mutated frames, from valid frames of every type a client sends (publish with real signed items, presence,
 * history requests, and server frames a client must not send), with a fixed seed, sent to a running server over four
 * connections: the server stays up, answers every frame it cannot parse with the parse error (and closes nothing),
 * keeps every stored item intact, still takes a new valid item, and writes next to nothing to its log.
 */
class SocketFuzzTest {
    private static final long SEED = 0xF022_5EEDL;
    private static final int CONNECTIONS = 4;
    private static final int FRAMES_PER_CONNECTION = 25_000;
    private static final Set<ErrorCode> PARSE_ERRORS = Set.of(ErrorCode.MALFORMED_FRAME,
            ErrorCode.UNKNOWN_FRAME_TYPE, ErrorCode.UNSUPPORTED_VERSION);
    /** Whatever the server logs at its default level during the run: a flood would be megabytes. */
    private static final int MAX_LOG_BYTES = 16 * 1024;

    private final JvmSecureRandomSource random = new JvmSecureRandomSource();
    private final NoteKeys keys = NoteKeys.generate(random);
    private final TestAuthor alice = new TestAuthor(keys, random);

    @TempDir
    Path dataDir;

    @Test
    void hundredThousandMutatedFrames_eachUnparsableOneGetsAnError_andNothingStoredIsHarmed() throws Exception {
        DefaultLevelLog log = DefaultLevelLog.attach();
        // No retention: the snapshot stored below is the base at once, as nobody here confirms it.
        try (log; RunningServer server = RunningServer.start(TestConfigs.withFlags(dataDir,
                "--max-frame-bytes", Integer.toString(1024 * 1024), "--frames-per-second", "1000000",
                "--unconfirmed-snapshot-retention-hours", "0"))) {
            List<NoteItem> stored = storeSomeItems(server);
            byte[][] seeds = clientFrames(stored);

            List<TestSocket> sockets = new ArrayList<>();
            ExecutorService senders = Executors.newFixedThreadPool(CONNECTIONS);
            try {
                List<Future<Integer>> unparsable = new ArrayList<>();
                for (int c = 0; c < CONNECTIONS; c++) {
                    TestSocket socket = TestSocket.connect(server.vertx(), server.port(), keys.noteId().toString());
                    sockets.add(socket);
                    long seed = SEED + c;
                    unparsable.add(senders.submit(() -> sendMutations(socket, seeds, seed)));
                }
                for (int c = 0; c < CONNECTIONS; c++) {
                    int expected = unparsable.get(c).get();
                    assertTrue(expected > FRAMES_PER_CONNECTION / 4, "too few unparsable frames: " + expected);
                    assertEquals(expected, parseErrorsReceived(sockets.get(c), expected),
                            "connection " + c + ": one parse error per unparsable frame");
                    assertFalse(sockets.get(c).isClosed(), "connection " + c + " was closed");
                }
            } finally {
                senders.shutdownNow();
                sockets.forEach(TestSocket::close);
            }

            assertStoredItemsIntact(server, stored);
            assertNewItemAccepted(server, stored.size() + 1);
        }
        assertTrue(log.bytes() < MAX_LOG_BYTES, "the server logged " + log.bytes() + " bytes:\n"
                + log.text().substring(0, Math.min(2000, log.text().length())));
    }

    /** Three updates and a snapshot covering the first: revision 1 is then gone, 2 to 4 stay. */
    private List<NoteItem> storeSomeItems(RunningServer server) throws InterruptedException {
        List<NoteItem> stored = new ArrayList<>();
        try (TestSocket writer = TestSocket.connect(server.vertx(), server.port(), keys.noteId().toString())) {
            writer.next(Frame.CaughtUp.class);
            for (int i = 0; i < 4; i++) {
                NoteItem item = i < 3 ? alice.nextUpdate("line " + i) : alice.nextSnapshot(1, new byte[64]);
                writer.send(new Frame.Publish(item));
                assertEquals(i + 1, writer.next(Frame.Accepted.class).revision());
                stored.add(alice.stored(item));
            }
        }
        return stored;
    }

    /**
     * Valid frames of every kind a client may send, and some it may not. The items are ones already stored (so even
     * an unchanged one is a replay) or another note's: no mutation can make a new item the server would store.
     */
    private byte[][] clientFrames(List<NoteItem> stored) {
        NoteItem elsewhere = new TestAuthor(NoteKeys.generate(random), random).nextUpdate("elsewhere");
        byte[] presence = new byte[120];
        random.nextBytes(presence);
        List<Frame> frames = new ArrayList<>();
        stored.forEach(item -> frames.add(new Frame.Publish(item)));
        frames.add(new Frame.Publish(elsewhere));
        frames.add(new Frame.Presence(presence));
        frames.add(new Frame.ConfirmSnapshot(alice.confirm(4, stored.get(3)))); // its own author's: refused
        frames.add(new Frame.HistoryRequest(10, 20));
        frames.add(new Frame.HistoryRequest(5, 1));
        frames.add(new Frame.Accepted(3));
        frames.add(new Frame.CaughtUp(3));
        return frames.stream().map(FrameCodec::encode).toArray(byte[][]::new);
    }

    /** Sends this connection's mutated frames; returns how many of them do not parse. */
    private static int sendMutations(TestSocket socket, byte[][] seeds, long seed) {
        FrameMutator mutator = new FrameMutator(seed);
        int unparsable = 0;
        for (int i = 0; i < FRAMES_PER_CONNECTION; i++) {
            byte[] frame = mutator.mutateOneOf(seeds);
            try {
                FrameCodec.decode(frame);
            } catch (InvalidMessageException e) {
                unparsable++;
            }
            socket.sendBinary(frame);
        }
        return unparsable;
    }

    /**
     * Reads until {@code expected} parse errors have come, then a moment longer for any extra; returns the count. Gives
     * up only after 20 s without any frame: on a busy machine the server may take minutes to answer 100,000 frames.
     */
    private static int parseErrorsReceived(TestSocket socket, int expected) throws InterruptedException {
        int received = 0;
        long lastFrame = System.nanoTime();
        while (System.nanoTime() - lastFrame < 20_000_000_000L) {
            Frame frame = socket.poll(received >= expected ? 300 : 1000);
            if (frame == null) {
                if (received >= expected) {
                    break;
                }
                continue;
            }
            lastFrame = System.nanoTime();
            if (frame instanceof Frame.Error error && PARSE_ERRORS.contains(error.code())) {
                received++;
            }
        }
        return received;
    }

    private void assertStoredItemsIntact(RunningServer server, List<NoteItem> stored) throws InterruptedException {
        try (TestSocket reader = TestSocket.connect(server.vertx(), server.port(), keys.noteId().toString())) {
            Frame.Snapshot base = reader.next(Frame.Snapshot.class);
            assertEquals(4, base.revision());
            assertArrayEquals(stored.get(3).encode(), base.item().encode());
            Frame.History history = reader.next(Frame.History.class);
            assertEquals(2, history.revisions().size());
            for (Frame.Revision revision : history.revisions()) {
                assertArrayEquals(stored.get((int) revision.revision() - 1).encode(), revision.item().encode(),
                        "revision " + revision.revision());
            }
            assertEquals(4, reader.next(Frame.CaughtUp.class).latestRevision());
        }
    }

    private void assertNewItemAccepted(RunningServer server, long revision) throws InterruptedException {
        try (TestSocket writer = TestSocket.connect(server.vertx(), server.port(), keys.noteId().toString())) {
            Frame frame;
            while (!((frame = writer.next()) instanceof Frame.CaughtUp)) {
                assertTrue(frame instanceof Frame.Snapshot || frame instanceof Frame.History, frame.toString());
            }
            writer.send(new Frame.Publish(alice.nextUpdate("after the fuzz")));
            assertEquals(revision, writer.next(Frame.Accepted.class).revision());
        }
    }

    /** What the server writes at the default level (INFO and above), leaving the level as it is. */
    private static final class DefaultLevelLog extends Handler implements AutoCloseable {
        private final StringBuffer text = new StringBuffer();
        private final SimpleFormatter formatter = new SimpleFormatter();

        static DefaultLevelLog attach() {
            DefaultLevelLog log = new DefaultLevelLog();
            log.setLevel(Level.INFO);
            Logger.getLogger("").addHandler(log);
            return log;
        }

        int bytes() {
            return text.length();
        }

        String text() {
            return text.toString();
        }

        @Override
        public void publish(LogRecord record) {
            if (isLoggable(record)) {
                text.append(formatter.format(record));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            Logger.getLogger("").removeHandler(this);
        }
    }
}
