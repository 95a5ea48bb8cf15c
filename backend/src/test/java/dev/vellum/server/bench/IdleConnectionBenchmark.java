package dev.vellum.server.bench;

import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.protocol.seal.NoteKeys;
import dev.vellum.protocol.wire.Frame;
import dev.vellum.protocol.wire.FrameCodec;
import dev.vellum.testing.TestAuthor;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an idle connection costs the server's heap, and where the bytes are: the real server in its own JVM, then
 * {@code connections} WebSockets opened as a browser opens a note (the upgrade with a browser's headers, the
 * ServerHello, the note's history, CaughtUp) and left idle. It prints the heap after a full GC before and after,
 * divided by the connections, and the classes whose instances grew the most ({@code jcmd GC.class_histogram}, which
 * collects first), per connection. Figures, not pass/fail.
 *
 * <pre>mvn -B -q -pl backend -am verify -DskipTests -Pidle-benchmark
 *   [-Didle.benchmark.args="connections=2000 notes=20 rounds=3 top=25 dump=/tmp/idle.hprof"]</pre>
 */
public final class IdleConnectionBenchmark {
    private static final Pattern HISTOGRAM_ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

    private IdleConnectionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> settings = new HashMap<>();
        for (String arg : args) {
            for (String word : arg.trim().split("\\s+")) {
                if (!word.isEmpty()) {
                    String[] pair = word.split("=", 2);
                    settings.put(pair[0], pair[1]);
                }
            }
        }
        int connections = Integer.parseInt(settings.getOrDefault("connections", "2000"));
        int noteCount = Integer.parseInt(settings.getOrDefault("notes", "20"));
        int rounds = Integer.parseInt(settings.getOrDefault("rounds", "3"));
        int top = Integer.parseInt(settings.getOrDefault("top", "25"));
        String dump = settings.get("dump"); // a path: the last round's heap, with its sockets open, for a dominator view

        Path dataDir = Files.createTempDirectory("vellum-idle");
        List<String> serverFlags = List.of("--host", "127.0.0.1", "--port", "0", "--data-dir", dataDir.toString(),
                "--max-connections-per-address", "1000000", "--max-connections", "1000000",
                "--idle-timeout-seconds", "3600");
        JvmSecureRandomSource csprng = new JvmSecureRandomSource();
        NoteKeys[] notes = new NoteKeys[noteCount];
        List<byte[]> firstItems = new ArrayList<>();
        for (int n = 0; n < noteCount; n++) {
            notes[n] = NoteKeys.generate(csprng);
            TestAuthor author = new TestAuthor(notes[n], csprng);
            firstItems.add(FrameCodec.encode(new Frame.Publish(author.nextUpdate("a note with one line of text"))));
        }
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setMaxConnections(1_000_000));
        try (ServerProcess server = ServerProcess.start(List.of("-Xmx1g"), serverFlags)) {
            // Each note gets one stored item, so a joiner receives a history as a browser opening it does.
            for (int n = 0; n < noteCount; n++) {
                open(client, server.port(), notes[n], firstItems.get(n)).await();
            }
            for (int round = 1; round <= rounds; round++) {
                Map<String, long[]> before = histogram(server);
                long heapBefore = server.heapAfterGc();
                List<ClientWebSocket> open = new ArrayList<>();
                List<Future<ClientWebSocket>> opening = new ArrayList<>();
                for (int c = 0; c < connections; c++) {
                    opening.add(open(client, server.port(), notes[c % noteCount], null));
                    if (opening.size() == 200) { // a few hundred upgrades at a time, as a crowd arriving
                        for (Future<ClientWebSocket> socket : opening) {
                            open.add(socket.await());
                        }
                        opening.clear();
                    }
                }
                for (Future<ClientWebSocket> socket : opening) {
                    open.add(socket.await());
                }
                Thread.sleep(1000); // let the last handshakes' garbage become garbage
                long heapAfter = server.heapAfterGc();
                Map<String, long[]> after = histogram(server);
                System.out.printf(Locale.ROOT, "Round %d: %d idle connections in %d notes; heap after GC %.1f MB"
                        + " before, %.1f MB after: %.2f KB a connection%n", round, connections, noteCount,
                        heapBefore / 1e6, heapAfter / 1e6, (heapAfter - heapBefore) / 1024.0 / connections);
                if (round == rounds) {
                    printGrowth(before, after, connections, top);
                    if (dump != null) {
                        System.out.println("  " + server.jcmd("GC.heap_dump " + Path.of(dump).toAbsolutePath()).trim());
                    }
                }
                List<Future<Void>> closing = new ArrayList<>();
                for (ClientWebSocket socket : open) {
                    closing.add(socket.close());
                }
                Future.all(closing).await();
                Thread.sleep(2000);
                long heapClosed = server.heapAfterGc();
                System.out.printf(Locale.ROOT, "  after they closed: %.1f MB (%.2f KB a connection left)%n",
                        heapClosed / 1e6, (heapClosed - heapBefore) / 1024.0 / connections);
            }
        } finally {
            vertx.close().await();
        }
    }

    /**
     * Opens one socket as a browser does (its headers included, since the server may keep them) and completes once
     * the server says it caught up; then publishes {@code publish} if given and waits for its acceptance.
     */
    private static Future<ClientWebSocket> open(WebSocketClient client, int port, NoteKeys note, byte[] publish) {
        Promise<ClientWebSocket> ready = Promise.promise();
        ClientWebSocket socket = client.webSocket();
        socket.binaryMessageHandler(message -> {
            int type = message.getUnsignedByte(1);
            if (type == 4 && publish == null) { // CaughtUp
                ready.tryComplete(socket);
            } else if (type == 4) {
                socket.writeBinaryMessage(Buffer.buffer(publish));
            } else if (type == 3) { // Accepted
                ready.tryComplete(socket);
            } else if (type == 127) {
                ready.tryFail("error frame " + message.getUnsignedByte(2));
            }
        });
        socket.closeHandler(v -> ready.tryFail("closed by the server: " + socket.closeStatusCode()));
        String host = "127.0.0.1:" + port;
        socket.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
                        .setURI("/ws/notes/" + note.noteId() + "?since=0")
                        .addHeader("Origin", "http://" + host)
                        .addHeader("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like"
                                + " Gecko) Chrome/156.0.0.0 Safari/537.36")
                        .addHeader("Accept-Language", "en-GB,en-US;q=0.9,en;q=0.8")
                        .addHeader("Accept-Encoding", "gzip, deflate, br, zstd")
                        .addHeader("Cache-Control", "no-cache")
                        .addHeader("Pragma", "no-cache")
                        .addHeader("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits"))
                .onFailure(ready::tryFail);
        return ready.future();
    }

    /** Instances and bytes per class, after a full collection ({@code jcmd <pid> GC.class_histogram}). */
    private static Map<String, long[]> histogram(ServerProcess server) throws Exception {
        Map<String, long[]> rows = new HashMap<>();
        for (String line : server.jcmd("GC.class_histogram").split("\n")) {
            Matcher row = HISTOGRAM_ROW.matcher(line);
            if (row.find()) {
                rows.merge(row.group(3), new long[] {Long.parseLong(row.group(1)), Long.parseLong(row.group(2))},
                        (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
            }
        }
        return rows;
    }

    private static void printGrowth(Map<String, long[]> before, Map<String, long[]> after, int connections,
                                    int top) {
        record Growth(String type, long instances, long bytes) {
        }
        List<Growth> growth = new ArrayList<>();
        for (Map.Entry<String, long[]> row : after.entrySet()) {
            long[] was = before.getOrDefault(row.getKey(), new long[2]);
            growth.add(new Growth(row.getKey(), row.getValue()[0] - was[0], row.getValue()[1] - was[1]));
        }
        growth.sort(Comparator.comparingLong(Growth::bytes).reversed());
        long total = growth.stream().mapToLong(Growth::bytes).sum();
        System.out.printf(Locale.ROOT, "  classes that grew, per connection (histogram total %.2f KB):%n",
                total / 1024.0 / connections);
        System.out.println("    bytes  instances  class");
        for (Growth row : growth.subList(0, Math.min(top, growth.size()))) {
            System.out.printf(Locale.ROOT, "  %7.0f  %9.2f  %s%n", (double) row.bytes() / connections,
                    (double) row.instances() / connections, row.type());
        }
    }
}
