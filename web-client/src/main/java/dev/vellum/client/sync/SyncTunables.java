package dev.vellum.client.sync;

/**
 * Every number the sync engine paces itself by, in one place. The defaults suit the server's defaults (1 MiB
 * frames, 50 frames a second); {@link #forServer} derives the pacing and the batch size from what a server
 * advertises, so a stricter server does not close the connection of someone who just types.
 *
 * @param sendIntervalMillis a keystroke after a pause is sent at once; while typing goes on, updates go at least
 *     this far apart, and what is typed in between (or while an update is on its way) goes in one batch
 * @param presenceIntervalMillis caret moves are told to the others at most this often
 * @param maxBatchChars text per update, so a large paste goes out as several updates rather than one too large
 */
public record SyncTunables(long sendIntervalMillis, long presenceIntervalMillis, int maxBatchChars) {
    /** The fastest pacing, whatever a server allows: faster sends would not feel any quicker. */
    static final long MIN_SEND_INTERVAL_MILLIS = 25;
    static final long MIN_PRESENCE_INTERVAL_MILLIS = 250;
    /** Presence is re-sent this often even if the caret has not moved, so the others know this person is still here. */
    static final long PRESENCE_HEARTBEAT_MILLIS = 10_000;
    /** A person whose presence has not been heard for this long has left (three missed heartbeats). */
    static final long PRESENCE_TIMEOUT_MILLIS = 30_000;
    /** The local copy is written this long after the person's edits (and acks), not on every keystroke. */
    static final long LOCAL_SAVE_DELAY_MILLIS = 300;
    /** A pause this long after editing leaves a version (a snapshot) in the history. */
    static final long IDLE_SNAPSHOT_MILLIS = 10_000;
    /**
     * Revisions past the last snapshot after which the client whose update crosses the mark makes one. Opening a note
     * checks every item after its latest snapshot, about 1 ms each in the browser while its code is still cold: 100
     * keeps that near 100 ms, with room on a busy machine.
     */
    static final int SNAPSHOT_EVERY = 100;
    /**
     * An item that skips some of its author's sequence numbers waits for the missing ones (a pair the server sent in
     * the wrong order) until this many later revisions have been dealt with, or the history is caught up, and is
     * then applied with a warning about the gap. At most {@link #MAX_HELD_ITEMS} wait at once.
     */
    static final int GAP_WAIT_REVISIONS = 32;
    static final int MAX_HELD_ITEMS = 64;
    /**
     * How long a reader may lack what a present author's signed statement says exists (their later items, or a later
     * revision) before it warns that the server holds it back: relaying an item and a presence takes a moment, and
     * the two travel separately.
     */
    static final long WITHHELD_GRACE_MILLIS = 5_000;
    /** Versions listed per history page. */
    static final int HISTORY_PAGE = 20;

    /** A sealed update's header, signature and frame around its body, with room to spare. */
    private static final int FRAME_OVERHEAD_BYTES = 4_096;
    /**
     * Frame bytes allowed per character of a batch: text encodes to at most 3 bytes a UTF-16 unit, and a deletion
     * or a one-character insert costs about 10 bytes of op, so 10 keeps a full batch inside the frame.
     */
    private static final int BYTES_PER_BATCH_CHAR = 10;
    /** Caret moves a second at most (one every 250 ms); below that they get a fifth of the frame budget. */
    private static final double MAX_PRESENCE_PER_SECOND = 1000.0 / MIN_PRESENCE_INTERVAL_MILLIS;

    public SyncTunables {
        if (sendIntervalMillis < 1 || presenceIntervalMillis < 1 || maxBatchChars < 1) {
            throw new IllegalArgumentException("sync pacing must be positive");
        }
    }

    /** For the server's default limits: 25 ms between sends, 250 ms between caret moves, 100,000 characters. */
    public static SyncTunables defaults() {
        return new SyncTunables(MIN_SEND_INTERVAL_MILLIS, MIN_PRESENCE_INTERVAL_MILLIS, 100_000);
    }

    /**
     * Pacing that keeps one person's frames under {@code framesPerSecond}: a tenth of it (at least two a second) is
     * left for heartbeats, version lists and snapshots, caret moves get up to a fifth of the rest (at most 4 a
     * second), and updates the remainder. The server's token bucket allows bursts of twice its rate, so this
     * sustained rate never runs it dry. Batches fill at most {@code maxFrameBytes} once encoded and sealed.
     *
     * @throws IllegalArgumentException if either limit is below 1, or a frame cannot hold even a small update
     */
    public static SyncTunables forServer(int maxFrameBytes, int framesPerSecond) {
        if (framesPerSecond < 1) {
            throw new IllegalArgumentException("a server allows at least 1 frame a second, got " + framesPerSecond);
        }
        if (maxFrameBytes <= FRAME_OVERHEAD_BYTES) {
            throw new IllegalArgumentException("a frame limit of " + maxFrameBytes + " bytes cannot hold an update");
        }
        double reserve = Math.max(2.0, framesPerSecond / 10.0);
        double usable = Math.max(framesPerSecond - reserve, framesPerSecond / 5.0);
        double presencePerSecond = Math.min(MAX_PRESENCE_PER_SECOND, usable / 5);
        double sendsPerSecond = usable - presencePerSecond;
        long sendInterval = Math.max(MIN_SEND_INTERVAL_MILLIS, (long) Math.ceil(1000 / sendsPerSecond));
        long presenceInterval = Math.max(MIN_PRESENCE_INTERVAL_MILLIS, (long) Math.ceil(1000 / presencePerSecond));
        int maxBatchChars = (maxFrameBytes - FRAME_OVERHEAD_BYTES) / BYTES_PER_BATCH_CHAR;
        return new SyncTunables(sendInterval, presenceInterval, maxBatchChars);
    }

    /** Frames a second this pacing sends at most when someone types and moves the caret without pause. */
    double sustainedFramesPerSecond() {
        return 1000.0 / sendIntervalMillis + 1000.0 / presenceIntervalMillis + 1000.0 / PRESENCE_HEARTBEAT_MILLIS;
    }
}
