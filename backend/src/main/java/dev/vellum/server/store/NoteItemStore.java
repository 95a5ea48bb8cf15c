package dev.vellum.server.store;

import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.relay.AppendResult;
import dev.vellum.protocol.relay.JoinHistory;
import dev.vellum.protocol.relay.JoinPage;
import dev.vellum.protocol.relay.JoinPager;
import dev.vellum.protocol.relay.NoteItemRepository;
import dev.vellum.protocol.relay.StoredItem;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.util.List;

/**
 * The note items repository as the event loop uses it: every call runs on the database worker pool, never on the
 * event loop, and its outcome comes back as a future. The rules and the storage are the repository's.
 */
public final class NoteItemStore {
    private final NoteItemRepository repository;
    private final WorkerExecutor executor;
    private final NoteAppends appends;

    public NoteItemStore(NoteItemRepository repository, WorkerExecutor executor) {
        this.repository = repository;
        this.executor = executor;
        this.appends = new NoteAppends(repository, executor);
    }

    public NoteItemStore(Database database, WorkerExecutor executor) {
        this(new JdbcNoteItemRepository(database), executor);
    }

    /** @param maxNoteBytes the most bytes one note's stored items may hold */
    public NoteItemStore(Database database, WorkerExecutor executor, long maxNoteBytes) {
        this(new JdbcNoteItemRepository(database, maxNoteBytes), executor);
    }

    /**
     * @param maxNoteBytes the most bytes one note's stored items may hold
     * @param retentionMillis how long an unconfirmed snapshot keeps the updates it covers
     */
    public NoteItemStore(Database database, WorkerExecutor executor, long maxNoteBytes, long retentionMillis) {
        this(new JdbcNoteItemRepository(database, maxNoteBytes, System::currentTimeMillis, retentionMillis),
                executor);
    }

    /** See {@link NoteItemRepository#snapshotAt}. */
    public Future<StoredItem> snapshotAt(NoteId noteId, long revision) {
        return executor.executeBlocking(() -> repository.snapshotAt(noteId, revision), false);
    }

    /** See {@link NoteItemRepository#confirm}. */
    public Future<Boolean> confirm(NoteId noteId, long revision) {
        return executor.executeBlocking(() -> repository.confirm(noteId, revision), false);
    }

    /**
     * See {@link NoteItemRepository#append}: in order with the note's other appends, grouped with those waiting
     * ({@link NoteAppends}); answered once committed.
     */
    public Future<AppendResult> append(NoteItem item) {
        return appends.append(item);
    }

    /** See {@link NoteItemRepository#joinHistory}: the whole history at once, for tests. */
    public Future<JoinHistory> joinHistory(NoteId noteId, long since) {
        return executor.executeBlocking(() -> repository.joinHistory(noteId, since), false);
    }

    /** Begins a paged join; see {@link JoinPager}. */
    public Future<JoinPager> openJoin(NoteId noteId, long since) {
        return executor.executeBlocking(() -> JoinPager.open(repository, noteId, since), false);
    }

    /** Reads the join's next page; call again only once the last one has been sent. */
    public Future<JoinPage> nextJoinPage(JoinPager pager) {
        return executor.executeBlocking(pager::next, false);
    }

    /** See {@link NoteItemRepository#snapshotsBefore}. */
    public Future<List<StoredItem>> snapshotsBefore(NoteId noteId, long before, int limit) {
        return executor.executeBlocking(() -> repository.snapshotsBefore(noteId, before, limit), false);
    }
}
