package dev.vellum.server.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.seal.NoteKeys;
import dev.vellum.protocol.wire.ErrorCode;
import dev.vellum.protocol.wire.Frame;
import dev.vellum.server.testing.RunningServer;
import dev.vellum.server.testing.TestConfigs;
import dev.vellum.server.testing.TestSocket;
import dev.vellum.testing.TestAuthor;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What one note and one address may store, against a running server with small limits: each limit refuses with its
 * own error code, stores nothing, and leaves the connection open.
 */
class StorageLimitsTest {
    private final JvmSecureRandomSource random = new JvmSecureRandomSource();

    @TempDir
    Path dataDir;

    @Test
    void newNotesPastTheAddressQuota_areRefusedWithError17_whileExistingNotesStillTakeItems() throws Exception {
        try (RunningServer server = RunningServer.start(TestConfigs.withFlags(dataDir,
                "--notes-per-address-per-hour", "2"))) {
            Writer first = new Writer(server, NoteKeys.generate(random));
            Writer second = new Writer(server, NoteKeys.generate(random));
            Writer third = new Writer(server, NoteKeys.generate(random));
            try (first; second; third) {
                assertEquals(1, first.publish(new byte[] {1}).revision());
                assertEquals(1, second.publish(new byte[] {1}).revision());

                assertEquals(ErrorCode.NOTE_QUOTA_EXCEEDED, third.publishRefused(new byte[] {1}));
                assertEquals(2, first.publish(new byte[] {2}).revision(), "adding to a note creates none");
                assertEquals(ErrorCode.NOTE_QUOTA_EXCEEDED, third.publishRefused(new byte[] {1}), "still open");
            }
        }
    }

    @Test
    void bytesPastTheAddressQuota_areRefusedWithError18_andNothingIsStored() throws Exception {
        try (RunningServer server = RunningServer.start(TestConfigs.withFlags(dataDir,
                "--stored-bytes-per-address-per-hour", "5000"))) {
            try (Writer writer = new Writer(server, NoteKeys.generate(random))) {
                assertEquals(1, writer.publish(new byte[1500]).revision());
                assertEquals(2, writer.publish(new byte[1500]).revision());

                assertEquals(ErrorCode.STORAGE_QUOTA_EXCEEDED, writer.publishRefused(new byte[1500]));
                assertEquals(2, writer.latestOnJoin(), "the refused item was not stored");
            }
        }
    }

    @Test
    void itemPastTheNoteSizeLimit_isRefusedWithError16_andASnapshotMakesRoomOnceAnotherReaderConfirmsIt()
            throws Exception {
        try (RunningServer server = RunningServer.start(TestConfigs.withFlags(dataDir,
                "--max-note-bytes", "4096"))) {
            NoteKeys keys = NoteKeys.generate(random);
            try (Writer writer = new Writer(server, keys)) {
                writer.publish(new byte[1200]);
                writer.publish(new byte[1200]);

                assertEquals(ErrorCode.NOTE_TOO_LARGE, writer.publishRefused(new byte[1200]));
                assertEquals(3, writer.publishSnapshot(2, new byte[10]).revision());
                assertEquals(ErrorCode.NOTE_TOO_LARGE, writer.publishRefused(new byte[1200]),
                        "the updates it covers count until it is confirmed");
                writer.socket.send(new Frame.ConfirmSnapshot(new TestAuthor(keys, random).confirm(3,
                        writer.lastSnapshot)));
                assertEquals(4, writer.publish(new byte[1200]).revision());
            }
        }
    }

    /** One author writing to one note over its own connection. */
    private final class Writer implements AutoCloseable {
        private final RunningServer server;
        private final NoteKeys keys;
        private final TestAuthor author;
        private final TestSocket socket;
        private NoteItem lastSnapshot;

        Writer(RunningServer server, NoteKeys keys) throws InterruptedException {
            this.server = server;
            this.keys = keys;
            this.author = new TestAuthor(keys, random);
            this.socket = TestSocket.connect(server.vertx(), server.port(), keys.noteId().toString());
            socket.next(Frame.CaughtUp.class);
        }

        Frame.Accepted publish(byte[] body) throws InterruptedException {
            NoteItem item = author.nextUpdate(body);
            socket.send(new Frame.Publish(item));
            Frame.Accepted accepted = socket.next(Frame.Accepted.class);
            author.stored(item);
            return accepted;
        }

        Frame.Accepted publishSnapshot(long covers, byte[] body) throws InterruptedException {
            NoteItem item = author.nextSnapshot(covers, body);
            socket.send(new Frame.Publish(item));
            Frame.Accepted accepted = socket.next(Frame.Accepted.class);
            lastSnapshot = author.stored(item);
            return accepted;
        }

        ErrorCode publishRefused(byte[] body) throws InterruptedException {
            socket.send(new Frame.Publish(author.nextUpdate(body)));
            return socket.next(Frame.Error.class).code();
        }

        long latestOnJoin() throws InterruptedException {
            try (TestSocket reader = TestSocket.connect(server.vertx(), server.port(), keys.noteId().toString())) {
                Frame frame;
                while (!((frame = reader.next()) instanceof Frame.CaughtUp)) {
                    // the history itself is not what this asks
                }
                return ((Frame.CaughtUp) frame).latestRevision();
            }
        }

        @Override
        public void close() {
            socket.close();
        }
    }
}
