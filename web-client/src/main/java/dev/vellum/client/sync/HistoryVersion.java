package dev.vellum.client.sync;

import dev.vellum.client.people.PersonName;

/**
 * One earlier version of the note (a snapshot), opened and checked, for the history list.
 *
 * @param revision the server's number for the snapshot, to ask for older ones
 * @param author who made it: their username if the snapshot carries a verified device certificate, else the name
 *               they chose (empty if none)
 * @param authorKey the first 8 hex digits of the author's key id, telling apart people who chose the same name
 * @param createdAtMillis when its author made it, by their clock
 */
public record HistoryVersion(long revision, PersonName author, String authorKey, long createdAtMillis,
                             String text) {
}
