package dev.vellum.protocol.relay;

import dev.vellum.protocol.item.NoteItem;

/** An item as the relay holds it: the number the server gave it, when it was stored, and the item itself. */
public record StoredItem(long revision, long storedAtMillis, NoteItem item) {
}
