package dev.vellum.server.store;

import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.relay.AppendResult;
import dev.vellum.protocol.relay.NoteItemRepository;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One ordered append path per note: a note's items go to the database one group at a time, in the order they
 * came, so two appends of a note never race for a revision number (on an unordered pool they did, and under
 * overload one in about 120,000 was refused after every retry). What waits while a group is being stored goes as
 * the next group, in one transaction (group commit): the busier a note, the fewer commits per item. Each item is
 * answered only once its group has committed. Groups of different notes share transactions ({@link GroupCommits}).
 */
final class NoteAppends {
    /** At most this many items of one note in one group, so that one busy note does not fill a transaction. */
    static final int MAX_GROUP = 64;

    private final GroupCommits commits;
    /** The notes with a group being stored, and what waits behind it. Guarded by {@code this}. */
    private final Map<NoteId, ArrayDeque<Pending>> waiting = new HashMap<>();

    private record Pending(NoteItem item, Promise<AppendResult> answer, Context context) {
        /** Answers on the context that asked, so a connection's state is only ever touched by its own thread. */
        void complete(AppendResult result, Throwable failure) {
            Runnable answering = () -> {
                if (failure != null) {
                    answer.fail(failure);
                } else {
                    answer.complete(result);
                }
            };
            if (context == null) {
                answering.run();
            } else {
                context.runOnContext(v -> answering.run());
            }
        }
    }

    NoteAppends(NoteItemRepository repository, WorkerExecutor executor) {
        this.commits = new GroupCommits(repository, executor);
    }

    Future<AppendResult> append(NoteItem item) {
        Promise<AppendResult> answer = Promise.promise();
        NoteId noteId = item.header().documentId();
        boolean first;
        synchronized (this) {
            ArrayDeque<Pending> queue = waiting.get(noteId);
            first = queue == null;
            if (first) {
                queue = new ArrayDeque<>();
                waiting.put(noteId, queue);
            }
            queue.add(new Pending(item, answer, Vertx.currentContext()));
        }
        if (first) {
            storeNextGroup(noteId);
        }
        return answer.future();
    }

    /** Stores what waits for the note, then the next group if more came meanwhile; the note's path ends when none. */
    private void storeNextGroup(NoteId noteId) {
        List<Pending> group = new ArrayList<>();
        synchronized (this) {
            ArrayDeque<Pending> queue = waiting.get(noteId);
            while (group.size() < MAX_GROUP && !queue.isEmpty()) {
                group.add(queue.poll());
            }
        }
        List<NoteItem> items = group.stream().map(Pending::item).toList();
        commits.append(noteId, items).onComplete(stored -> {
            for (int i = 0; i < group.size(); i++) {
                group.get(i).complete(stored.succeeded() ? stored.result().get(i) : null, stored.cause());
            }
            boolean more;
            synchronized (this) {
                more = !waiting.get(noteId).isEmpty();
                if (!more) {
                    waiting.remove(noteId);
                }
            }
            if (more) {
                storeNextGroup(noteId);
            }
        });
    }
}
