package dev.vellum.testing;

import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.item.NoteItemKind;
import dev.vellum.protocol.item.SnapshotConfirmation;
import dev.vellum.protocol.item.UpdateHash;
import dev.vellum.protocol.seal.NoteItemCipher;
import dev.vellum.protocol.seal.NoteKeys;
import java.nio.charset.StandardCharsets;

/**
 * One author writing to one note as a client would: each item is sealed as the next in the author's chain, which
 * moves on only once the test says the server stored it.
 */
public final class TestAuthor {
    private final NoteItemCipher cipher;
    private long sequence;
    private UpdateHash last = UpdateHash.NONE;

    public TestAuthor(NoteKeys keys, RandomSource random) {
        this.cipher = new NoteItemCipher(keys, IdentityKeyPair.generate(random), random);
    }

    /** The author's next update, carrying {@code body}; not yet counted as stored. */
    public NoteItem nextUpdate(byte[] body) {
        return cipher.seal(NoteItemKind.UPDATE, 0, sequence + 1, last, body);
    }

    public NoteItem nextUpdate(String text) {
        return nextUpdate(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The author's next item as a snapshot covering revisions up to {@code covers}; not yet counted as stored. */
    public NoteItem nextSnapshot(long covers, byte[] body) {
        return cipher.seal(NoteItemKind.SNAPSHOT, covers, sequence + 1, last, body);
    }

    /**
     * The author's next item as a comment item carrying {@code body} (to the server, opaque bytes like an update's);
     * not yet counted as stored.
     */
    public NoteItem nextCommentItem(byte[] body) {
        return cipher.seal(NoteItemKind.COMMENT, 0, sequence + 1, last, body);
    }

    /** Any item as this author, whatever the chain says: for tests of what the server refuses. */
    public NoteItem seal(NoteItemKind kind, long covers, long sequence, UpdateHash previous, byte[] body) {
        return cipher.seal(kind, covers, sequence, previous, body);
    }

    /** This author's next presence message carrying {@code message}, as a client sends it at {@code sentAtMillis}. */
    public byte[] presence(String message, long sentAtMillis) {
        return cipher.sealPresence(message.getBytes(StandardCharsets.UTF_8), sentAtMillis);
    }

    /** This author's confirmation of {@code snapshot}, stored as {@code revision}, as a reader who checked it. */
    public SnapshotConfirmation confirm(long revision, NoteItem snapshot) {
        return cipher.confirm(revision, snapshot);
    }

    /** The server stored {@code item}: the chain moves on. */
    public NoteItem stored(NoteItem item) {
        sequence = item.header().sequence();
        last = item.hash();
        return item;
    }
}
