package dev.vellum.protocol.relay;

import dev.vellum.protocol.id.NoteId;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a joiner's history a bounded page at a time, so that a large note never sits whole in the server's memory:
 * the caller asks for the next page only once the last one has gone out.
 *
 * <p>Consistency without one long transaction: the base (the widest safe snapshot, see {@link RelayRules#isSafe})
 * and the latest revision are fixed when the join begins, and every revision after the base's coverage up to that
 * latest one is still stored then (deletion never goes past a safe snapshot's coverage, and snapshots are never
 * deleted). Pages read {@code after < revision <= latest} and must continue without a gap. A snapshot that becomes
 * safe meanwhile (another reader confirmed it, or it passed the retention time) may have its covered updates
 * deleted before they are sent: the page then has a hole, and the join goes on from the widest safe snapshot, which
 * covers the hole, sent as a new base (a client merges a base with what it already has), up to the note's latest
 * revision read again. So the joiner is never told "caught up to N" with a revision up to N
 * it was never sent or given a snapshot for. Not thread-safe: one page at a time, in order.
 */
public final class JoinPager {
    /** At most this many items per page. */
    public static final int PAGE_ITEMS = 512;
    /** A page stops growing once it holds this many bytes of items (one item may take it past). */
    public static final long PAGE_BYTES = 1024 * 1024;

    private final NoteItemRepository repository;
    private final NoteId noteId;
    private final int pageItems;
    private final long pageBytes;
    /** Every revision up to this one has been sent, or is covered by a base sent. */
    private long after;
    private long latestRevision;
    /** The revision of the base sent, skipped when its turn comes; -1 for none. */
    private long baseRevision = -1;
    private StoredItem pendingBase;
    private boolean finished;

    private JoinPager(NoteItemRepository repository, NoteId noteId, JoinStart start, int pageItems,
                      long pageBytes) {
        if (pageItems < 1 || pageBytes < 1) {
            throw new IllegalArgumentException("a page must hold at least one item");
        }
        this.repository = repository;
        this.noteId = noteId;
        this.pageItems = pageItems;
        this.pageBytes = pageBytes;
        restartFrom(start);
    }

    /** Begins a join of a client that has applied every revision up to {@code since}, with the default page size. */
    public static JoinPager open(NoteItemRepository repository, NoteId noteId, long since) throws StorageException {
        return open(repository, noteId, since, PAGE_ITEMS, PAGE_BYTES);
    }

    public static JoinPager open(NoteItemRepository repository, NoteId noteId, long since, int pageItems,
                                 long pageBytes) throws StorageException {
        return new JoinPager(repository, noteId, repository.joinStart(noteId, since), pageItems, pageBytes);
    }

    /** The revision the joiner is told it has caught up to, after the last page. */
    public long latestRevision() {
        return latestRevision;
    }

    /**
     * Reads the next page.
     *
     * @throws StorageException if the store fails, or a revision is missing that no snapshot covers
     * @throws IllegalStateException after the last page
     */
    public JoinPage next() throws StorageException {
        if (finished) {
            throw new IllegalStateException("the join has sent its last page");
        }
        StoredItem base = pendingBase;
        pendingBase = null;
        if (after >= latestRevision) {
            finished = true;
            return new JoinPage(base, List.of(), true);
        }
        List<StoredItem> read = repository.itemsBetween(noteId, after, latestRevision, pageItems, pageBytes);
        if (!continuesWithoutGap(read)) {
            // A snapshot stored since the join began deleted updates not sent yet: go on from it.
            JoinStart restart = repository.joinStart(noteId, after);
            if (restart.base() == null) {
                throw new StorageException("revision " + (after + 1) + " of note " + noteId
                        + " is missing and no snapshot covers it");
            }
            restartFrom(new JoinStart(restart.base(), restart.tailAfter(),
                    Math.max(latestRevision, restart.latestRevision())));
            return new JoinPage(takeBase(), List.of(), false);
        }
        List<StoredItem> items = new ArrayList<>(read.size());
        for (StoredItem stored : read) {
            if (stored.revision() != baseRevision) {
                items.add(stored);
            }
        }
        after = read.get(read.size() - 1).revision();
        finished = after >= latestRevision;
        return new JoinPage(base, items, finished);
    }

    /** Reads every page: the whole history at once, for tests and test relays; the server sends page by page. */
    public JoinHistory readAll() throws StorageException {
        StoredItem base = null;
        List<StoredItem> items = new ArrayList<>();
        while (!finished) {
            JoinPage page = next();
            if (page.base() != null) {
                base = page.base();
                long covers = base.item().covers();
                long revision = base.revision();
                items.removeIf(stored -> stored.revision() <= covers || stored.revision() == revision);
            }
            items.addAll(page.items());
        }
        return new JoinHistory(base, items, latestRevision);
    }

    private void restartFrom(JoinStart start) {
        after = start.tailAfter();
        latestRevision = start.latestRevision();
        pendingBase = start.base();
        if (start.base() != null) {
            baseRevision = start.base().revision();
        }
    }

    private StoredItem takeBase() {
        StoredItem base = pendingBase;
        pendingBase = null;
        return base;
    }

    /** The items read are exactly the revisions after {@link #after}, in order, and at least one. */
    private boolean continuesWithoutGap(List<StoredItem> read) {
        if (read.isEmpty()) {
            return false;
        }
        for (int i = 0; i < read.size(); i++) {
            if (read.get(i).revision() != after + 1 + i) {
                return false;
            }
        }
        return true;
    }
}
