package dev.vellum.client.crdt;

/**
 * Positions that survive edits: a caret or a selection end is kept as the identity of the character before it, and
 * found again as a position after remote edits have moved it. Positions count UTF-16 code units.
 */
final class Anchors {
    private final ItemStore store;
    private final ItemList list;

    Anchors(ItemStore store, ItemList list) {
        this.store = store;
        this.list = list;
    }

    /** The identity of the character just before {@code position}, or null at the start. */
    CharId charBefore(int position) {
        int visibleLength = list.visibleLength();
        if (position <= 0 || visibleLength == 0) {
            return null;
        }
        list.findVisible(Math.min(position, visibleLength) - 1);
        return new CharId(store.replica(list.foundItem.replica), list.foundItem.clock + list.foundOffset);
    }

    /**
     * Where a caret placed after {@code id} is now: after that character, or where it was if it has been deleted.
     * Unknown characters (not yet received) place it at the start.
     */
    int positionAfter(CharId id) {
        if (id == null) {
            return 0;
        }
        int r = store.knownIndexOf(id.replica());
        if (r < 0 || id.clock() >= store.nextClock(r)) {
            return 0;
        }
        Item target = store.find(r, id.clock());
        int position = list.positionOf(target);
        return target.deleted ? position : position + id.clock() - target.clock + 1;
    }
}
