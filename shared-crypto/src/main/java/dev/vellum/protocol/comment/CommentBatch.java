package dev.vellum.protocol.comment;

import dev.vellum.encoding.ByteReader;
import dev.vellum.encoding.ByteWriter;
import dev.vellum.error.InvalidMessageException;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of a COMMENT note item: one or more {@link CommentRecord}s,
 * {@code count (2, 1 to 64) || (record length (4) || record)*}, at most 256 KiB in all. Records are parsed here, not
 * verified: a reader checks each one's signatures, its note and that the item's author signed it.
 */
public final class CommentBatch {
    public static final int MAX_RECORDS = 64;
    public static final int MAX_LENGTH = 256 * 1024;

    private CommentBatch() {
    }

    /**
     * @throws IllegalArgumentException if there are no records, more than {@link #MAX_RECORDS}, or they take more than
     *     {@link #MAX_LENGTH} bytes in all: {@link #split} first
     */
    public static byte[] encode(List<CommentRecord> records) {
        if (records.isEmpty() || records.size() > MAX_RECORDS) {
            throw new IllegalArgumentException("a comment batch holds 1 to " + MAX_RECORDS + " records, not "
                    + records.size());
        }
        long length = encodedLength(records);
        if (length > MAX_LENGTH) {
            throw new IllegalArgumentException("a comment batch is at most " + MAX_LENGTH + " bytes, not " + length);
        }
        ByteWriter out = new ByteWriter((int) length).writeShort(records.size());
        for (CommentRecord record : records) {
            out.writeBytesWithIntLength(record.encode(), CommentRecord.MAX_LENGTH);
        }
        return out.toByteArray();
    }

    /** {@code records} in order, cut into as few consecutive batches as {@link #encode} takes (none if empty). */
    public static List<List<CommentRecord>> split(List<CommentRecord> records) {
        List<List<CommentRecord>> batches = new ArrayList<>();
        List<CommentRecord> current = new ArrayList<>();
        long length = 2;
        for (CommentRecord record : records) {
            long more = 4L + record.length();
            if (!current.isEmpty() && (current.size() == MAX_RECORDS || length + more > MAX_LENGTH)) {
                batches.add(current);
                current = new ArrayList<>();
                length = 2;
            }
            current.add(record);
            length += more;
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }

    /** Parses a batch and each record in it (see {@link CommentRecord#parse}); verifies no signature. */
    public static List<CommentRecord> parse(byte[] encoded) throws InvalidMessageException {
        if (encoded.length > MAX_LENGTH) {
            throw new InvalidMessageException("a comment batch is at most " + MAX_LENGTH + " bytes, not "
                    + encoded.length);
        }
        ByteReader in = new ByteReader(encoded, "comment batch");
        int count = in.readUnsignedShort("record count");
        if (count < 1 || count > MAX_RECORDS) {
            throw new InvalidMessageException("a comment batch holds 1 to " + MAX_RECORDS + " records, not " + count);
        }
        List<CommentRecord> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            records.add(CommentRecord.parse(in.readBytesWithIntLength(CommentRecord.MAX_LENGTH, "record")));
        }
        in.expectEnd();
        return records;
    }

    private static long encodedLength(List<CommentRecord> records) {
        long length = 2;
        for (CommentRecord record : records) {
            length += 4L + record.length();
        }
        return length;
    }
}
