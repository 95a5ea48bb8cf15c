package dev.vellum.protocol.relay;

import java.util.List;

/**
 * What a client joining a note is sent: the safe snapshot that covers most ({@link RelayRules#isSafe}), if it covers
 * more than the client has (else null), then the items after what the client has or the snapshot covers, oldest first; and the note's latest
 * revision number (0 for a new note).
 */
public record JoinHistory(StoredItem base, List<StoredItem> items, long latestRevision) {
    public JoinHistory {
        items = List.copyOf(items);
    }
}
