package dev.vellum.protocol.relay;

import java.util.List;

/**
 * One page of a joiner's history: a base snapshot to send first (or null), the items after it in revision order,
 * and whether this is the last page, after which the joiner is told it has caught up.
 */
public record JoinPage(StoredItem base, List<StoredItem> items, boolean last) {
    public JoinPage {
        items = List.copyOf(items);
    }
}
