package dev.vellum.client.crdt;

import java.util.ArrayList;
import java.util.List;

/**
 * The definition of an anchored range, written as plainly as possible to check {@link RangeAnchors} against: every
 * character of the document in order, tombstones included, one by one.
 */
final class NaiveRanges {
    private final List<CharId> ids = new ArrayList<>();
    private final List<Boolean> visible = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();

    NaiveRanges(TextDocument doc) {
        for (Item item = doc.list.head.next; item != null; item = item.next) {
            for (int k = 0; k < item.length; k++) {
                ids.add(new CharId(doc.store.replica(item.replica), item.clock + k));
                visible.add(!item.deleted);
                if (!item.deleted) {
                    text.append(item.content.charAt(k));
                }
            }
        }
    }

    /** Where {@code id} is among all characters, tombstones included; -1 if the document lacks it. */
    int indexOf(CharId id) {
        return ids.indexOf(id);
    }

    AnchoredRange locate(CharId firstId, CharId lastId) {
        int first = indexOf(firstId);
        int last = indexOf(lastId);
        if (first < 0 || last < 0) {
            return AnchoredRange.detached();
        }
        int start = -1;
        for (int i = first; i < ids.size() && start < 0; i++) {
            if (visible.get(i)) {
                start = visibleIndex(i);
            }
        }
        int end = -1;
        for (int i = last; i >= 0 && end < 0; i--) {
            if (visible.get(i)) {
                end = visibleIndex(i) + 1;
            }
        }
        return start < 0 || end <= start ? AnchoredRange.detached() : AnchoredRange.of(start, end);
    }

    String textOf(AnchoredRange range) {
        return range.isDetached() ? "" : text.substring(range.start(), range.end());
    }

    private int visibleIndex(int index) {
        int count = 0;
        for (int i = 0; i < index; i++) {
            if (visible.get(i)) {
                count++;
            }
        }
        return count;
    }
}
