package dev.vellum.client.sync;

import dev.vellum.protocol.id.IdentityKeyId;
import dev.vellum.protocol.item.NoteItem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Items that skip some of their author's sequence numbers, by the revision they came under, waiting for the missing
 * ones. A server may send one author's two items in the wrong order: applied as they come, the later one would be a
 * gap and the earlier one a replay, refused, and that author's text would be lost. Held, the later one is applied
 * right after the earlier. The wait is bounded: an item is overdue once {@link SyncTunables#GAP_WAIT_REVISIONS}
 * later revisions went by, or when more than {@link SyncTunables#MAX_HELD_ITEMS} wait; at "caught up" every one is
 * (the whole history is here, so what they miss was withheld or lost). Overdue items are applied with a gap warning.
 */
final class HeldItems {
    private final ItemChecks checks;
    private final TreeMap<Long, NoteItem> held = new TreeMap<>();

    HeldItems(ItemChecks checks) {
        this.checks = checks;
    }

    void hold(long revision, NoteItem item) {
        held.put(revision, item);
    }

    boolean isEmpty() {
        return held.isEmpty();
    }

    /** The lowest revision whose item waits, 0 if none. */
    long firstRevision() {
        return held.isEmpty() ? 0 : held.firstKey();
    }

    /** A held item whose missing predecessors have arrived (it no longer skips ahead), taken out; null if none. */
    Map.Entry<Long, NoteItem> takeOneThatFits() {
        for (Iterator<Map.Entry<Long, NoteItem>> waiting = held.entrySet().iterator(); waiting.hasNext(); ) {
            Map.Entry<Long, NoteItem> entry = waiting.next();
            if (!checks.skipsAhead(entry.getValue())) {
                waiting.remove();
                return entry;
            }
        }
        return null;
    }

    /** Whether the oldest held item has waited long enough, now that revisions up to {@code appliedThrough} are in. */
    boolean oldestIsOverdue(long appliedThrough) {
        return !held.isEmpty() && (held.size() > SyncTunables.MAX_HELD_ITEMS
                || appliedThrough - held.firstKey() > SyncTunables.GAP_WAIT_REVISIONS);
    }

    /**
     * Takes out every held item of the oldest held item's author, lowest sequence first: applied in that order, each
     * gap is warned about once and what follows a held item in the chain applies after it.
     */
    List<Map.Entry<Long, NoteItem>> takeOldestAuthors() {
        IdentityKeyId author = held.firstEntry().getValue().header().authorKeyId();
        List<Map.Entry<Long, NoteItem>> theirs = new ArrayList<>();
        for (Iterator<Map.Entry<Long, NoteItem>> waiting = held.entrySet().iterator(); waiting.hasNext(); ) {
            Map.Entry<Long, NoteItem> entry = waiting.next();
            if (entry.getValue().header().authorKeyId().equals(author)) {
                theirs.add(entry);
                waiting.remove();
            }
        }
        theirs.sort(Comparator.comparingLong(entry -> entry.getValue().header().sequence()));
        return theirs;
    }

    /** Forgets the items a loaded snapshot covers: its state has them already. */
    void dropThrough(long covers) {
        held.headMap(covers, true).clear();
    }

    void clear() {
        held.clear();
    }
}
