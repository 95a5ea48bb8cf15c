package dev.vellum.client.sync;

import dev.vellum.encoding.ByteReader;
import dev.vellum.encoding.ByteWriter;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.comment.CommentRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What a snapshot seals: when and by whom it was made, where every author's chain stood at the revisions it covers,
 * which items the server served its author at the last of those revisions, the note's comments, and the note's CRDT
 * state. Layout (docs/protocol.md, "Snapshot body"): {@code version 3 (1) || created at (8) || name length (1) ||
 * UTF-8 name || author chains || served items || comment records || CRDT state}, where "comment records" are
 * {@code count (4) || count × (length (4) || record)} ({@link CommentRecords}); version 2 had no comment records,
 * version 1 no served items either. The records go before the state so that the state stays the body's tail.
 *
 * <p>The served items let a reader who missed the covered updates still see that the server's history is not the
 * one it followed: a server that lost revisions and gave their numbers to new items would otherwise hide that behind
 * a snapshot, since it no longer sends what the snapshot covers.
 *
 * <p>The comment records are every record current in the note (each comment at its latest edit, each thread's
 * latest state): the server deletes the comment items a safe snapshot covers, as it does updates, so the snapshot
 * is where a newcomer finds them. Each record is signed by its own author, so a snapshot's author can leave records
 * out or carry older ones, but cannot forge one; readers verify each, and {@link SnapshotAudit} catches the rest.
 *
 * @param comments the note's current comment records, as their authors signed them
 */
public record SnapshotBody(long createdAtMillis, String authorName, AuthorChains chains, ServedItems served,
                           List<CommentRecord> comments, byte[] state) {
    private static final int VERSION = 3;
    private static final int VERSION_WITHOUT_COMMENTS = 2;
    private static final int VERSION_WITHOUT_SERVED = 1;
    static final int MAX_NAME_BYTES = 60;

    public SnapshotBody {
        comments = List.copyOf(comments);
    }

    /** A body without comments. */
    public SnapshotBody(long createdAtMillis, String authorName, AuthorChains chains, ServedItems served,
                        byte[] state) {
        this(createdAtMillis, authorName, chains, served, List.of(), state);
    }

    /** A body that names no served items and holds no comments, as a version 1 body, and a benchmark's. */
    public SnapshotBody(long createdAtMillis, String authorName, AuthorChains chains, byte[] state) {
        this(createdAtMillis, authorName, chains, new ServedItems(), state);
    }

    public byte[] encode() {
        byte[] name = authorName.getBytes(StandardCharsets.UTF_8);
        if (name.length > MAX_NAME_BYTES) {
            throw new IllegalArgumentException("author name is longer than " + MAX_NAME_BYTES + " bytes");
        }
        List<byte[]> records = CommentRecords.encodeEach(comments);
        ByteWriter out = new ByteWriter(10 + name.length + chains.encodedLength() + served.encodedLength()
                + CommentRecords.encodedLength(records) + state.length)
                .writeByte(VERSION)
                .writeLong(createdAtMillis)
                .writeBytesWithByteLength(name, MAX_NAME_BYTES);
        chains.writeTo(out);
        served.writeTo(out);
        CommentRecords.writeTo(out, records);
        return out.writeBytes(state).toByteArray();
    }

    /**
     * @throws InvalidMessageException for another version, lengths that do not fit, or a comment record that does
     *     not parse (a record's signature is the reader's to check)
     */
    public static SnapshotBody decode(byte[] bytes) throws InvalidMessageException {
        ByteReader in = new ByteReader(bytes, "snapshot body");
        int version = in.readUnsignedByte("version");
        if (version != VERSION && version != VERSION_WITHOUT_COMMENTS && version != VERSION_WITHOUT_SERVED) {
            throw new InvalidMessageException("not a version 1, 2 or 3 snapshot body");
        }
        long createdAt = in.readLong("created at");
        String name = new String(in.readBytesWithByteLength(MAX_NAME_BYTES, "author name"), StandardCharsets.UTF_8);
        AuthorChains chains = AuthorChains.read(in);
        ServedItems served = version >= VERSION_WITHOUT_COMMENTS ? ServedItems.read(in) : new ServedItems();
        List<CommentRecord> comments = version == VERSION ? CommentRecords.read(in) : List.of();
        return new SnapshotBody(createdAt, name, chains, served, comments, in.readRemaining());
    }
}
