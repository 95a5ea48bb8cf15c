package dev.vellum.client.comment;

import dev.vellum.protocol.comment.CommentRecord;
import java.util.Comparator;

/** The orders every reader settles comment records by, written once so that every reader settles them alike. */
final class RecordOrder {
    /** By Lamport clock, then record id: how a snapshot lists records (parents before most replies). */
    static final Comparator<CommentRecord> BY_CLOCK = (a, b) -> {
        int byClock = Long.compare(a.clock(), b.clock());
        return byClock != 0 ? byClock : compareUnsigned(a.recordId().toBytes(), b.recordId().toBytes());
    };

    private RecordOrder() {
    }

    /**
     * Which of two thread states counts: the greatest {@code (clock, author key bytes, record id bytes)}. Negative
     * if {@code a} loses, positive if it wins, zero only for two records with all three equal (an author signing two
     * versions of one state record: see {@link #firstEncoding}).
     */
    static int compareStates(CommentRecord a, CommentRecord b) {
        int byClock = Long.compare(a.clock(), b.clock());
        if (byClock != 0) {
            return byClock;
        }
        int byAuthor = compareUnsigned(a.author().toBytes(), b.author().toBytes());
        if (byAuthor != 0) {
            return byAuthor;
        }
        return compareUnsigned(a.recordId().toBytes(), b.recordId().toBytes());
    }

    /** Of two different records an author signed as the same version, the one every reader keeps. */
    static CommentRecord firstEncoding(CommentRecord a, CommentRecord b) {
        return compareUnsigned(a.encode(), b.encode()) <= 0 ? a : b;
    }

    /** Unsigned lexicographic order (written out: TeaVM's class library lacks Arrays.compareUnsigned). */
    static int compareUnsigned(byte[] a, byte[] b) {
        int common = Math.min(a.length, b.length);
        for (int i = 0; i < common; i++) {
            int difference = (a[i] & 0xff) - (b[i] & 0xff);
            if (difference != 0) {
                return difference;
            }
        }
        return a.length - b.length;
    }
}
