package dev.vellum.client.sync;

import dev.vellum.client.crdt.TextOp;
import dev.vellum.client.crdt.TextOpCodec;
import dev.vellum.encoding.ByteReader;
import dev.vellum.encoding.ByteWriter;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.comment.CommentRecord;
import java.util.List;

/**
 * What the browser keeps of a note between visits, before sealing (docs/protocol.md, "Kept in the browser"):
 * {@code version 5 (1) || applied through (8) || last snapshot covers (8) || skipped through (8) || served items ||
 * comment records || unsent comment records || author chains || state length (4) || CRDT state || unsent ops}, where
 * "served items" are the hashes of the items the server served at the last revisions ({@link ServedItems}), so that
 * a reload still notices a server that has since handed those numbers to other items, and each list of comment
 * records is framed as in a snapshot body ({@link CommentRecords}). Versions 4 (without comments), 3 (without served
 * items either) and 2 (without "skipped through" either) are still read, so a copy with offline edits made before an
 * update is not lost.
 *
 * @param served the items the server served at the last revisions this reader dealt with
 * @param comments every comment record this reader holds (applied, or waiting for the comment it replies to),
 *                 including its own unsent ones
 * @param unsentComments this tab's comment records the server has not stored, oldest first
 * @param state the CRDT state, {@code TextDocument.encodeState}
 * @param unsent edits the server has not stored, oldest first
 */
record LocalCopy(long appliedThrough, long lastSnapshotCovers, long skippedThrough, ServedItems served,
                 List<CommentRecord> comments, List<CommentRecord> unsentComments, AuthorChains chains, byte[] state,
                 List<TextOp> unsent) {
    private static final int VERSION = 5;
    private static final int HEADER = 25;

    LocalCopy {
        comments = List.copyOf(comments);
        unsentComments = List.copyOf(unsentComments);
    }

    /** A copy without comments. */
    LocalCopy(long appliedThrough, long lastSnapshotCovers, long skippedThrough, ServedItems served,
              AuthorChains chains, byte[] state, List<TextOp> unsent) {
        this(appliedThrough, lastSnapshotCovers, skippedThrough, served, List.of(), List.of(), chains, state, unsent);
    }

    /** A copy that remembers no served items and holds no comments (as versions 2 and 3 are read). */
    LocalCopy(long appliedThrough, long lastSnapshotCovers, long skippedThrough, AuthorChains chains, byte[] state,
              List<TextOp> unsent) {
        this(appliedThrough, lastSnapshotCovers, skippedThrough, new ServedItems(), chains, state, unsent);
    }

    byte[] encode() {
        byte[] ops = TextOpCodec.encode(unsent);
        List<byte[]> held = CommentRecords.encodeEach(comments);
        List<byte[]> waiting = CommentRecords.encodeEach(unsentComments);
        ByteWriter out = new ByteWriter(HEADER + served.encodedLength() + CommentRecords.encodedLength(held)
                + CommentRecords.encodedLength(waiting) + chains.encodedLength() + 4 + state.length + ops.length)
                .writeByte(VERSION)
                .writeLong(appliedThrough)
                .writeLong(lastSnapshotCovers)
                .writeLong(skippedThrough);
        served.writeTo(out);
        CommentRecords.writeTo(out, held);
        CommentRecords.writeTo(out, waiting);
        chains.writeTo(out);
        return out.writeBytesWithIntLength(state, Integer.MAX_VALUE).writeBytes(ops).toByteArray();
    }

    /** @throws InvalidMessageException for another version, a negative number, or lengths that do not fit */
    static LocalCopy decode(byte[] bytes) throws InvalidMessageException {
        ByteReader in = new ByteReader(bytes, "local copy");
        int version = in.readUnsignedByte("version");
        if (version < 2 || version > VERSION) {
            throw new InvalidMessageException("not a version 2 to " + VERSION + " local copy");
        }
        long appliedThrough = in.readLong("applied through");
        long lastSnapshotCovers = in.readLong("last snapshot covers");
        long skippedThrough = version >= 3 ? in.readLong("skipped through") : 0;
        if (appliedThrough < 0 || lastSnapshotCovers < 0 || skippedThrough < 0) {
            throw new InvalidMessageException("a local copy's revision numbers are not negative");
        }
        ServedItems served = version >= 4 ? ServedItems.read(in) : new ServedItems();
        List<CommentRecord> comments = version >= 5 ? CommentRecords.read(in) : List.of();
        List<CommentRecord> unsentComments = version >= 5 ? CommentRecords.read(in) : List.of();
        AuthorChains chains = AuthorChains.read(in);
        byte[] state = in.readBytesWithIntLength(in.remaining(), "CRDT state");
        List<TextOp> unsent = TextOpCodec.decode(in.readRemaining());
        return new LocalCopy(appliedThrough, lastSnapshotCovers, skippedThrough, served, comments, unsentComments,
                chains, state, unsent);
    }
}
