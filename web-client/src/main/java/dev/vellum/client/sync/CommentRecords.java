package dev.vellum.client.sync;

import dev.vellum.encoding.ByteReader;
import dev.vellum.encoding.ByteWriter;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.comment.CommentRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * Comment records inside a larger message (a snapshot body, the local copy): {@code count (4) || count × (length (4)
 * || record)}, each record as {@link CommentRecord#encode} makes it. Only the framing is checked here; whoever reads
 * records from another person verifies each one's signature and note (see {@link CommentSync}).
 */
final class CommentRecords {
    /** A record is at most about 21 KB (20,000 bytes of text, a quote, a certificate): more is not a record. */
    static final int MAX_RECORD_BYTES = 64 * 1024;

    private CommentRecords() {
    }

    /** The records' encodings, made once: both the length and the bytes need them. */
    static List<byte[]> encodeEach(List<CommentRecord> records) {
        List<byte[]> encoded = new ArrayList<>(records.size());
        for (CommentRecord record : records) {
            encoded.add(record.encode());
        }
        return encoded;
    }

    static int encodedLength(List<byte[]> encoded) {
        int length = 4;
        for (byte[] record : encoded) {
            length += 4 + record.length;
        }
        return length;
    }

    static void writeTo(ByteWriter out, List<byte[]> encoded) {
        out.writeInt(encoded.size());
        for (byte[] record : encoded) {
            out.writeBytesWithIntLength(record, MAX_RECORD_BYTES);
        }
    }

    /** Reads {@link #writeTo}'s bytes; every record must parse (its signature is not checked here). */
    static List<CommentRecord> read(ByteReader in) throws InvalidMessageException {
        int count = in.readInt("comment record count");
        if (count < 0 || count > in.remaining() / 4) {
            throw new InvalidMessageException("comment record count " + count + " does not fit");
        }
        List<CommentRecord> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            records.add(CommentRecord.parse(in.readBytesWithIntLength(MAX_RECORD_BYTES, "comment record")));
        }
        return records;
    }
}
