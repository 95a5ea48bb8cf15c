package dev.vellum.protocol.relay;

/**
 * Where a joiner's history starts: the base snapshot sent first, if it covers more than the client has (else null),
 * and the revision after which the items that follow begin.
 */
public record JoinStart(StoredItem base, long tailAfter) {
    /**
     * @param widestSnapshot the note's snapshot that covers most (see {@link RelayRules#WIDEST_FIRST}), or null
     * @param since the last revision the client has applied without gaps
     */
    public static JoinStart of(StoredItem widestSnapshot, long since) {
        if (widestSnapshot != null && widestSnapshot.item().covers() > since) {
            return new JoinStart(widestSnapshot, widestSnapshot.item().covers());
        }
        // Not sent first: a snapshot after what the client has comes in its turn with the other items.
        return new JoinStart(null, since);
    }

    /** The stored item belongs after the base: past what the client has or the base covers, and not the base. */
    public boolean follows(StoredItem stored) {
        return stored.revision() > tailAfter && (base == null || stored.revision() != base.revision());
    }
}
