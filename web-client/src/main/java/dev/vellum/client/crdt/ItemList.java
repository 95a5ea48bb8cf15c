package dev.vellum.client.crdt;

import java.util.Objects;

/**
 * The document's runs in text order: a doubly linked list behind a sentinel, its visible length, and the moves that
 * keep it a list of runs (splitting a run, merging the tombstones of one run back together). It finds a visible
 * position from where the last lookup ended, since edits cluster. It never decides where a new run goes among
 * concurrent ones; that is {@link Integrator}'s job.
 */
final class ItemList {
    /** Sentinel before the first run; never deleted, never split. */
    final Item head = new Item(-1, 0, null, null, null, 0);
    private final ItemStore store;
    private int visibleLength;

    /** Where the last position lookup ended: {@code cacheItem} starts at visible position {@code cachePosition}. */
    private Item cacheItem;
    private int cachePosition;
    /** What {@link #findVisible} found: the live run, and the offset of the position in it. */
    Item foundItem;
    int foundOffset;

    ItemList(ItemStore store) {
        this.store = store;
    }

    int visibleLength() {
        return visibleLength;
    }

    String text() {
        StringBuilder out = new StringBuilder(visibleLength);
        for (Item item = head.next; item != null; item = item.next) {
            if (!item.deleted) {
                out.append(item.content);
            }
        }
        return out.toString();
    }

    /** Sets {@link #foundItem} to the live run holding visible position {@code index}, and the offset in it. */
    void findVisible(int index) {
        Item item = cacheItem;
        int position = cachePosition;
        if (item == null) {
            item = head;
            position = 0;
        }
        while (index < position) {
            item = item.prev;
            position -= item.visibleLength();
        }
        while (item.deleted || item == head || index >= position + item.length) {
            position += item.visibleLength();
            item = item.next;
        }
        cacheItem = item;
        cachePosition = position;
        foundItem = item;
        foundOffset = index - position;
    }

    /** The visible position where {@code target} starts. */
    int positionOf(Item target) {
        int position = 0;
        for (Item item = head.next; item != target; item = item.next) {
            position += item.visibleLength();
        }
        return position;
    }

    /** The next lookup starts from {@code item}, which starts at visible position {@code position}. */
    void remember(Item item, int position) {
        cacheItem = item;
        cachePosition = position;
    }

    /** The next lookup starts from the head: after a remote op, runs before the cached one may have changed. */
    void forgetPosition() {
        cacheItem = null;
    }

    /** Counts {@code count} more visible characters, which the caller has just linked in. */
    void addVisible(int count) {
        visibleLength += count;
    }

    /** Splits {@code item} before its character at {@code offset}; returns the new right part. */
    Item split(Item item, int offset) {
        StringBuilder tail = item.content == null ? null : new StringBuilder(item.content.substring(offset));
        Item right = new Item(item.replica, item.clock + offset, new CharRef(item.replica, item.clock + offset - 1),
                item.originRight, tail, item.length - offset);
        right.deleted = item.deleted;
        if (item.content != null) {
            item.content.setLength(offset);
        }
        item.length = offset;
        right.splitNext = item.splitNext;
        item.splitNext = right;
        linkAfter(item, right);
        return right;
    }

    void linkAfter(Item before, Item item) {
        item.prev = before;
        item.next = before.next;
        if (before.next != null) {
            before.next.prev = item;
        }
        before.next = item;
    }

    /** Puts {@code fresh} where {@code old} is in the list. */
    void replace(Item old, Item fresh) {
        fresh.prev = old.prev;
        fresh.next = old.next;
        old.prev.next = fresh;
        if (old.next != null) {
            old.next.prev = fresh;
        }
    }

    void markDeleted(Item item) {
        item.deleted = true;
        item.content = null;
        visibleLength -= item.length;
    }

    /**
     * Merges neighbouring tombstones that are pieces of one run (same writer, consecutive clocks, the second typed
     * right after the first, the same right origin) back into one, between {@code from} and {@code to} inclusive.
     * Typing and backspacing splits runs a character at a time; without this, every deleted character would stay a
     * node of its own.
     */
    void mergeTombstones(Item from, Item to) {
        Item item = from == head ? head.next : from;
        while (item != null && item != to) {
            Item next = item.next;
            if (next == null) {
                return;
            }
            if (isContinuedTombstone(item, next)) {
                absorb(item, next);
                if (next == to) {
                    return;
                }
            } else {
                item = next;
            }
        }
    }

    private static boolean isContinuedTombstone(Item first, Item second) {
        return second != null && first.deleted && second.deleted && first.replica == second.replica
                && second.clock == first.clock + first.length && second.originLeft != null
                && second.originLeft.replica() == first.replica && second.originLeft.clock() == first.lastClock()
                && Objects.equals(first.originRight, second.originRight);
    }

    /** Joins {@code second}, the piece split off {@code first}'s tail, back onto {@code first}. */
    private void absorb(Item first, Item second) {
        store.record(first, second.clock, second.length);
        first.length += second.length;
        first.splitNext = second.splitNext;
        first.next = second.next;
        if (second.next != null) {
            second.next.prev = first;
        }
        second.mergedInto = first;
    }

    /** The run {@code item} lives on in, after merges. */
    static Item survivor(Item item) {
        while (item.mergedInto != null) {
            item = item.mergedInto;
        }
        return item;
    }
}
