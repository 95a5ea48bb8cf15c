package dev.vellum.protocol.relay;

/**
 * Where a joiner's history starts: the base snapshot sent first, if it covers more than the client has (else null),
 * the revision after which the items that follow begin, and the note's latest revision when this was read (0 for a
 * new note): the joiner is sent every item up to it, then told it has caught up to it.
 */
public record JoinStart(StoredItem base, long tailAfter, long latestRevision) {
    /**
     * @param widestSnapshot the note's safe snapshot that covers most (see {@link RelayRules#WIDEST_FIRST} and
     *     {@link RelayRules#isSafe}), or null
     * @param since the last revision the client has applied without gaps
     * @param latestRevision the note's latest revision, read after the snapshot
     */
    public static JoinStart of(StoredItem widestSnapshot, long since, long latestRevision) {
        if (widestSnapshot != null && widestSnapshot.item().covers() > since) {
            return new JoinStart(widestSnapshot, widestSnapshot.item().covers(), latestRevision);
        }
        // Not sent first: a snapshot after what the client has comes in its turn with the other items.
        return new JoinStart(null, since, latestRevision);
    }
}
