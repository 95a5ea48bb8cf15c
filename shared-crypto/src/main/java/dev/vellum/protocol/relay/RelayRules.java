package dev.vellum.protocol.relay;

import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.item.NoteItemKind;
import java.util.Comparator;

/**
 * The relay's admission rules, written once for every {@link NoteItemRepository}: whether an item continues its
 * author's chain, the number it gets, what a snapshot may cover and which updates it lets go, and which stored
 * items are versions. Pure decisions over values the repository looked up; they never touch storage or keys.
 */
public final class RelayRules {
    /**
     * Orders snapshots by how much they cover, the latest first among equals: the first is a joiner's base. Every
     * update it covers may be gone, and every item after what it covers is still there, since deletion never goes
     * past a snapshot's coverage.
     */
    public static final Comparator<StoredItem> WIDEST_FIRST = Comparator
            .comparingLong((StoredItem stored) -> stored.item().covers())
            .thenComparingLong(StoredItem::revision)
            .reversed();

    /**
     * A note's stored items may hold this many bytes by default: far more than any text typed by hand, small enough
     * that one note cannot fill the disk or make each join long.
     */
    public static final long DEFAULT_MAX_NOTE_BYTES = 64L * 1024 * 1024;

    private RelayRules() {
    }

    /**
     * Whether the note may grow from {@code sizeBefore} to {@code sizeAfter} bytes (its stored items, counted after
     * a snapshot's deletions) under a limit of {@code maxNoteBytes}: within the limit, or smaller than before (a
     * snapshot that makes room must be stored, or a full note could never shrink). Null if it may, else the refusal.
     */
    public static AppendResult.NoteTooLarge checkSize(long sizeBefore, long sizeAfter, long maxNoteBytes) {
        if (sizeAfter <= maxNoteBytes || sizeAfter < sizeBefore) {
            return null;
        }
        return new AppendResult.NoteTooLarge(sizeAfter, maxNoteBytes);
    }

    /**
     * Decides what becomes of {@code item}, offered to a note whose latest revision is {@code latestRevision}, from
     * an author whose chain stands at {@code head}: a conflict if it is not the author's next, refused if a snapshot
     * claims revisions not stored yet, else stored as the next revision.
     */
    public static AppendResult admit(NoteItem item, ChainHead head, long latestRevision) {
        if (!head.isContinuedBy(item)) {
            return new AppendResult.ChainConflict(head.expectedSequence());
        }
        if (item.kind() == NoteItemKind.SNAPSHOT && item.covers() > latestRevision) {
            return new AppendResult.SnapshotBeyondHistory(latestRevision);
        }
        return new AppendResult.Stored(latestRevision + 1);
    }

    /**
     * The highest revision whose updates go once {@code item} is stored: a snapshot's coverage, or 0 (nothing) for
     * an update. Only updates go; older snapshots stay as the note's versions.
     */
    public static long deletesUpdatesUpTo(NoteItem item) {
        return item.kind() == NoteItemKind.SNAPSHOT ? item.covers() : 0;
    }

    /** The stored item is an update that a snapshot covering up to {@code deletesUpTo} lets go. */
    public static boolean isDeleted(StoredItem stored, long deletesUpTo) {
        return stored.item().kind() == NoteItemKind.UPDATE && stored.revision() <= deletesUpTo;
    }

    /** The stored item is one of the note's versions listed before revision {@code before}. */
    public static boolean isVersionBefore(StoredItem stored, long before) {
        return stored.item().kind() == NoteItemKind.SNAPSHOT && stored.revision() < before;
    }
}
