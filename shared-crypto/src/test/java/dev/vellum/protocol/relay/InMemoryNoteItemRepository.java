package dev.vellum.protocol.relay;

import dev.vellum.protocol.id.IdentityKeyId;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.item.NoteItemKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The relay's store in memory, for tests: the same {@link RelayRules} as the database store, over lists and maps.
 * {@link NoteItemRepositoryContract} holds both to the same behaviour, so a test relay built on this one cannot
 * drift from the server. Synchronized, so that tests may append from several threads as clients would.
 */
public final class InMemoryNoteItemRepository implements NoteItemRepository {
    private final LongSupplier clock;
    private final long maxNoteBytes;
    private final long retentionMillis;
    private final Map<NoteId, Note> notes = new HashMap<>();

    /**
     * @param clock the storage time given to each stored item, and the time safety is judged at, in milliseconds
     *     since the epoch
     * @param maxNoteBytes the most bytes one note's stored items may hold (see {@link RelayRules#checkSize})
     * @param retentionMillis how long an unconfirmed snapshot keeps the updates it covers
     */
    public InMemoryNoteItemRepository(LongSupplier clock, long maxNoteBytes, long retentionMillis) {
        this.clock = clock;
        this.maxNoteBytes = maxNoteBytes;
        this.retentionMillis = retentionMillis;
    }

    public InMemoryNoteItemRepository(LongSupplier clock, long maxNoteBytes) {
        this(clock, maxNoteBytes, RelayRules.DEFAULT_UNCONFIRMED_SNAPSHOT_RETENTION_MILLIS);
    }

    /** @param clock the storage time given to each stored item, in milliseconds since the epoch */
    public InMemoryNoteItemRepository(LongSupplier clock) {
        this(clock, RelayRules.DEFAULT_MAX_NOTE_BYTES);
    }

    public InMemoryNoteItemRepository() {
        this(System::currentTimeMillis);
    }

    /** One note's items in revision order, its confirmed snapshots, latest revision, and each author's chain. */
    private static final class Note {
        final List<StoredItem> items = new ArrayList<>();
        final Set<Long> confirmed = new HashSet<>();
        final Map<IdentityKeyId, ChainHead> chains = new HashMap<>();
        long latestRevision;
    }

    @Override
    public synchronized AppendResult append(NoteItem item) {
        Note note = notes.computeIfAbsent(item.header().documentId(), id -> new Note());
        IdentityKeyId author = item.header().authorKeyId();
        AppendResult result = RelayRules.admit(item, note.chains.getOrDefault(author, ChainHead.NONE),
                note.latestRevision);
        if (result instanceof AppendResult.Stored stored) {
            List<StoredItem> grown = new ArrayList<>(note.items);
            grown.add(new StoredItem(stored.revision(), clock.getAsLong(), item));
            long deletesUpTo = safelyCoveredUpTo(note, grown);
            List<StoredItem> kept = grown.stream().filter(old -> !RelayRules.isDeleted(old, deletesUpTo)).toList();
            long freedOnceSafe = item.kind() == NoteItemKind.SNAPSHOT
                    ? bytes(kept.stream().filter(old -> RelayRules.isDeleted(old, item.covers())).toList()) : 0;
            AppendResult.NoteTooLarge tooLarge = RelayRules.checkSize(bytes(note.items), bytes(kept), freedOnceSafe,
                    maxNoteBytes);
            if (tooLarge != null) {
                return tooLarge;
            }
            note.items.clear();
            note.items.addAll(kept);
            note.chains.put(author, ChainHead.after(item));
            note.latestRevision = stored.revision();
        }
        return result;
    }

    @Override
    public synchronized StoredItem snapshotAt(NoteId noteId, long revision) {
        Note note = notes.get(noteId);
        if (note == null) {
            return null;
        }
        return note.items.stream()
                .filter(stored -> stored.revision() == revision && stored.item().kind() == NoteItemKind.SNAPSHOT)
                .findFirst().orElse(null);
    }

    @Override
    public synchronized boolean confirm(NoteId noteId, long revision) {
        if (snapshotAt(noteId, revision) == null) {
            return false;
        }
        Note note = notes.get(noteId);
        note.confirmed.add(revision);
        long deletesUpTo = safelyCoveredUpTo(note, note.items);
        note.items.removeIf(old -> RelayRules.isDeleted(old, deletesUpTo));
        return true;
    }

    /** The widest coverage of a safe snapshot among {@code items}: the updates up to it may go. */
    private long safelyCoveredUpTo(Note note, List<StoredItem> items) {
        long now = clock.getAsLong();
        return items.stream()
                .filter(stored -> RelayRules.isSafe(stored, note.confirmed.contains(stored.revision()), now,
                        retentionMillis))
                .mapToLong(stored -> stored.item().covers())
                .max().orElse(0);
    }

    /** Read page by page as the server does; memory does not fail, so no {@link StorageException} to declare. */
    @Override
    public synchronized JoinHistory joinHistory(NoteId noteId, long since) {
        try {
            return NoteItemRepository.super.joinHistory(noteId, since);
        } catch (StorageException e) {
            throw new IllegalStateException("the in-memory history has a hole", e);
        }
    }

    @Override
    public synchronized JoinStart joinStart(NoteId noteId, long since) {
        Note note = notes.get(noteId);
        if (note == null) {
            return JoinStart.of(null, since, 0);
        }
        long now = clock.getAsLong();
        StoredItem widest = note.items.stream()
                .filter(stored -> RelayRules.isSafe(stored, note.confirmed.contains(stored.revision()), now,
                        retentionMillis))
                .min(RelayRules.WIDEST_FIRST)
                .orElse(null);
        return JoinStart.of(widest, since, note.latestRevision);
    }

    @Override
    public synchronized List<StoredItem> itemsBetween(NoteId noteId, long after, long upTo, int maxItems,
                                                      long maxBytes) {
        Note note = notes.get(noteId);
        List<StoredItem> page = new ArrayList<>();
        if (note == null) {
            return page;
        }
        long bytes = 0;
        for (StoredItem stored : note.items) {
            if (page.size() >= maxItems || bytes >= maxBytes) {
                break;
            }
            if (stored.revision() > after && stored.revision() <= upTo) {
                page.add(stored);
                bytes += stored.item().length();
            }
        }
        return page;
    }

    /** As the interface's, without its checked exception: memory does not fail, and callers need not catch. */
    @Override
    public List<StoredItem> snapshotsBefore(NoteId noteId, long before, int limit) {
        return snapshotsBefore(noteId, before, limit, HistoryPages.MAX_VERSIONS_BYTES);
    }

    @Override
    public synchronized List<StoredItem> snapshotsBefore(NoteId noteId, long before, int limit, long maxBytes) {
        Note note = notes.get(noteId);
        if (note == null) {
            return List.of();
        }
        List<StoredItem> newestFirst = new ArrayList<>();
        long bytes = 0;
        for (int i = note.items.size() - 1; i >= 0 && newestFirst.size() < limit && bytes < maxBytes; i--) {
            if (RelayRules.isVersionBefore(note.items.get(i), before)) {
                newestFirst.add(note.items.get(i));
                bytes += note.items.get(i).item().length();
            }
        }
        return newestFirst;
    }

    private static long bytes(List<StoredItem> items) {
        return items.stream().mapToLong(stored -> stored.item().length()).sum();
    }

    /** Every item the note still holds, in revision order: for tests that look at what the relay kept. */
    public synchronized List<StoredItem> stored(NoteId noteId) {
        Note note = notes.get(noteId);
        return note == null ? List.of() : List.copyOf(note.items);
    }
}
