package dev.vellum.client.crdt;

/**
 * Where an anchored selection (a comment's first and last character ids) lies in the current text: from
 * {@link #start()} inclusive to {@link #end()} exclusive, in UTF-16 code units, or {@linkplain #detached()
 * detached} when no visible character is left between the two ids (or they have not arrived yet). Replicas that
 * hold the same CRDT state find the same range, since the order of characters, tombstones included, never changes.
 */
public final class AnchoredRange {
    private static final AnchoredRange DETACHED = new AnchoredRange(-1, -1);

    private final int start;
    private final int end;

    private AnchoredRange(int start, int end) {
        this.start = start;
        this.end = end;
    }

    /** The range {@code start .. end - 1}; it holds at least one character. */
    public static AnchoredRange of(int start, int end) {
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("a range holds at least one character: " + start + ".." + end);
        }
        return new AnchoredRange(start, end);
    }

    /** No visible character is left between the anchor's ids: the thread is kept and shown with its quote. */
    public static AnchoredRange detached() {
        return DETACHED;
    }

    public boolean isDetached() {
        return this == DETACHED;
    }

    /** The first anchored character's position. */
    public int start() {
        requireAttached();
        return start;
    }

    /** The position just after the last anchored character. */
    public int end() {
        requireAttached();
        return end;
    }

    /** Whether the character at {@code position} is anchored here (never, when detached). */
    public boolean covers(int position) {
        return !isDetached() && position >= start && position < end;
    }

    private void requireAttached() {
        if (isDetached()) {
            throw new IllegalStateException("a detached range has no position");
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AnchoredRange range && range.start == start && range.end == end;
    }

    @Override
    public int hashCode() {
        return 31 * start + end;
    }

    @Override
    public String toString() {
        return isDetached() ? "AnchoredRange[detached]" : "AnchoredRange[" + start + ".." + end + "]";
    }
}
