package dev.vellum.client.sync;

import java.util.Map;
import java.util.TreeMap;

/**
 * The revision numbers this reader gave up on in this visit because the server said it had sent the history up to
 * a later one without sending them (see {@link Inbox#onCaughtUp}). Nothing about them is known, so their absence is
 * silent unless a later item of the same author shows a gap; a present reader who states it was served one of them
 * shows that the server held it back. Kept as ranges, the newest {@link #MAX_RANGES}.
 */
final class SkippedRevisions {
    static final int MAX_RANGES = 64;

    /** First number of each range to its last. */
    private final TreeMap<Long, Long> ranges = new TreeMap<>();

    void add(long from, long through) {
        if (from > through) {
            return;
        }
        ranges.put(from, through);
        while (ranges.size() > MAX_RANGES) {
            ranges.pollFirstEntry();
        }
    }

    boolean contains(long revision) {
        Map.Entry<Long, Long> range = ranges.floorEntry(revision);
        return range != null && revision <= range.getValue();
    }

    /** A loaded snapshot covers these numbers: what they held is in its state. */
    void dropThrough(long covers) {
        ranges.headMap(covers, true).clear();
    }

    void clear() {
        ranges.clear();
    }
}
