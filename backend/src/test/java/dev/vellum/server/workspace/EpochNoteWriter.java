package dev.vellum.server.workspace;

import dev.vellum.protocol.comment.CommentAnchor;
import dev.vellum.protocol.comment.CommentBatch;
import dev.vellum.protocol.comment.CommentDraft;
import dev.vellum.protocol.comment.CommentRecord;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.item.NoteItemKind;
import dev.vellum.protocol.item.UpdateHash;
import dev.vellum.protocol.seal.NoteItemCipher;
import dev.vellum.protocol.seal.NoteKeyring;
import dev.vellum.protocol.wire.Frame;
import dev.vellum.protocol.workspace.EpochKey;
import dev.vellum.protocol.workspace.EpochKeyMismatchException;
import dev.vellum.protocol.workspace.EpochKeyring;
import dev.vellum.server.testing.AccountBrowser;
import dev.vellum.server.testing.TestSocket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One member's device writing a workspace note as its browser does: real items sealed under the workspace's current
 * epoch key (with the note's keys of that epoch), each continuing the author's chain, published over the note's
 * socket; comments are real records signed by the author's device. Follows {@link TestWorkspace}'s epoch as it
 * rotates; every key it saw is kept in its keyring.
 */
final class EpochNoteWriter {
    private final ServerWithPeople test;
    private final TestWorkspace workspace;
    private final NoteId note;
    private final AccountBrowser author;
    private final Map<Integer, EpochKey> keys = new HashMap<>();
    private final EpochKeyring keyring;
    private final NoteItemCipher cipher;
    private long sequence;
    private UpdateHash previous = UpdateHash.NONE;
    private long lastRevision;
    /** The Lamport clock of this author's comment records. */
    private long clock;

    EpochNoteWriter(ServerWithPeople test, TestWorkspace workspace, NoteId note, AccountBrowser author) {
        this.test = test;
        this.workspace = workspace;
        this.note = note;
        this.author = author;
        this.keyring = new EpochKeyring(workspace.id, new dev.vellum.protocol.workspace.EpochCommitments() {
            @Override
            public int currentEpoch() {
                return workspace.epochKey.epoch();
            }

            @Override
            public Optional<byte[]> commitment(int epoch) {
                EpochKey key = keys.get(epoch);
                return key == null ? Optional.empty() : Optional.of(key.commitment());
            }
        });
        this.cipher = NoteItemCipher.forWorkspaceNote(NoteKeyring.ofWorkspaceNote(keyring, note), author.device(),
                author.certificate(), () -> workspace.head, workspace.random);
    }

    /** Publishes an update under the current epoch; returns its revision. */
    long update(String text) throws InterruptedException {
        return publish(NoteItemKind.UPDATE, 0, text);
    }

    /** Publishes a snapshot covering up to {@code covers} under the current epoch; returns its revision. */
    long snapshot(long covers) throws InterruptedException {
        return publish(NoteItemKind.SNAPSHOT, covers, "the note up to " + covers);
    }

    /**
     * Signs a comment starting a thread on {@code quote} with the author's device key, as its browser does, and
     * publishes it in a comment item under the current epoch; returns the record.
     */
    CommentRecord comment(String quote, String text) throws InterruptedException {
        CommentRecord record = signComment(quote, text);
        publish(NoteItemKind.COMMENT, 0, CommentBatch.encode(List.of(record)));
        return record;
    }

    /** As {@link #comment}, the item only: the author's next, under the current epoch, not published. */
    NoteItem nextCommentItem(String quote, String text) {
        learnCurrentKey();
        return cipher.seal(NoteItemKind.COMMENT, 0, sequence + 1, previous,
                CommentBatch.encode(List.of(signComment(quote, text))));
    }

    private CommentRecord signComment(String quote, String text) {
        CommentAnchor anchor = new CommentAnchor(new byte[] {7, 7}, 1, new byte[] {7, 7}, quote.length(), quote);
        return cipher.signComment(CommentDraft.post(note, anchor, text, ++clock, System.currentTimeMillis(), "",
                workspace.random));
    }

    /** The revision the last published item was stored as. */
    long lastRevision() {
        return lastRevision;
    }

    /** The comment records of {@code item}, opened with the keys this writer holds, as a member's browser does. */
    List<CommentRecord> readComments(NoteItem item) throws Exception {
        learnCurrentKey();
        return CommentBatch.parse(cipher.open(item));
    }

    private long publish(NoteItemKind kind, long covers, String body) throws InterruptedException {
        return publish(kind, covers, body.getBytes(StandardCharsets.UTF_8));
    }

    private long publish(NoteItemKind kind, long covers, byte[] body) throws InterruptedException {
        learnCurrentKey();
        NoteItem item = cipher.seal(kind, covers, sequence + 1, previous, body);
        try (TestSocket socket = test.open(note, author)) {
            socket.send(new Frame.Publish(item));
            Frame answer = socket.next();
            if (!(answer instanceof Frame.Accepted accepted)) {
                throw new AssertionError("the item was refused: " + answer);
            }
            sequence++;
            previous = item.hash();
            lastRevision = accepted.revision();
            return lastRevision;
        }
    }

    private void learnCurrentKey() {
        EpochKey current = workspace.epochKey;
        if (keys.putIfAbsent(current.epoch(), current) == null) {
            try {
                keyring.add(current);
            } catch (EpochKeyMismatchException e) {
                throw new AssertionError(e);
            }
        }
    }
}
