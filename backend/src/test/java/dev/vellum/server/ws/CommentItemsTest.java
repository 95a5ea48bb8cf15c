package dev.vellum.server.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.crypto.sign.Ed25519PrivateKey;
import dev.vellum.encoding.Bytes;
import dev.vellum.protocol.comment.CommentAnchor;
import dev.vellum.protocol.comment.CommentBatch;
import dev.vellum.protocol.comment.CommentDraft;
import dev.vellum.protocol.comment.CommentRecord;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.item.NoteItemKind;
import dev.vellum.protocol.item.UpdateHash;
import dev.vellum.protocol.seal.NoteItemCipher;
import dev.vellum.protocol.seal.NoteKeys;
import dev.vellum.protocol.wire.ErrorCode;
import dev.vellum.protocol.wire.Frame;
import dev.vellum.server.config.ServerConfig;
import dev.vellum.server.testing.LogCapture;
import dev.vellum.server.testing.RunningServer;
import dev.vellum.server.testing.SecretScan;
import dev.vellum.server.testing.TestConfigs;
import dev.vellum.server.testing.TestSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Comment items (kind 3) in a note shared by link, against the running server: real comment records signed by their
 * authors' keys, batched and sealed as browsers do. The server takes them with an update's checks (write signature,
 * author signature, chain, quotas), relays them, serves them to joiners, and never holds their words in clear.
 */
class CommentItemsTest {
    private static final String COMMENT_TEXT = "Bergamot is a citrus, not a tea; check the second paragraph";
    private static final String REPLY_TEXT = "Agreed, rewording the whole section before Friday";
    private static final String QUOTE = "Earl Grey is flavoured with lavender";
    private static final String VISITOR_NAME = "Quillon Marchetti";

    private final JvmSecureRandomSource random = new JvmSecureRandomSource();
    private final NoteKeys keys = NoteKeys.generate(random);

    @TempDir
    Path dataDir;

    @Test
    void aCommentItem_isStored_relayedToTheOtherReaders_andServedToJoiners_asTheAuthorSentIt() throws Exception {
        try (RunningServer server = RunningServer.start(dataDir)) {
            Commenter alice = new Commenter();
            Commenter bob = new Commenter();
            CommentRecord thread = alice.post(QUOTE, COMMENT_TEXT);
            try (TestSocket alices = joined(server); TestSocket bobs = joined(server)) {
                assertEquals(1, alice.publish(alices, alice.update("Earl Grey is flavoured with lavender.")));
                assertEquals(2, alice.publish(alices, alice.commentItem(thread)));

                bobs.next(Frame.Revision.class);
                Frame.Revision relayed = bobs.next(Frame.Revision.class);
                assertEquals(2, relayed.revision());
                assertEquals(NoteItemKind.COMMENT, relayed.item().kind());
                assertEquals(List.of(thread), bob.read(relayed.item()), "the record, signed, as Alice sent it");

                CommentRecord reply = bob.reply(thread, REPLY_TEXT);
                assertEquals(3, bob.publish(bobs, bob.commentItem(reply)));
                assertEquals(List.of(reply), alice.read(alices.next(Frame.Revision.class).item()));
            }

            List<NoteItem> joined = joinedItems(server);
            assertEquals(List.of(NoteItemKind.UPDATE, NoteItemKind.COMMENT, NoteItemKind.COMMENT),
                    joined.stream().map(NoteItem::kind).toList());
            assertEquals(List.of(thread), new Commenter().read(joined.get(1)));
        }
    }

    @Test
    void aCommentItem_passesAnUpdatesChecks_writeSignature_authorSignature_andChain() throws Exception {
        try (RunningServer server = RunningServer.start(dataDir)) {
            Commenter alice = new Commenter();
            try (TestSocket socket = joined(server)) {
                NoteItem first = alice.commentItem(alice.post(QUOTE, COMMENT_TEXT));
                assertEquals(1, alice.publish(socket, first));

                socket.send(new Frame.Publish(first));
                assertEquals(ErrorCode.CHAIN_CONFLICT, socket.next(Frame.Error.class).code(), "a replay");

                NoteItem unwritten = alice.withWriteKey(Ed25519PrivateKey.generate(random),
                        alice.post(QUOTE, "signed by someone who knows only the note id"));
                socket.send(new Frame.Publish(unwritten));
                assertEquals(ErrorCode.INVALID_SIGNATURE, socket.next(Frame.Error.class).code(),
                        "no write signature of the link");

                byte[] tampered = alice.commentItem(alice.post(QUOTE, "tampered")).encode();
                tampered[tampered.length - 97] ^= 1; // the author's signature ends where the write key begins
                socket.send(new Frame.Publish(NoteItem.parse(tampered)));
                assertEquals(ErrorCode.INVALID_SIGNATURE, socket.next(Frame.Error.class).code(),
                        "a bad author signature");

                assertEquals(2, alice.publish(socket, alice.commentItem(alice.post(QUOTE, "and the next"))));
            }
            assertEquals(2, server.storedEnvelopes().size());
        }
    }

    @Test
    void commentItems_countAgainstTheAddressesStorageQuota_likeUpdates() throws Exception {
        try (RunningServer server = RunningServer.start(TestConfigs.withFlags(dataDir,
                "--stored-bytes-per-address-per-hour", "5000"))) {
            Commenter alice = new Commenter();
            String long1500 = "a long remark ".repeat(107);
            try (TestSocket socket = joined(server)) {
                assertEquals(1, alice.publish(socket, alice.commentItem(alice.post(QUOTE, long1500))));
                assertEquals(2, alice.publish(socket, alice.commentItem(alice.post(QUOTE, long1500))));

                socket.send(new Frame.Publish(alice.commentItem(alice.post(QUOTE, long1500))));
                assertEquals(ErrorCode.STORAGE_QUOTA_EXCEEDED, socket.next(Frame.Error.class).code());
            }
            assertEquals(2, server.storedEnvelopes().size(), "the refused comment item was not stored");
        }
    }

    @Test
    void aFloodOfCommentItems_isRateLimitedLikeAnyFrames_andClosedWith1008() throws Exception {
        int framesPerSecond = 5;
        try (RunningServer server = RunningServer.start(TestConfigs.withLimits(dataDir,
                ServerConfig.DEFAULT_MAX_FRAME_BYTES, framesPerSecond))) {
            Commenter alice = new Commenter();
            NoteItem comment = alice.commentItem(alice.post(QUOTE, COMMENT_TEXT));
            try (TestSocket socket = joined(server)) {
                for (int i = 0; i < framesPerSecond * 10 && !socket.isClosed(); i++) {
                    socket.send(new Frame.Publish(comment)); // the first is stored, the rest are replays
                }

                Frame frame;
                do {
                    frame = socket.next();
                } while (frame instanceof Frame.Accepted
                        || frame instanceof Frame.Error error && error.code() == ErrorCode.CHAIN_CONFLICT);
                assertEquals(ErrorCode.RATE_LIMITED, ((Frame.Error) frame).code());
                assertTrue(socket.awaitClosed());
                assertEquals((short) 1008, socket.closeStatusCode());
            }
        }
    }

    @Test
    void neitherTheDatabaseNorTheLog_holdsACommentsText_itsQuote_orAVisitorsName() throws Exception {
        try (LogCapture log = LogCapture.everything();
             RunningServer server = RunningServer.start(dataDir)) {
            Commenter alice = new Commenter();
            Commenter bob = new Commenter();
            NoteItem stored;
            try (TestSocket alices = joined(server); TestSocket bobs = joined(server)) {
                alice.publish(alices, alice.update(QUOTE + ", says the first draft."));
                CommentRecord thread = alice.post(QUOTE, COMMENT_TEXT);
                stored = alice.commentItem(thread);
                alice.publish(alices, stored);
                bob.publish(bobs, bob.commentItem(bob.reply(thread, REPLY_TEXT)));
                // Refused items are logged (by code, never content): scanned too.
                alices.send(new Frame.Publish(stored));
                Frame answer = alices.next();
                while (answer instanceof Frame.Revision) { // Bob's reply, relayed
                    answer = alices.next();
                }
                assertEquals(ErrorCode.CHAIN_CONFLICT, ((Frame.Error) answer).code());
            }
            byte[] logBytes = SecretScan.serverLog(server, log);
            byte[] database = waitForDatabaseToHold(server, stored.encode());

            List<String> found = new ArrayList<>();
            for (String plaintext : List.of(COMMENT_TEXT, REPLY_TEXT, QUOTE, VISITOR_NAME)) {
                SecretScan.scanText(found, "\"" + plaintext + "\"", plaintext, database, logBytes);
            }
            assertEquals(List.of(), found);
        }
    }

    /**
     * The database's files once they hold {@code stored} (H2 writes its pages a moment after a commit): proves the
     * scan reads what the server stored, else a clean scan would prove nothing.
     */
    private static byte[] waitForDatabaseToHold(RunningServer server, byte[] stored) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        byte[] database = SecretScan.databaseFiles(server.dataDir());
        while (SecretScan.indexOf(database, stored) < 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            database = SecretScan.databaseFiles(server.dataDir());
        }
        assertTrue(SecretScan.indexOf(database, stored) >= 0, "the scan does not find even the stored item");
        return database;
    }

    private TestSocket joined(RunningServer server) throws InterruptedException {
        TestSocket socket = TestSocket.connect(server.vertx(), server.port(), keys.noteId().toString());
        socket.next(Frame.CaughtUp.class);
        return socket;
    }

    /** Every item a new joiner is sent, in order, up to CaughtUp. */
    private List<NoteItem> joinedItems(RunningServer server) throws InterruptedException {
        List<NoteItem> items = new ArrayList<>();
        try (TestSocket socket = TestSocket.connect(server.vertx(), server.port(), keys.noteId().toString())) {
            for (Frame frame = socket.next(); !(frame instanceof Frame.CaughtUp); frame = socket.next()) {
                if (frame instanceof Frame.History history) {
                    history.revisions().forEach(revision -> items.add(revision.item()));
                } else if (frame instanceof Frame.Revision revision) {
                    items.add(revision.item());
                }
            }
        }
        return items;
    }

    /**
     * An anonymous visitor of the note, as its browser comments: records signed by its per-visit identity (with the
     * name it chose), batched in comment items that continue its chain, sealed under the link's keys.
     */
    private final class Commenter {
        private final IdentityKeyPair identity = IdentityKeyPair.generate(random);
        private final NoteItemCipher cipher = new NoteItemCipher(keys, identity, random);
        private long sequence;
        private UpdateHash last = UpdateHash.NONE;
        private long clock;

        CommentRecord post(String quote, String text) {
            CommentAnchor anchor = new CommentAnchor(new byte[] {1, 2, 3, 4}, 1, new byte[] {1, 2, 3, 4},
                    quote.length(), quote);
            return cipher.signComment(CommentDraft.post(keys.noteId(), anchor, text, ++clock,
                    System.currentTimeMillis(), VISITOR_NAME, random));
        }

        CommentRecord reply(CommentRecord parent, String text) {
            clock = Math.max(clock, parent.clock());
            return cipher.signComment(CommentDraft.reply(keys.noteId(), parent.threadId(), parent.recordId(), text,
                    ++clock, System.currentTimeMillis(), VISITOR_NAME, random));
        }

        NoteItem commentItem(CommentRecord... records) {
            return cipher.seal(NoteItemKind.COMMENT, 0, sequence + 1, last, CommentBatch.encode(List.of(records)));
        }

        NoteItem update(String text) {
            return cipher.seal(NoteItemKind.UPDATE, 0, sequence + 1, last, text.getBytes(StandardCharsets.UTF_8));
        }

        /** The next comment item, signed with {@code writeKey} instead of the link's write key. */
        NoteItem withWriteKey(Ed25519PrivateKey writeKey, CommentRecord record) throws Exception {
            NoteItem honest = commentItem(record);
            byte[] unsigned = NoteItem.encodeUnsigned(NoteItemKind.COMMENT, 0, identity.publicIdentity(), null,
                    honest.envelope(), writeKey.publicKey());
            return NoteItem.parse(Bytes.concat(unsigned, writeKey.sign(NoteItem.writeSignatureInput(unsigned))));
        }

        /**
         * Publishes {@code item}, which must be accepted; returns its revision and moves the chain on. Items relayed
         * to this socket meanwhile are passed over.
         */
        long publish(TestSocket socket, NoteItem item) throws InterruptedException {
            socket.send(new Frame.Publish(item));
            Frame answer = socket.next();
            while (answer instanceof Frame.Revision) {
                answer = socket.next();
            }
            if (!(answer instanceof Frame.Accepted accepted)) {
                throw new AssertionError("the item was refused: " + answer);
            }
            sequence = item.header().sequence();
            last = item.hash();
            return accepted.revision();
        }

        /** The records of a comment item, opened and checked (each signed by the item's author) as readers do. */
        List<CommentRecord> read(NoteItem item) throws Exception {
            List<CommentRecord> records = CommentBatch.parse(cipher.open(item));
            for (CommentRecord record : records) {
                record.verify();
                assertEquals(item.header().authorKeyId(), record.authorKeyId());
                assertEquals(keys.noteId(), record.noteId());
            }
            return records;
        }
    }
}
