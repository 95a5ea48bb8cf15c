package dev.vellum.server.store;

import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.item.NoteItemKind;
import dev.vellum.protocol.item.UpdateHeader;
import dev.vellum.protocol.relay.AppendResult;
import dev.vellum.protocol.relay.ChainHead;
import dev.vellum.protocol.relay.JoinPager;
import dev.vellum.protocol.relay.JoinStart;
import dev.vellum.protocol.relay.NoteItemRepository;
import dev.vellum.protocol.relay.RelayRules;
import dev.vellum.protocol.relay.StorageException;
import dev.vellum.protocol.relay.StoredItem;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * Note items in the database, numbered by the server in order without gaps, and each author's place in their chain.
 * Holds only what clients sent, checked but never decrypted; what is stored and what goes is decided by
 * {@link RelayRules}. A snapshot lets the updates and comment items it covers go once it is safe (confirmed by
 * another reader, or past the retention time), in the transaction that stores an item or records a confirmation, so
 * a joiner never finds neither. Each of those transactions first locks the note's size row, so appends and
 * confirmations of one note count its bytes one after the other. Blocking: {@link NoteItemStore} runs it on the
 * database workers.
 */
public final class JdbcNoteItemRepository implements NoteItemRepository {
    private static final int ATTEMPTS = 8;
    /**
     * The kinds a safe snapshot deletes ({@link RelayRules#isCoveredBySnapshot}: updates and comment items), as the
     * SQL list of their codes: constants of the protocol, never input, so written into the statement once.
     */
    private static final String COVERED_KINDS = Arrays.stream(NoteItemKind.values())
            .filter(RelayRules::isCoveredBySnapshot)
            .map(kind -> String.valueOf(kind.code()))
            .collect(Collectors.joining(", ", "(", ")"));

    private final Database database;
    private final long maxNoteBytes;
    private final LongSupplier clock;
    private final long retentionMillis;
    /**
     * Kept only where this process is the database's one writer. On a shared database (several nodes) another node
     * may have appended since; a stale number fails on the items' key only while that revision still exists, and
     * one whose update a snapshot has since deleted would be handed out twice. There the number is read under the
     * note's row lock ({@link #recordedSize}) in every append: one index read.
     */
    private final LatestRevisions latestRevisions;

    /**
     * @param maxNoteBytes the most bytes one note's stored items may hold (see {@link RelayRules#checkSize})
     * @param clock the time items are stored at and safety is judged at, in milliseconds since the epoch
     * @param retentionMillis how long an unconfirmed snapshot keeps the updates it covers
     */
    public JdbcNoteItemRepository(Database database, long maxNoteBytes, LongSupplier clock, long retentionMillis) {
        this.database = database;
        this.maxNoteBytes = maxNoteBytes;
        this.clock = clock;
        this.retentionMillis = retentionMillis;
        this.latestRevisions = new LatestRevisions(database.shared() ? 0 : LatestRevisions.DEFAULT_NOTES);
    }

    /** @param maxNoteBytes the most bytes one note's stored items may hold (see {@link RelayRules#checkSize}) */
    public JdbcNoteItemRepository(Database database, long maxNoteBytes) {
        this(database, maxNoteBytes, System::currentTimeMillis,
                RelayRules.DEFAULT_UNCONFIRMED_SNAPSHOT_RETENTION_MILLIS);
    }

    public JdbcNoteItemRepository(Database database) {
        this(database, RelayRules.DEFAULT_MAX_NOTE_BYTES);
    }

    @Override
    public AppendResult append(NoteItem item) throws StorageException {
        return appendAll(List.of(item)).get(0);
    }

    /**
     * Group commit: the items, all of one note, each stored or refused as {@link #append} would in turn, in one
     * transaction, so a burst of items costs one commit (one write of H2's file) instead of one each. Nothing is
     * stored unless the transaction commits; the caller acknowledges only after this returns.
     */
    @Override
    public List<AppendResult> appendAll(List<NoteItem> items) throws StorageException {
        return appendGroups(List.of(items)).get(0);
    }

    /**
     * Group commit across notes: each group, all of one note and at most one group per note, stored as
     * {@link #appendAll} would, all in one transaction, so that many notes' items share one commit (the commit was
     * the largest single cost of an append when each note's few items had one of their own). The notes are taken in
     * the order of their ids, so two transactions (on this node or another) lock notes' size rows in the same order
     * and never wait for each other in a cycle. Nothing is stored unless the transaction commits; a failure fails
     * every group of the transaction.
     */
    @Override
    public List<List<AppendResult>> appendGroups(List<List<NoteItem>> groups) throws StorageException {
        List<NoteId> notes = new ArrayList<>(groups.size());
        for (List<NoteItem> items : groups) {
            NoteId noteId = items.get(0).header().documentId();
            for (NoteItem item : items) {
                if (!item.header().documentId().equals(noteId)) {
                    throw new IllegalArgumentException("a group of appends is for one note");
                }
            }
            if (notes.contains(noteId)) {
                throw new IllegalArgumentException("one group per note in a transaction");
            }
            notes.add(noteId);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return appendGroupsOnce(notes, groups, clock.getAsLong());
            } catch (SQLException e) {
                // Another item (maybe on another node) took a number, or an author raced themselves: read again.
                notes.forEach(latestRevisions::forget);
                if (!GroupWrites.isRace(e) || attempt == ATTEMPTS) {
                    throw new StorageException("could not store an item", e);
                }
            }
        }
    }

    /**
     * The note's end as a group of appends moves it: its latest revision, its stored bytes, the widest coverage of
     * a snapshot that is safe at the group's time (read once per group, widened by a snapshot the group stores that
     * is safe at once), and how far the group has deleted what such a snapshot covers.
     */
    private static final class NoteEnd {
        long latestRevision;
        long bytes;
        long safelyCovered;
        long deletedUpTo;

        NoteEnd(long latestRevision, long bytes, long safelyCovered) {
            this.latestRevision = latestRevision;
            this.bytes = bytes;
            this.safelyCovered = safelyCovered;
        }
    }

    private List<List<AppendResult>> appendGroupsOnce(List<NoteId> notes, List<List<NoteItem>> groups, long now)
            throws SQLException {
        Integer[] order = new Integer[groups.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Arrays.compareUnsigned(notes.get(x).toBytes(), notes.get(y).toBytes()));
        List<List<AppendResult>> results = new ArrayList<>(Collections.nCopies(groups.size(), null));
        long[] latest = new long[groups.size()];
        try (Connection connection = database.connection()) {
            connection.setAutoCommit(false);
            try {
                boolean anyStored = false;
                for (int i : order) {
                    NoteEnd end = appendGroup(connection, notes.get(i), groups.get(i), now, results, i);
                    latest[i] = end == null ? -1 : end.latestRevision;
                    anyStored |= end != null;
                }
                if (!anyStored) {
                    connection.rollback();
                    return results;
                }
                connection.commit();
                for (int i = 0; i < latest.length; i++) {
                    if (latest[i] >= 0) {
                        latestRevisions.put(notes.get(i), latest[i]);
                    }
                }
                return results;
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /**
     * One note's group in the transaction: answers each item into {@code results} at {@code index}, and returns
     * where the note ends, or null if nothing of the group was stored.
     */
    private NoteEnd appendGroup(Connection connection, NoteId note, List<NoteItem> items, long now,
                                List<List<AppendResult>> results, int index) throws SQLException {
        byte[] noteId = note.toBytes();
        try (GroupWrites writes = new GroupWrites(connection, noteId)) {
            long recorded = recordedSize(connection, noteId);
            // Kept, not scanned for. A note without a size row (new, or deleted meanwhile) is read afresh; a
            // number another node took meanwhile fails the insert on the key, and the retry reads afresh.
            long latest = recorded < 0 ? -1 : latestRevisions.get(note);
            NoteEnd end = new NoteEnd(latest >= 0 ? latest : latestRevision(connection, noteId),
                    Math.max(0, recorded), safelyCoveredUpTo(connection, noteId, now));
            List<AppendResult> answers = new ArrayList<>(items.size());
            boolean anyStored = false;
            for (NoteItem item : items) {
                AppendResult result = appendInTransaction(connection, writes, noteId, item, now, end);
                anyStored |= result instanceof AppendResult.Stored;
                answers.add(result);
            }
            results.set(index, answers);
            if (!anyStored) {
                return null; // nothing written for this note: its size row is only locked
            }
            writes.finish();
            setNoteSize(connection, noteId, recorded < 0, end.bytes);
            return end;
        }
    }

    /**
     * Checks and stores one item after {@code end}, moving it on; a refused item writes nothing. The deletions a
     * safe snapshot allows run once per group and coverage: what they deleted stays deleted, and every item the
     * group stores comes after any snapshot's coverage (a snapshot covers at most the latest revision).
     */
    private AppendResult appendInTransaction(Connection connection, GroupWrites writes, byte[] noteId,
                                             NoteItem item, long now, NoteEnd end) throws SQLException {
        ChainHead head = writes.chainHead(item.header().authorKeyId().toBytes());
        AppendResult result = RelayRules.admit(item, head, end.latestRevision);
        if (!(result instanceof AppendResult.Stored stored)) {
            return result;
        }
        boolean safeAtOnce = RelayRules.isSafe(new StoredItem(stored.revision(), now, item), false, now,
                retentionMillis);
        long deletesUpTo = Math.max(end.safelyCovered, safeAtOnce ? item.covers() : 0);
        boolean deletes = deletesUpTo > end.deletedUpTo;
        boolean freesOnceSafe = item.kind() == NoteItemKind.SNAPSHOT && item.covers() > deletesUpTo;
        if (deletes || freesOnceSafe) {
            writes.flushItems(); // what follows reads the note's items, the group's own included
        }
        long sizeBefore = end.bytes;
        long deleted = deletes ? deletedBytes(connection, noteId, deletesUpTo) : 0;
        long sizeAfter = sizeBefore - deleted + item.length();
        long freedOnceSafe = freesOnceSafe ? deletedBytes(connection, noteId, item.covers()) - deleted : 0;
        AppendResult.NoteTooLarge tooLarge = RelayRules.checkSize(sizeBefore, sizeAfter, freedOnceSafe,
                maxNoteBytes);
        if (tooLarge != null) {
            return tooLarge;
        }
        writes.store(stored.revision(), item, now);
        if (deletes) {
            deleteCoveredUpTo(connection, noteId, deletesUpTo);
            end.deletedUpTo = deletesUpTo;
        }
        end.safelyCovered = deletesUpTo;
        end.latestRevision = stored.revision();
        end.bytes = sizeAfter;
        return result;
    }

    /**
     * The note's highest revision, 0 if none. Ordered by the whole key so that H2 reads one row of the key's index
     * backwards: {@code MAX(revision) ... WHERE note_id = ?} scans every row of the note (157 ms at 200,000).
     */
    private static long latestRevision(Connection connection, byte[] noteId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT revision FROM note_items "
                + "WHERE note_id = ? ORDER BY note_id DESC, revision DESC LIMIT 1")) {
            query.setBytes(1, noteId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        }
    }

    /**
     * The bytes the note's stored items hold, or -1 if no size is recorded yet (a new note). Locks the row until the
     * transaction ends, so that an append and a confirmation of one note never both count from the same size.
     */
    static long recordedSize(Connection connection, byte[] noteId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT stored_bytes FROM note_sizes WHERE note_id = ? FOR UPDATE")) {
            query.setBytes(1, noteId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getLong(1) : -1;
            }
        }
    }

    /**
     * Records the note's new size. Two first items of one note racing both insert, and one fails on the key and
     * retries, as for the revision number.
     */
    private static void setNoteSize(Connection connection, byte[] noteId, boolean first, long bytes)
            throws SQLException {
        String sql = first ? "INSERT INTO note_sizes (stored_bytes, note_id) VALUES (?, ?)"
                : "UPDATE note_sizes SET stored_bytes = ? WHERE note_id = ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, bytes);
            statement.setBytes(2, noteId);
            statement.executeUpdate();
        }
    }

    /**
     * The widest coverage of a snapshot of the note that {@link RelayRules#isSafe} at {@code now}: confirmed, or
     * stored at least the retention time ago. The updates up to it may go.
     */
    private long safelyCoveredUpTo(Connection connection, byte[] noteId, long now) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT COALESCE(MAX(covers), 0) FROM note_items "
                + "WHERE note_id = ? AND kind = ? AND (confirmed OR stored_at <= ?)")) {
            query.setBytes(1, noteId);
            query.setInt(2, NoteItemKind.SNAPSHOT.code());
            query.setTimestamp(3, retainedSince(now));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** A snapshot stored at or before this time is past the retention time at {@code now}. */
    private Timestamp retainedSince(long now) {
        // Bounded so that a retention of "forever" (Long.MAX_VALUE) does not wrap: 2^45 ms is over a thousand years.
        return new Timestamp(Math.max(now - Math.min(retentionMillis, 1L << 45), -(1L << 45)));
    }

    @Override
    public StoredItem snapshotAt(NoteId noteId, long revision) throws StorageException {
        try (Connection connection = database.connection();
             PreparedStatement query = connection.prepareStatement("SELECT revision, stored_at, item FROM note_items "
                     + "WHERE note_id = ? AND revision = ? AND kind = ?")) {
            query.setBytes(1, noteId.toBytes());
            query.setLong(2, revision);
            query.setInt(3, NoteItemKind.SNAPSHOT.code());
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? stored(rows) : null;
            }
        } catch (SQLException | InvalidMessageException e) {
            throw new StorageException("could not read note " + noteId, e);
        }
    }

    @Override
    public boolean confirm(NoteId noteId, long revision) throws StorageException {
        byte[] id = noteId.toBytes();
        long now = clock.getAsLong();
        try (Connection connection = database.connection()) {
            connection.setAutoCommit(false);
            try {
                long recorded = recordedSize(connection, id);
                try (PreparedStatement mark = connection.prepareStatement("UPDATE note_items SET confirmed = TRUE "
                        + "WHERE note_id = ? AND revision = ? AND kind = ?")) {
                    mark.setBytes(1, id);
                    mark.setLong(2, revision);
                    mark.setInt(3, NoteItemKind.SNAPSHOT.code());
                    if (mark.executeUpdate() != 1) {
                        connection.rollback();
                        return false;
                    }
                }
                long deletesUpTo = safelyCoveredUpTo(connection, id, now);
                long deleted = deletedBytes(connection, id, deletesUpTo);
                deleteCoveredUpTo(connection, id, deletesUpTo);
                if (recorded >= 0) {
                    setNoteSize(connection, id, false, recorded - deleted);
                }
                connection.commit();
                return true;
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StorageException("could not confirm a snapshot of note " + noteId, e);
        }
    }

    /** The bytes of the updates and comment items a snapshot covering up to {@code upTo} deletes. */
    private static long deletedBytes(Connection connection, byte[] noteId, long upTo) throws SQLException {
        if (upTo <= 0) {
            return 0;
        }
        try (PreparedStatement query = connection.prepareStatement("SELECT COALESCE(SUM(OCTET_LENGTH(item)), 0) "
                + "FROM note_items WHERE note_id = ? AND kind IN " + COVERED_KINDS + " AND revision <= ?")) {
            query.setBytes(1, noteId);
            query.setLong(2, upTo);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** Deletes what {@link RelayRules#isDeleted} says a snapshot covering up to {@code upTo} lets go. */
    private static void deleteCoveredUpTo(Connection connection, byte[] noteId, long upTo) throws SQLException {
        if (upTo <= 0) {
            return;
        }
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM note_items WHERE note_id = ? AND kind IN " + COVERED_KINDS + " AND revision <= ?")) {
            delete.setBytes(1, noteId);
            delete.setLong(2, upTo);
            delete.executeUpdate();
        }
    }

    /**
     * The widest snapshot, then the latest revision, in that order: a snapshot stored in between is then at most
     * a revision the join sends, never one past what it says is the latest (see {@link JoinPager}).
     */
    @Override
    public JoinStart joinStart(NoteId noteId, long since) throws StorageException {
        byte[] id = noteId.toBytes();
        try (Connection connection = database.connection()) {
            StoredItem widest = widestSafeSnapshot(connection, id, clock.getAsLong());
            return JoinStart.of(widest, since, latestRevision(connection, id));
        } catch (SQLException | InvalidMessageException e) {
            throw new StorageException("could not read note " + noteId, e);
        }
    }

    /**
     * Finds how far the page reaches from the items' sizes first, then reads just those items, so a page never
     * holds more than {@code maxBytes} and one item whatever the database materializes. An item deleted between the
     * two reads leaves a hole, which {@link JoinPager} sees.
     */
    @Override
    public List<StoredItem> itemsBetween(NoteId noteId, long after, long upTo, int maxItems, long maxBytes)
            throws StorageException {
        byte[] id = noteId.toBytes();
        try (Connection connection = database.connection()) {
            long reach = pageReach(connection, id, after, upTo, maxItems, maxBytes);
            List<StoredItem> items = new ArrayList<>();
            if (reach <= after) {
                return items;
            }
            try (PreparedStatement query = connection.prepareStatement("SELECT revision, stored_at, item "
                    + "FROM note_items WHERE note_id = ? AND revision > ? AND revision <= ? ORDER BY revision")) {
                query.setBytes(1, id);
                query.setLong(2, after);
                query.setLong(3, reach);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        items.add(stored(rows));
                    }
                }
            }
            return items;
        } catch (SQLException | InvalidMessageException e) {
            throw new StorageException("could not read note " + noteId, e);
        }
    }

    /** The last revision of the page: where {@code maxItems} or {@code maxBytes} is reached; {@code after} if none. */
    private static long pageReach(Connection connection, byte[] id, long after, long upTo, int maxItems,
                                  long maxBytes) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT revision, OCTET_LENGTH(item) "
                + "FROM note_items WHERE note_id = ? AND revision > ? AND revision <= ? ORDER BY revision LIMIT ?")) {
            query.setBytes(1, id);
            query.setLong(2, after);
            query.setLong(3, upTo);
            query.setInt(4, maxItems);
            long reach = after;
            long bytes = 0;
            try (ResultSet rows = query.executeQuery()) {
                while (bytes < maxBytes && rows.next()) {
                    reach = rows.getLong(1);
                    bytes += rows.getLong(2);
                }
            }
            return reach;
        }
    }

    /**
     * The first safe snapshot ({@link RelayRules#isSafe}) in {@link RelayRules#WIDEST_FIRST} order. The ORDER BY
     * names every column of the coverage index, which H2 needs to read it in order instead of sorting all snapshots.
     */
    private StoredItem widestSafeSnapshot(Connection connection, byte[] noteId, long now)
            throws SQLException, InvalidMessageException {
        try (PreparedStatement query = connection.prepareStatement("SELECT revision, stored_at, item FROM note_items "
                + "WHERE note_id = ? AND kind = ? AND (confirmed OR stored_at <= ?) "
                + "ORDER BY note_id, kind, covers DESC, revision DESC LIMIT 1")) {
            query.setBytes(1, noteId);
            query.setInt(2, NoteItemKind.SNAPSHOT.code());
            query.setTimestamp(3, retainedSince(now));
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? stored(rows) : null;
            }
        }
    }

    /**
     * The snapshots {@link RelayRules#isVersionBefore} {@code before}, newest first, at most {@code limit} and until
     * {@code maxBytes} is reached. Like {@link #itemsBetween}, it reads the sizes first and then only the items that
     * fit, so up to 50 snapshots of a frame each are never held at once. The second read is bounded by the revisions
     * the first found, so a snapshot stored in between is not added; one deleted in between is simply not listed.
     */
    @Override
    public List<StoredItem> snapshotsBefore(NoteId noteId, long before, int limit, long maxBytes)
            throws StorageException {
        byte[] id = noteId.toBytes();
        try (Connection connection = database.connection()) {
            RevisionSpan span = versionsSpan(connection, id, before, limit, maxBytes);
            List<StoredItem> snapshots = new ArrayList<>();
            if (span == null) {
                return snapshots;
            }
            try (PreparedStatement query = connection.prepareStatement("SELECT revision, stored_at, item "
                    + "FROM note_items WHERE note_id = ? AND kind = ? AND revision <= ? AND revision >= ? "
                    + "ORDER BY revision DESC LIMIT ?")) {
                query.setBytes(1, id);
                query.setInt(2, NoteItemKind.SNAPSHOT.code());
                query.setLong(3, span.newest());
                query.setLong(4, span.oldest());
                query.setInt(5, limit);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        snapshots.add(stored(rows));
                    }
                }
            }
            return snapshots;
        } catch (SQLException | InvalidMessageException e) {
            throw new StorageException("could not list the versions of note " + noteId, e);
        }
    }

    /** The revisions a versions page spans, newest to where {@code limit} or {@code maxBytes} is reached. */
    private record RevisionSpan(long newest, long oldest) {
    }

    /** The versions page's span, read from the snapshots' sizes alone; null if there is none. */
    private static RevisionSpan versionsSpan(Connection connection, byte[] id, long before, int limit, long maxBytes)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT revision, OCTET_LENGTH(item) "
                + "FROM note_items WHERE note_id = ? AND kind = ? AND revision < ? ORDER BY revision DESC LIMIT ?")) {
            query.setBytes(1, id);
            query.setInt(2, NoteItemKind.SNAPSHOT.code());
            query.setLong(3, before);
            query.setInt(4, limit);
            RevisionSpan span = null;
            long bytes = 0;
            try (ResultSet rows = query.executeQuery()) {
                while (bytes < maxBytes && rows.next()) {
                    long revision = rows.getLong(1);
                    span = new RevisionSpan(span == null ? revision : span.newest(), revision);
                    bytes += rows.getLong(2);
                }
            }
            return span;
        }
    }

    /** Reads {@code revision, stored_at, item} from the current row. */
    private static StoredItem stored(ResultSet rows) throws SQLException, InvalidMessageException {
        return new StoredItem(rows.getLong(1), rows.getTimestamp(2).getTime(), NoteItem.parse(rows.getBytes(3)));
    }
}
