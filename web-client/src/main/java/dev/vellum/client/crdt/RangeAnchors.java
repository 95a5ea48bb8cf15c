package dev.vellum.client.crdt;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Selections that survive edits, as comments anchor them: a selection is kept as the identities of its first and
 * last characters, and found again as the visible characters from the first one at or after the first id to the
 * last one at or before the last id, in document order, tombstones included. Deleted characters keep their place
 * in the list, so this is well defined and the same on every replica holding the same ops.
 *
 * <p>Finding a run's position walks the list (runs are not indexed by position), so many spans are located in one
 * walk that stops at the last run any of them needs: a hundred threads cost one pass over the runs, not a hundred.
 * It never changes the document.
 */
final class RangeAnchors {
    /** Quotes are cut to this many UTF-16 units (the comment record allows 200 and 600 bytes of UTF-8). */
    static final int QUOTE_UNITS = 200;

    private final ItemStore store;
    private final ItemList list;

    RangeAnchors(ItemStore store, ItemList list) {
        this.store = store;
        this.list = list;
    }

    /** The identities of the characters at {@code start} and {@code end - 1}. */
    CharSpan spanOf(int start, int end) {
        requireSelection(start, end);
        return new CharSpan(charAt(start), charAt(end - 1));
    }

    /** The selected text, cut to {@link #QUOTE_UNITS} UTF-16 units without splitting a surrogate pair. */
    String quoteOf(int start, int end) {
        requireSelection(start, end);
        int wanted = Math.min(end - start, QUOTE_UNITS);
        StringBuilder quote = new StringBuilder(wanted);
        list.findVisible(start);
        Item item = list.foundItem;
        int offset = list.foundOffset;
        while (quote.length() < wanted) {
            if (!item.deleted && item != list.head) {
                int take = Math.min(item.length - offset, wanted - quote.length());
                quote.append(item.content, offset, offset + take);
            }
            offset = 0;
            item = item.next;
        }
        if (end - start > wanted && Character.isHighSurrogate(quote.charAt(wanted - 1))) {
            quote.setLength(wanted - 1);
        }
        return quote.toString();
    }

    /** Where each span lies now, in the order given; one walk over the runs for all of them. */
    List<AnchoredRange> locateAll(List<CharSpan> spans) {
        int count = spans.size();
        Item[] firsts = new Item[count];
        Item[] lasts = new Item[count];
        Map<Item, Integer> positions = new IdentityHashMap<>();
        for (int i = 0; i < count; i++) {
            firsts[i] = runHolding(spans.get(i).first());
            lasts[i] = runHolding(spans.get(i).last());
            if (firsts[i] != null && lasts[i] != null) {
                positions.put(firsts[i], -1);
                positions.put(lasts[i], -1);
            }
        }
        fillPositions(positions);
        List<AnchoredRange> ranges = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ranges.add(firsts[i] == null || lasts[i] == null ? AnchoredRange.detached()
                    : rangeOf(spans.get(i), firsts[i], lasts[i], positions));
        }
        return ranges;
    }

    private AnchoredRange rangeOf(CharSpan span, Item firstItem, Item lastItem, Map<Item, Integer> positions) {
        int firstPosition = positions.get(firstItem);
        int lastPosition = positions.get(lastItem);
        // A tombstone's position is the count of visible characters before it: the index of the first visible one
        // after it, and one past the last visible one before it.
        int start = firstItem.deleted ? firstPosition : firstPosition + span.first().clock() - firstItem.clock;
        int last = lastItem.deleted ? lastPosition - 1 : lastPosition + span.last().clock() - lastItem.clock;
        if (start > last || start >= list.visibleLength() || last < 0) {
            return AnchoredRange.detached();
        }
        return AnchoredRange.of(start, last + 1);
    }

    /** Sets each run's visible start position, walking only as far as the last run asked for. */
    private void fillPositions(Map<Item, Integer> positions) {
        int remaining = positions.size();
        int position = 0;
        for (Item item = list.head.next; item != null && remaining > 0; item = item.next) {
            if (positions.containsKey(item)) {
                positions.put(item, position);
                remaining--;
            }
            position += item.visibleLength();
        }
        if (remaining > 0) {
            throw new IllegalStateException("a run found by its identity is not in the list");
        }
    }

    /** The run holding {@code id}, or null if this document has not received that character. */
    private Item runHolding(CharId id) {
        int r = store.knownIndexOf(id.replica());
        if (r < 0 || id.clock() >= store.nextClock(r)) {
            return null;
        }
        return store.find(r, id.clock());
    }

    private CharId charAt(int position) {
        list.findVisible(position);
        return new CharId(store.replica(list.foundItem.replica), list.foundItem.clock + list.foundOffset);
    }

    private void requireSelection(int start, int end) {
        if (start < 0 || end <= start || end > list.visibleLength()) {
            throw new IndexOutOfBoundsException("select " + start + ".." + end + " in a text of "
                    + list.visibleLength());
        }
    }
}
