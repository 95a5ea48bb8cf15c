package dev.vellum.server.bench;

import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.relay.AppendResult;
import dev.vellum.protocol.seal.NoteKeys;
import dev.vellum.server.store.Database;
import dev.vellum.server.store.NoteItemStore;
import dev.vellum.testing.TestAuthor;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * The store's append path alone (no WebSocket, no signature check), in this process: {@code authors} authors in
 * {@code notes} notes each append their pre-signed items one at a time, as a client does, all at once, through
 * {@link NoteItemStore} on the server's four database workers and H2 in a fresh folder. Prints appends a second and
 * this process's CPU per append: on a shared machine the CPU per append is the figure that compares across runs.
 * Rounds alternate nothing; run it twice against two builds and compare.
 *
 * <pre>java -cp ... dev.vellum.server.bench.AppendPathBenchmark [notes=20 authors=200 items=60 rounds=3]</pre>
 */
public final class AppendPathBenchmark {
    private AppendPathBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int notes = 20;
        int authors = 200;
        int items = 60;
        int rounds = 3;
        for (String arg : args) {
            String[] pair = arg.split("=", 2);
            switch (pair[0]) {
                case "notes" -> notes = Integer.parseInt(pair[1]);
                case "authors" -> authors = Integer.parseInt(pair[1]);
                case "items" -> items = Integer.parseInt(pair[1]);
                case "rounds" -> rounds = Integer.parseInt(pair[1]);
                default -> throw new IllegalArgumentException("unknown setting " + arg);
            }
        }
        JvmSecureRandomSource random = new JvmSecureRandomSource();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Vertx vertx = Vertx.vertx();
        WorkerExecutor executor = vertx.createSharedWorkerExecutor("vellum-db", 4);
        for (int round = 0; round <= rounds; round++) {
            NoteKeys[] keys = IntStream.range(0, notes).mapToObj(i -> NoteKeys.generate(random))
                    .toArray(NoteKeys[]::new);
            int perAuthor = items;
            int noteCount = notes;
            List<List<NoteItem>> chains = IntStream.range(0, authors).parallel().mapToObj(a -> {
                TestAuthor author = new TestAuthor(keys[a % noteCount], random);
                List<NoteItem> chain = new ArrayList<>();
                for (int i = 0; i < perAuthor; i++) {
                    chain.add(author.stored(author.nextUpdate("item " + i + " of a burst of typing, about two"
                            + " hundred bytes of text once sealed and padded: the quick brown fox jumps over")));
                }
                return chain;
            }).toList();
            Path dir = Files.createTempDirectory("vellum-appends");
            Database database = executor.executeBlocking(() -> Database.open("jdbc:h2:file:" + dir.resolve("vellum")
                    + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0", 4)).await();
            NoteItemStore store = new NoteItemStore(database, executor);
            long cpuBefore = os.getProcessCpuTime();
            long start = System.nanoTime();
            List<Future<Void>> done = new ArrayList<>();
            for (List<NoteItem> chain : chains) {
                Promise<Void> finished = Promise.promise();
                appendFrom(store, chain, 0, finished);
                done.add(finished.future());
            }
            Future.all(done).await();
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuMillis = (os.getProcessCpuTime() - cpuBefore) / 1e6;
            long total = (long) authors * items;
            if (round > 0) { // round 0 warms the JIT up
                System.out.printf(Locale.ROOT, "round %d: %,d appends in %.2f s: %,.0f a second, %.3f ms of CPU each"
                        + " (%.2f cores); load %.1f%n", round, total, seconds, total / seconds, cpuMillis / total,
                        cpuMillis / 1e3 / seconds, os.getSystemLoadAverage());
            }
            executor.executeBlocking(() -> {
                database.close();
                return null;
            }).await();
        }
        vertx.close().await();
    }

    /** Appends the chain's items one after another, each once the one before was stored. */
    private static void appendFrom(NoteItemStore store, List<NoteItem> chain, int index, Promise<Void> finished) {
        if (index == chain.size()) {
            finished.complete();
            return;
        }
        store.append(chain.get(index)).onComplete(stored -> {
            if (stored.failed() || !(stored.result() instanceof AppendResult.Stored)) {
                finished.fail(stored.failed() ? stored.cause().toString() : stored.result().toString());
                return;
            }
            appendFrom(store, chain, index + 1, finished);
        });
    }
}
