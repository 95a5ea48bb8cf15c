package dev.vellum.protocol.relay;

import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.item.UpdateHash;

/**
 * An author's last stored sequence number and item hash in one note. The relay keeps it even after a snapshot lets
 * the item itself go, so the chain check never forgets where an author stands.
 */
public record ChainHead(long lastSequence, UpdateHash lastHash) {
    /** An author with nothing stored in the note: their first item has sequence 1 and names no predecessor. */
    public static final ChainHead NONE = new ChainHead(0, UpdateHash.NONE);

    /** Where the author stands once {@code item} is stored. */
    public static ChainHead after(NoteItem item) {
        return new ChainHead(item.header().sequence(), item.hash());
    }

    /** The sequence number the author's next item must carry. */
    public long expectedSequence() {
        return lastSequence + 1;
    }

    /** The item is the author's next: the sequence after this one, naming this one's hash as its predecessor. */
    public boolean isContinuedBy(NoteItem item) {
        return item.header().sequence() == expectedSequence() && item.header().previousHash().equals(lastHash);
    }
}
