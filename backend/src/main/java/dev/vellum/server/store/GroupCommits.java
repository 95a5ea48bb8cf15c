package dev.vellum.server.store;

import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.relay.AppendResult;
import dev.vellum.protocol.relay.NoteItemRepository;
import dev.vellum.protocol.relay.StorageException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.WorkerExecutor;
import java.util.ArrayList;
import java.util.List;

/**
 * Group commit across notes: the groups of different notes ({@link NoteAppends} hands over one group per note at a
 * time) that arrive while a transaction is being stored go together in the next one
 * ({@link NoteItemRepository#appendGroups}). Under the relay benchmark each note's group held one or two items, so
 * nearly every item paid a commit of its own, the largest single cost of an append; now the busier the server, the
 * more items share a commit. Notes are spread over {@link #LANES} lanes by id, each storing one transaction at a
 * time, so both cores can work on appends. Every group is answered only after its transaction has committed.
 */
final class GroupCommits {
    /** Transactions stored at once, each for its own notes. */
    static final int LANES = 2;
    /** A lane's transaction takes groups until it holds this many items; the rest go in the next one. */
    static final int MAX_ITEMS = 256;

    private final NoteItemRepository repository;
    private final WorkerExecutor executor;
    private final Lane[] lanes = new Lane[LANES];

    GroupCommits(NoteItemRepository repository, WorkerExecutor executor) {
        this.repository = repository;
        this.executor = executor;
        for (int i = 0; i < LANES; i++) {
            lanes[i] = new Lane();
        }
    }

    /** Stores one note's group with whatever other notes' groups come meanwhile; answered once committed. */
    Future<List<AppendResult>> append(NoteId noteId, List<NoteItem> items) {
        return lanes[Math.floorMod(noteId.hashCode(), LANES)].append(items);
    }

    private record Waiting(List<NoteItem> items, Promise<List<AppendResult>> answer) {
    }

    /** A group's answers, or why it could not be stored. */
    private record Outcome(List<AppendResult> results, Throwable failure) {
    }

    /** One transaction at a time; what comes meanwhile waits for the next. */
    private final class Lane {
        /** Guarded by {@code this}, as is {@link #storing}. */
        private final List<Waiting> waiting = new ArrayList<>();
        private boolean storing;

        Future<List<AppendResult>> append(List<NoteItem> items) {
            Promise<List<AppendResult>> answer = Promise.promise();
            boolean start;
            synchronized (this) {
                waiting.add(new Waiting(items, answer));
                start = !storing;
                storing = true;
            }
            if (start) {
                storeNext();
            }
            return answer.future();
        }

        private void storeNext() {
            List<Waiting> batch = new ArrayList<>();
            synchronized (this) {
                int items = 0;
                while (!waiting.isEmpty() && (batch.isEmpty() || items + waiting.get(0).items().size() <= MAX_ITEMS)) {
                    Waiting next = waiting.remove(0);
                    items += next.items().size();
                    batch.add(next);
                }
            }
            List<List<NoteItem>> groups = batch.stream().map(Waiting::items).toList();
            executor.executeBlocking(() -> repository.appendGroups(groups), false).onComplete(stored -> {
                if (stored.failed() && batch.size() > 1) {
                    // One note's failure, or a race lost again and again, must not fail the other notes' items: each
                    // group goes again in a transaction of its own, and only the one that fails again fails.
                    executor.executeBlocking(() -> eachAlone(groups), false).onComplete(alone -> {
                        for (int i = 0; i < batch.size(); i++) {
                            Outcome outcome = alone.succeeded() ? alone.result().get(i) : new Outcome(null, alone.cause());
                            if (outcome.failure() == null) {
                                batch.get(i).answer().complete(outcome.results());
                            } else {
                                batch.get(i).answer().fail(outcome.failure());
                            }
                        }
                        next();
                    });
                    return;
                }
                for (int i = 0; i < batch.size(); i++) {
                    if (stored.succeeded()) {
                        batch.get(i).answer().complete(stored.result().get(i));
                    } else {
                        batch.get(i).answer().fail(stored.cause());
                    }
                }
                next();
            });
        }

        /** Blocking: each group in a transaction of its own, with what became of it. */
        private List<Outcome> eachAlone(List<List<NoteItem>> groups) {
            List<Outcome> outcomes = new ArrayList<>(groups.size());
            for (List<NoteItem> group : groups) {
                try {
                    outcomes.add(new Outcome(repository.appendGroups(List.of(group)).get(0), null));
                } catch (StorageException | RuntimeException e) {
                    outcomes.add(new Outcome(null, e));
                }
            }
            return outcomes;
        }

        private void next() {
            boolean more;
            synchronized (this) {
                more = !waiting.isEmpty();
                storing = more;
            }
            if (more) {
                storeNext();
            }
        }
    }
}
