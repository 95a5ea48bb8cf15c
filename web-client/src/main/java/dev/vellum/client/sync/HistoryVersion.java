package dev.vellum.client.sync;

/**
 * One earlier version of the note (a snapshot), opened and checked, for the history list.
 *
 * @param revision the server's number for the snapshot, to ask for older ones
 * @param authorKey the first 8 hex digits of the author's key id, telling apart people who chose the same name
 * @param createdAtMillis when its author made it, by their clock
 */
public record HistoryVersion(long revision, String authorName, String authorKey, long createdAtMillis,
                             String text) {
}
