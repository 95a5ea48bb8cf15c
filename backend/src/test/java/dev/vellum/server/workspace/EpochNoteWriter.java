package dev.vellum.server.workspace;

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
import java.util.Map;
import java.util.Optional;

/**
 * One member's device writing a workspace note as its browser does: real items sealed under the workspace's current
 * epoch key (with the note's keys of that epoch), each continuing the author's chain, published over the note's
 * socket. Follows {@link TestWorkspace}'s epoch as it rotates; every key it saw is kept in its keyring.
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

    private long publish(NoteItemKind kind, long covers, String body) throws InterruptedException {
        learnCurrentKey();
        NoteItem item = cipher.seal(kind, covers, sequence + 1, previous,
                body.getBytes(StandardCharsets.UTF_8));
        try (TestSocket socket = test.open(note, author)) {
            socket.send(new Frame.Publish(item));
            Frame answer = socket.next();
            if (!(answer instanceof Frame.Accepted accepted)) {
                throw new AssertionError("the item was refused: " + answer);
            }
            sequence++;
            previous = item.hash();
            return accepted.revision();
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
