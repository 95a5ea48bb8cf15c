package dev.vellum.client.crdt;

/**
 * A run of characters inserted by one replica with consecutive clocks, each typed right after the previous one,
 * all with the same right origin: one node of the document's list. A deleted run keeps its identity and length
 * (a tombstone) but drops its text.
 */
final class Item {
    final int replica;
    final int clock;
    int length;
    /** The character this run was typed after, or null for the document's start. */
    final CharRef originLeft;
    /** The character that followed when this run was typed, or null for the document's end. */
    final CharRef originRight;
    StringBuilder content;
    boolean deleted;
    Item prev;
    Item next;
    /** The run split off this one's tail, if any: finds a clock beyond this run's end without a search. */
    Item splitNext;
    /** Set when this run was merged back into the run before it; it is then no longer in the list. */
    Item mergedInto;

    Item(int replica, int clock, CharRef originLeft, CharRef originRight, StringBuilder content, int length) {
        this.replica = replica;
        this.clock = clock;
        this.originLeft = originLeft;
        this.originRight = originRight;
        this.content = content;
        this.length = length;
    }

    int visibleLength() {
        return deleted ? 0 : length;
    }

    int lastClock() {
        return clock + length - 1;
    }
}
