package dev.vellum.server.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against a running server: a snapshot's covered updates stay until an author other than its own confirms it (or it
 * is past the retention time), so a forged snapshot published while nobody checks cannot erase the updates that
 * expose it, and a newcomer is sent them with the snapshot in its turn.
 */
class SnapshotConfirmationTest {
    private final JvmSecureRandomSource random = new JvmSecureRandomSource();
    private final NoteKeys keys = NoteKeys.generate(random);
    private final TestAuthor alice = new TestAuthor(keys, random);
    private final TestAuthor mallory = new TestAuthor(keys, random);
    private final TestAuthor bob = new TestAuthor(keys, random);

    @TempDir
    Path dataDir;

    /** What a newcomer is sent: the base snapshot's revision (0 for none), then every other revision in order. */
    private record Join(long base, List<Long> revisions, long caughtUp) {
    }

    @Test
    void forgedSnapshotWhileNobodyChecks_keepsItsUpdates_andANewcomerGetsThemWithTheSnapshotInItsTurn()
            throws Exception {
        try (RunningServer server = RunningServer.start(dataDir);
             TestSocket socket = connect(server)) {
            publish(socket, alice, alice.nextUpdate("Meet at noon."));
            publish(socket, alice, alice.nextUpdate(" Bring the contract."));
            publish(socket, mallory, mallory.nextSnapshot(2, new byte[] {9})); // the server cannot read it

            assertEquals(new Join(0, List.of(1L, 2L, 3L), 3), join(server));
            assertEquals(3, server.storedEnvelopes().size());
        }
    }

    @Test
    void theSnapshotsOwnAuthor_cannotConfirmIt_error25_andNothingGoes() throws Exception {
        try (RunningServer server = RunningServer.start(dataDir);
             TestSocket socket = connect(server)) {
            publish(socket, alice, alice.nextUpdate("a"));
            NoteItem forged = publish(socket, mallory, mallory.nextSnapshot(1, new byte[] {9}));

            socket.send(new Frame.ConfirmSnapshot(mallory.confirm(2, forged)));

            assertEquals(ErrorCode.CONFIRMATION_REFUSED, socket.next(Frame.Error.class).code());
            assertEquals(new Join(0, List.of(1L, 2L), 2), join(server));
        }
    }

    @Test
    void anotherAuthorsConfirmation_letsTheCoveredUpdatesGo_andJoinsOpenFromIt_losingNothingAcknowledged()
            throws Exception {
        try (RunningServer server = RunningServer.start(dataDir);
             TestSocket socket = connect(server)) {
            publish(socket, alice, alice.nextUpdate("a"));
            publish(socket, alice, alice.nextUpdate("b"));
            NoteItem snapshot = publish(socket, alice, alice.nextSnapshot(2, new byte[] {2}));
            publish(socket, alice, alice.nextUpdate("c"));
            assertEquals(new Join(0, List.of(1L, 2L, 3L, 4L), 4), join(server), "kept until confirmed");

            socket.send(new Frame.ConfirmSnapshot(bob.confirm(3, snapshot)));
            publish(socket, bob, bob.nextUpdate("d")); // checked after the confirmation, on the same connection

            assertEquals(new Join(3, List.of(4L, 5L), 5), join(server));
            assertEquals(3, server.storedEnvelopes().size(), "the snapshot and what came after it");
            assertNull(socket.poll(200), "a counted confirmation is not answered");
        }
    }

    @Test
    void aConfirmationOfAnUpdate_orOfAnotherItem_isRefused() throws Exception {
        try (RunningServer server = RunningServer.start(dataDir);
             TestSocket socket = connect(server)) {
            NoteItem update = publish(socket, alice, alice.nextUpdate("a"));
            NoteItem snapshot = publish(socket, alice, alice.nextSnapshot(1, new byte[] {2}));

            socket.send(new Frame.ConfirmSnapshot(bob.confirm(1, update)));
            assertEquals(ErrorCode.CONFIRMATION_REFUSED, socket.next(Frame.Error.class).code());
            socket.send(new Frame.ConfirmSnapshot(bob.confirm(2, bob.nextSnapshot(1, new byte[] {3}))));
            assertEquals(ErrorCode.CONFIRMATION_REFUSED, socket.next(Frame.Error.class).code());
            socket.send(new Frame.ConfirmSnapshot(bob.confirm(9, snapshot)));
            assertEquals(ErrorCode.CONFIRMATION_REFUSED, socket.next(Frame.Error.class).code());

            assertEquals(new Join(0, List.of(1L, 2L), 2), join(server));
        }
    }

    @Test
    void aServerWithoutRetention_letsCoveredUpdatesGoAtOnce() throws Exception {
        try (RunningServer server = RunningServer.start(TestConfigs.withFlags(dataDir,
                "--unconfirmed-snapshot-retention-hours", "0"));
             TestSocket socket = connect(server)) {
            publish(socket, alice, alice.nextUpdate("a"));
            publish(socket, alice, alice.nextSnapshot(1, new byte[] {2}));

            assertEquals(new Join(2, List.of(), 2), join(server));
        }
    }

    private TestSocket connect(RunningServer server) throws InterruptedException {
        TestSocket socket = TestSocket.connect(server.vertx(), server.port(), keys.noteId().toString());
        socket.next(Frame.CaughtUp.class);
        return socket;
    }

    /** Publishes {@code item} by {@code author} and waits until it is stored. */
    private static NoteItem publish(TestSocket socket, TestAuthor author, NoteItem item) throws InterruptedException {
        socket.send(new Frame.Publish(item));
        socket.next(Frame.Accepted.class);
        return author.stored(item);
    }

    private Join join(RunningServer server) throws InterruptedException {
        try (TestSocket newcomer = connect(server, 0)) {
            long base = 0;
            List<Long> revisions = new ArrayList<>();
            while (true) {
                Frame frame = newcomer.next();
                if (frame instanceof Frame.Snapshot snapshot) {
                    base = snapshot.revision();
                } else if (frame instanceof Frame.History history) {
                    history.revisions().forEach(revision -> revisions.add(revision.revision()));
                } else if (frame instanceof Frame.Revision revision) {
                    revisions.add(revision.revision());
                } else if (frame instanceof Frame.CaughtUp caughtUp) {
                    return new Join(base, revisions, caughtUp.latestRevision());
                }
            }
        }
    }

    private TestSocket connect(RunningServer server, long since) {
        return TestSocket.connect(server.vertx(), server.port(), keys.noteId() + "?since=" + since);
    }
}
