package dev.vellum.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.seal.NoteKeys;
import dev.vellum.protocol.wire.Frame;
import dev.vellum.server.testing.TestSocket;
import dev.vellum.testing.TestAuthor;
import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real server, as its own process, is killed with SIGKILL several times while clients write, and restarted on
 * the same data folder: every item it acknowledged is still there, at the revision it was acknowledged with, and
 * no revision number is handed out twice. The process starts as {@code java -jar} would, and so refuses to start
 * without the web app, which exists from {@code package} on: this runs in the second tier ({@code mvn verify}).
 */
@Tag("packaged")
class CrashDurabilityTest {
    private static final int KILLS = 3;
    private static final int ACKS_BETWEEN_KILLS = 40;
    private static final Pattern URL = Pattern.compile("Open http://localhost:(\\d+)/");

    private final JvmSecureRandomSource random = new JvmSecureRandomSource();
    private final List<NoteKeys> notes = List.of(NoteKeys.generate(random), NoteKeys.generate(random));
    /** Per note: revision number to the encoded item the server acknowledged with it. */
    private final Map<NoteId, Map<Long, byte[]>> acknowledged = new ConcurrentHashMap<>();
    private final List<String> reusedRevisions = new CopyOnWriteArrayList<>();
    private final AtomicBoolean writing = new AtomicBoolean(true);

    private volatile int port;
    private Process server;
    private Vertx vertx;

    @TempDir
    Path dataDir;

    @AfterEach
    void stop() {
        writing.set(false);
        if (server != null) {
            server.destroyForcibly();
        }
        if (vertx != null) {
            vertx.close().await();
        }
    }

    @Test
    void killedWhileWriting_losesNoAcknowledgedItem_andNeverReusesARevision() throws Exception {
        vertx = Vertx.vertx();
        notes.forEach(keys -> acknowledged.put(keys.noteId(), new ConcurrentHashMap<>()));
        startServer();
        List<Thread> writers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            NoteKeys keys = notes.get(i % notes.size()); // two writers share the first note
            Thread writer = new Thread(() -> writeUntilStopped(keys), "writer-" + i);
            writer.start();
            writers.add(writer);
        }
        for (int kill = 0; kill < KILLS; kill++) {
            awaitMoreAcknowledged();
            server.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no orderly close of the database
            assertTrue(server.waitFor(10, TimeUnit.SECONDS));
            startServer();
        }
        awaitMoreAcknowledged();
        writing.set(false);
        for (Thread writer : writers) {
            writer.join(20_000);
        }

        assertTrue(reusedRevisions.isEmpty(), "revisions handed out twice: " + reusedRevisions);
        for (NoteKeys keys : notes) {
            Map<Long, byte[]> stored = history(keys.noteId());
            List<Long> lost = new ArrayList<>();
            for (Map.Entry<Long, byte[]> ack : acknowledged.get(keys.noteId()).entrySet()) {
                if (!Arrays.equals(ack.getValue(), stored.get(ack.getKey()))) {
                    lost.add(ack.getKey());
                }
            }
            assertTrue(lost.isEmpty(), "acknowledged revisions lost or replaced: " + lost);
            assertEquals(stored.size(), ((TreeMap<Long, byte[]>) stored).lastKey().intValue(),
                    "revisions should run from 1 without a hole");
        }
    }

    /** One writer: connects, publishes item after item, records each acknowledgement, reconnects after a crash. */
    private void writeUntilStopped(NoteKeys keys) {
        int counter = 0;
        while (writing.get()) {
            // A fresh author per connection: an item in flight at the kill may or may not have been stored.
            TestAuthor author = new TestAuthor(keys, random);
            try (TestSocket socket = TestSocket.connect(vertx, port, keys.noteId().toString())) {
                awaitCaughtUp(socket);
                while (writing.get()) {
                    NoteItem item = author.nextUpdate("item " + counter++);
                    socket.send(new Frame.Publish(item));
                    Frame.Accepted accepted = awaitAccepted(socket);
                    if (accepted == null) {
                        break;
                    }
                    byte[] earlier = acknowledged.get(keys.noteId()).putIfAbsent(accepted.revision(), item.encode());
                    if (earlier != null) {
                        reusedRevisions.add(keys.noteId() + "@" + accepted.revision());
                    }
                    author.stored(item);
                }
            } catch (Exception | AssertionError serverGone) {
                pause();
            }
        }
    }

    private void awaitCaughtUp(TestSocket socket) throws InterruptedException {
        while (true) {
            Frame frame = socket.poll(10_000);
            if (frame == null) {
                throw new AssertionError("no caught-up");
            }
            if (frame instanceof Frame.CaughtUp) {
                return;
            }
        }
    }

    /** The acknowledgement of the last publish; null if the connection ended first or the item was refused. */
    private Frame.Accepted awaitAccepted(TestSocket socket) throws InterruptedException {
        while (true) {
            Frame frame = socket.poll(100);
            if (frame instanceof Frame.Accepted accepted) {
                return accepted;
            }
            if (frame instanceof Frame.Error || (frame == null && socket.isClosed())) {
                return null;
            }
        }
    }

    private Map<Long, byte[]> history(NoteId noteId) throws InterruptedException {
        Map<Long, byte[]> stored = new TreeMap<>();
        try (TestSocket socket = TestSocket.connect(vertx, port, noteId.toString())) {
            Frame frame;
            while (!((frame = socket.next()) instanceof Frame.CaughtUp)) {
                if (frame instanceof Frame.History history) {
                    for (Frame.Revision revision : history.revisions()) {
                        stored.put(revision.revision(), revision.item().encode());
                    }
                }
            }
        }
        return stored;
    }

    /** Waits until the writers have had {@link #ACKS_BETWEEN_KILLS} more items acknowledged, so a kill hits them
     * while they write (a server that starts slowly on a busy machine gets the time it needs). */
    private void awaitMoreAcknowledged() throws InterruptedException {
        int target = total() + ACKS_BETWEEN_KILLS;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (total() < target && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(total() >= target, "the writers got no acknowledgements for 30 s");
    }

    private int total() {
        return acknowledged.values().stream().mapToInt(Map::size).sum();
    }

    private void startServer() throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, "dev.vellum.server.Main",
                "--host", "127.0.0.1", "--port", "0", "--data-dir", dataDir.toString())
                .redirectErrorStream(true)
                .start();
        BufferedReader output = new BufferedReader(new InputStreamReader(server.getInputStream(),
                StandardCharsets.UTF_8));
        StringBuilder printed = new StringBuilder();
        String line;
        while ((line = output.readLine()) != null) {
            printed.append(line).append('\n');
            Matcher url = URL.matcher(line);
            if (url.find()) {
                port = Integer.parseInt(url.group(1));
                Thread drain = new Thread(() -> output.lines().forEach(ignored -> { }), "server-output");
                drain.setDaemon(true);
                drain.start();
                return;
            }
        }
        throw new AssertionError("the server exited without printing its URL:\n" + printed);
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
