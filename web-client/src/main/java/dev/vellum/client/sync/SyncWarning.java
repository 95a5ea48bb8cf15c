package dev.vellum.client.sync;

/**
 * Something wrong with the history the server sent, shown to the person until they dismiss it. Apart from a gap,
 * the item concerned was not applied.
 */
public record SyncWarning(Kind kind, String message) {
    public enum Kind {
        BAD_SIGNATURE, UNREADABLE, REPLAY, GAP, BROKEN_CHAIN,
        /** Not about the history's integrity: the server could not list the note's versions just now. */
        VERSIONS_UNAVAILABLE
    }
}
