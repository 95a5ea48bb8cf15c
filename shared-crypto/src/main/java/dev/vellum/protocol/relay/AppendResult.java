package dev.vellum.protocol.relay;

/** What became of an item offered to the relay. Nothing is stored unless the result is {@link Stored}. */
public sealed interface AppendResult {
    /** Stored under this revision number. */
    record Stored(long revision) implements AppendResult {
    }

    /** The item is not its author's next: the relay expected this sequence number from them. */
    record ChainConflict(long expectedSequence) implements AppendResult {
    }

    /**
     * Storing the item would take the note past the relay's size limit (its stored items' bytes, after a snapshot's
     * deletions); a snapshot that makes the note smaller is stored even past it.
     */
    record NoteTooLarge(long sizeAfter, long maxNoteBytes) implements AppendResult {
    }

    /** A snapshot that claims to cover revisions the note does not have yet. */
    record SnapshotBeyondHistory(long latestRevision) implements AppendResult {
    }
}
