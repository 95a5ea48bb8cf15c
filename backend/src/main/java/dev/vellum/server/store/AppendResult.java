package dev.vellum.server.store;

/** What became of a revision offered to the store. */
public enum AppendResult {
    STORED,
    /** Its number is not the next one: someone else's revision took it, or the client is behind. */
    STALE
}
