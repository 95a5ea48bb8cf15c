package dev.vellum.protocol.relay;

import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.item.NoteItem;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the relay keeps note items: numbered in order without gaps, with each author's place in their chain. An
 * implementation decides with {@link RelayRules} and only stores and looks up; it never decrypts. Calls block (a
 * database implementation runs them off the event loop) and each is atomic: a joiner never sees half an append.
 */
public interface NoteItemRepository {
    /**
     * Stores the item as its note's next revision if it continues its author's chain and, for a snapshot, covers
     * only stored revisions. The updates a snapshot covers stay until it is safe ({@link RelayRules#isSafe}:
     * confirmed, or past the retention time); in the same step, the updates every safe snapshot covers go.
     */
    AppendResult append(NoteItem item) throws StorageException;

    /**
     * Appends items of one note in order, each as {@link #append} would, and answers each. A database
     * implementation stores them in one transaction (group commit); by default they go one by one.
     */
    default List<AppendResult> appendAll(List<NoteItem> items) throws StorageException {
        List<AppendResult> results = new ArrayList<>(items.size());
        for (NoteItem item : items) {
            results.add(append(item));
        }
        return results;
    }

    /**
     * Appends several notes' groups, at most one group per note, each as {@link #appendAll} would, and answers each
     * group in the order given. A database implementation stores them all in one transaction (group commit across
     * notes); by default each group goes on its own.
     */
    default List<List<AppendResult>> appendGroups(List<List<NoteItem>> groups) throws StorageException {
        List<List<AppendResult>> results = new ArrayList<>(groups.size());
        for (List<NoteItem> items : groups) {
            results.add(appendAll(items));
        }
        return results;
    }

    /** The snapshot stored as revision {@code revision} of the note, or null if that revision is no stored snapshot. */
    StoredItem snapshotAt(NoteId noteId, long revision) throws StorageException;

    /**
     * Records that the snapshot stored as {@code revision} is confirmed (the caller checked the confirmation with
     * {@link RelayRules#confirmationRefusal}), and in the same step lets go the updates every safe snapshot covers.
     * Returns false, changing nothing, if that revision is no stored snapshot.
     */
    boolean confirm(NoteId noteId, long revision) throws StorageException;

    /**
     * Where the history of a client that has applied every revision up to {@code since} starts: the note's widest
     * safe snapshot ({@link RelayRules#isSafe}), read before its latest revision (see {@link JoinStart}); later
     * unconfirmed snapshots come with the items after it, so the joiner holds what they cover and checks them.
     */
    JoinStart joinStart(NoteId noteId, long since) throws StorageException;

    /**
     * The stored items with {@code after < revision <= upTo}, oldest first: at most {@code maxItems}, and no more
     * once they hold {@code maxBytes} (the first is always included), so a page of history stays bounded.
     */
    List<StoredItem> itemsBetween(NoteId noteId, long after, long upTo, int maxItems, long maxBytes)
            throws StorageException;

    /**
     * What a client that has applied every revision up to {@code since} needs, read whole; see {@link JoinHistory}.
     * The server reads it page by page with {@link JoinPager} instead.
     */
    default JoinHistory joinHistory(NoteId noteId, long since) throws StorageException {
        return JoinPager.open(this, noteId, since).readAll();
    }

    /**
     * Up to {@code limit} snapshots stored before revision {@code before}, newest first: the note's versions, no more
     * than one page of {@link HistoryPages#MAX_VERSIONS_BYTES} holds.
     */
    default List<StoredItem> snapshotsBefore(NoteId noteId, long before, int limit) throws StorageException {
        return snapshotsBefore(noteId, before, limit, HistoryPages.MAX_VERSIONS_BYTES);
    }

    /**
     * Up to {@code limit} snapshots stored before revision {@code before}, newest first, stopping once their items
     * reach {@code maxBytes} (the one that crosses is included, so there is always one if any exists): a read never
     * holds much more than {@code maxBytes} in memory, however large the snapshots.
     */
    List<StoredItem> snapshotsBefore(NoteId noteId, long before, int limit, long maxBytes) throws StorageException;
}
