package dev.vellum.client.crdt;

import java.util.ArrayList;
import java.util.List;

/**
 * The ops that bring a base copy (typically a snapshot) up to everything a document holds, as Yjs encodes an update
 * against a state vector: each run, or the part of it, with clocks the base does not have, and every deletion.
 */
final class CatchUpOps {
    private CatchUpOps() {
    }

    /**
     * Applying the result to {@code base} merges the two; a run cut at a clock continues after the character before
     * it, as any run typed in order does. Text that was deleted is sent as placeholders, since a tombstone keeps no
     * text and nobody will see it.
     */
    static List<TextOp> beyond(ItemStore store, ItemList list, ItemStore base) {
        List<TextOp> inserts = new ArrayList<>();
        List<TextOp.Delete> deletes = new ArrayList<>();
        for (Item item = list.head.next; item != null; item = item.next) {
            ReplicaId replica = store.replica(item.replica);
            int baseIndex = base.knownIndexOf(replica);
            int known = baseIndex < 0 ? 0 : base.nextClock(baseIndex);
            int from = Math.max(item.clock, known);
            if (from < item.clock + item.length) {
                CharId left = from == item.clock ? store.charId(item.originLeft) : new CharId(replica, from - 1);
                int offset = from - item.clock;
                String text = item.deleted ? new String(new char[item.length - offset])
                        : item.content.substring(offset);
                inserts.add(new TextOp.Insert(replica, from, left, store.charId(item.originRight), text));
            }
            if (item.deleted) {
                LocalEdits.addDelete(deletes, replica, item);
            }
        }
        inserts.addAll(deletes);
        return inserts;
    }
}
