package dev.vellum.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.relay.AppendResult;
import dev.vellum.protocol.relay.InMemoryNoteItemRepository;
import dev.vellum.protocol.relay.NoteItemRepository;
import dev.vellum.protocol.relay.StorageException;
import dev.vellum.protocol.seal.NoteKeys;
import dev.vellum.testing.TestAuthor;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Group commit across notes: groups that shared a transaction are answered each for itself. */
class GroupCommitsTest {
    private final JvmSecureRandomSource random = new JvmSecureRandomSource();
    private final Vertx vertx = Vertx.vertx();
    private final WorkerExecutor workers = vertx.createSharedWorkerExecutor("group-commits-test", 1);

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    @Test
    void oneNoteFailingInASharedTransaction_failsOnlyItsOwnItems_theOtherNoteIsStored() throws Exception {
        NoteKeys first = NoteKeys.generate(random);
        NoteKeys good = sameLane(first);
        NoteKeys broken = sameLane(first);
        CountDownLatch release = new CountDownLatch(1);
        InMemoryNoteItemRepository memory = new InMemoryNoteItemRepository();
        GroupCommits commits = new GroupCommits(repository(memory, first.noteId(), broken.noteId(), release),
                workers);

        // The first note's transaction holds the lane; the other two arrive meanwhile and share the next one.
        Future<List<AppendResult>> held = commits.append(first.noteId(), List.of(update(first)));
        Future<List<AppendResult>> stored = commits.append(good.noteId(), List.of(update(good)));
        Future<List<AppendResult>> refused = commits.append(broken.noteId(), List.of(update(broken)));
        release.countDown();

        assertEquals(1, held.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).size());
        List<AppendResult> goodResults = stored.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertTrue(goodResults.get(0) instanceof AppendResult.Stored, goodResults.toString());
        refused.toCompletionStage().handle((result, failure) -> failure).toCompletableFuture()
                .thenAccept(failure -> assertTrue(failure instanceof StorageException, String.valueOf(failure)))
                .get(10, TimeUnit.SECONDS);
        assertEquals(1, memory.joinStart(good.noteId(), 0).latestRevision(), "the good note's item is stored");
        assertEquals(0, memory.joinStart(broken.noteId(), 0).latestRevision());
    }

    /** A note in the same lane as {@code other}'s, so that their groups can share a transaction. */
    private NoteKeys sameLane(NoteKeys other) {
        while (true) {
            NoteKeys keys = NoteKeys.generate(random);
            if (Math.floorMod(keys.noteId().hashCode(), GroupCommits.LANES)
                    == Math.floorMod(other.noteId().hashCode(), GroupCommits.LANES)) {
                return keys;
            }
        }
    }

    private NoteItem update(NoteKeys keys) {
        TestAuthor author = new TestAuthor(keys, random);
        return author.nextUpdate("text of " + keys.noteId());
    }

    /**
     * {@code memory}, except that a transaction holding {@code slow}'s group waits for {@code release}, and one
     * holding {@code broken}'s group fails as a database would (all of the transaction).
     */
    private static NoteItemRepository repository(InMemoryNoteItemRepository memory, NoteId slow, NoteId broken,
                                                 CountDownLatch release) {
        return (NoteItemRepository) Proxy.newProxyInstance(NoteItemRepository.class.getClassLoader(),
                new Class<?>[] {NoteItemRepository.class}, (proxy, method, arguments) -> {
                    if (method.getName().equals("appendGroups")) {
                        @SuppressWarnings("unchecked")
                        List<List<NoteItem>> groups = (List<List<NoteItem>>) arguments[0];
                        for (List<NoteItem> group : groups) {
                            NoteId note = group.get(0).header().documentId();
                            if (note.equals(slow)) {
                                release.await(10, TimeUnit.SECONDS);
                            }
                            if (note.equals(broken)) {
                                throw new StorageException("the disk is full");
                            }
                        }
                    }
                    try {
                        return method.invoke(memory, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
