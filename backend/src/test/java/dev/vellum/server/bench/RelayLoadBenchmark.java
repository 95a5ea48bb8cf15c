package dev.vellum.server.bench;

import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.seal.NoteKeys;
import dev.vellum.protocol.wire.Frame;
import dev.vellum.protocol.wire.FrameCodec;
import dev.vellum.server.config.ServerConfig;
import dev.vellum.server.store.Database;
import dev.vellum.server.testing.EmbeddedPostgresServer;
import dev.vellum.testing.TestAuthor;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The relay under load, measured as a new operator would: the real server in its own JVM (embedded H2 in a fresh
 * folder), N clients in M notes over real WebSockets, each publishing genuinely valid items (sealed, signed with
 * the note's write key and the author's identity, chained) of {@value #TEXT_BYTES} bytes of text, at a fixed total
 * rate stepped up. Items are signed before the timed phase, so the clients' own signing does not limit the rate;
 * each client sends one item at a time as the app does. Per step it prints sends and deliveries per second, items
 * lost (acknowledged but not delivered to every peer), items refused, the p50 and p99 from send to the last peer's
 * delivery, the server's CPU (cores, and milliseconds of CPU per send: on a shared machine the server gets what
 * share of the cores it gets, and the cost per send is the figure that compares across runs) and its heap after a
 * full GC. Then the same rate on a note already holding
 * {@code long-note} items (filled through the database directly) and on a new one: the cost of an append must not
 * grow with the note. A first step at the lowest rate warms the server's JIT up and is not counted. At the end,
 * the stored rows are counted against the acknowledgements. Figures, not pass/fail.
 *
 * {@code retry-after=off} runs the server as it was before retry-after (it holds every write that arrives), for
 * comparison; {@code write-delay-target-ms=N} passes the server that setting. {@code compact=0} has the clients read
 * full Revision frames instead of compact ones (the app asks for compact ones, as the default here does); each step
 * prints the bytes on the wire per delivery (frame and WebSocket header).
 *
 * <pre>mvn -B -q -pl backend -am verify -DskipTests -Prelay-benchmark
 *   [-Drelay.benchmark.args="rates=500,1000 seconds=3 clients=200 notes=20 long-note=200000 jfr=/tmp/relay.jfr"]</pre>
 *
 * <p>With {@code nodes=2}, the server is two nodes in one cluster on one PostgreSQL (the tests' embedded server),
 * each note's clients split between them, so half of every note's deliveries cross the cluster's event bus; CPU and
 * heap are then the two nodes' together.
 */
public final class RelayLoadBenchmark {
    private static final int TEXT_BYTES = 225;
    /** How long a step waits after its last send for the last acknowledgements and deliveries. */
    private static final Duration DRAIN = Duration.ofSeconds(5);
    /** This process's CPU: the clients' share of the cores they and the server divide. */
    private static final com.sun.management.OperatingSystemMXBean CLIENT_CPU =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private RelayLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> settings = settings(args);
        int[] rates = Arrays.stream(settings.getOrDefault("rates", "500,1000,2000,3000,5000").split(","))
                .mapToInt(Integer::parseInt).toArray();
        int seconds = Integer.parseInt(settings.getOrDefault("seconds", "3"));
        int clients = Integer.parseInt(settings.getOrDefault("clients", "200"));
        int noteCount = Integer.parseInt(settings.getOrDefault("notes", "20"));
        int longNoteItems = Integer.parseInt(settings.getOrDefault("long-note", "200000"));
        int longRate = Integer.parseInt(settings.getOrDefault("long-rate", "500"));
        int longClients = 10;
        int warmUp = Integer.parseInt(settings.getOrDefault("warm-up", "5"));
        int nodeCount = Integer.parseInt(settings.getOrDefault("nodes", "1"));
        boolean compact = "1".equals(settings.getOrDefault("compact", "1"));

        Path dataDir = Files.createTempDirectory("vellum-relay");
        List<String> serverFlags = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", "0",
                "--data-dir", dataDir.toString(),
                // One address carries every client here; an operator's clients come from many.
                "--max-connections-per-address", "100000", "--notes-per-address-per-hour", "100000",
                "--stored-bytes-per-address-per-hour", Long.toString(1L << 40),
                "--frames-per-second", "1000", "--max-note-bytes", Long.toString(1L << 32)));
        if (settings.containsKey("write-delay-target-ms")) {
            serverFlags.addAll(List.of("--write-delay-target-ms", settings.get("write-delay-target-ms")));
        }
        if ("off".equals(settings.get("retry-after"))) {
            // The server as before retry-after: it holds whatever arrives (for comparison runs only).
            serverFlags.addAll(List.of("--max-pending-writes", "1000000", "--max-pending-write-bytes",
                    Long.toString(1L << 40), "--max-pending-writes-per-connection", "1000000",
                    "--write-delay-target-ms", "100000000"));
        }
        Map<String, String> environment = new HashMap<>();
        String jdbcUrl;
        if (nodeCount > 1) {
            EmbeddedPostgresServer.TestDatabase database = EmbeddedPostgresServer.newDatabase();
            serverFlags.addAll(List.of("--jdbc-url", database.jdbcUrlWithoutPassword()));
            environment.put(ServerConfig.JDBC_PASSWORD_VARIABLE, database.password());
            jdbcUrl = database.jdbcUrl();
        } else {
            jdbcUrl = ServerConfig.fromArgsAndEnvironment(serverFlags.toArray(String[]::new), Map.of()).jdbcUrl();
        }
        JvmSecureRandomSource csprng = new JvmSecureRandomSource();

        long started = System.nanoTime();
        NoteKeys longNote = NoteKeys.generate(csprng);
        prefill(jdbcUrl, longNote, longNoteItems, csprng);
        System.out.printf(Locale.ROOT, "Filled a note with %,d items through the database in %.1f s%n",
                longNoteItems, (System.nanoTime() - started) / 1e9);

        // Each client's share of every step, plus one: its items form one chain across the steps.
        int perClient = Arrays.stream(rates).map(rate -> (int) Math.ceil((double) rate * seconds / clients) + 1).sum()
                + (int) Math.ceil((double) rates[0] * warmUp / clients) + 1;
        NoteKeys[] notes = IntStream.range(0, noteCount).mapToObj(i -> NoteKeys.generate(csprng))
                .toArray(NoteKeys[]::new);
        started = System.nanoTime();
        List<List<byte[]>> items = IntStream.range(0, clients).parallel()
                .mapToObj(c -> chain(notes[c % noteCount], perClient, csprng)).toList();
        int longPerClient = (int) Math.ceil((double) longRate * seconds / longClients) + 1;
        NoteKeys freshNote = NoteKeys.generate(csprng);
        List<List<byte[]>> freshItems = IntStream.range(0, longClients).parallel()
                .mapToObj(c -> chain(freshNote, longPerClient, csprng)).toList();
        List<List<byte[]>> longItems = IntStream.range(0, longClients).parallel()
                .mapToObj(c -> chain(longNote, longPerClient, csprng)).toList();
        System.out.printf(Locale.ROOT, "Signed %,d items beforehand in %.1f s%n",
                (long) clients * perClient + 2L * longClients * longPerClient, (System.nanoTime() - started) / 1e9);
        byte[] sample = items.get(0).get(0);
        // A delivery is the item in a Revision frame (version, type, revision number) after the WebSocket header.
        int revisionFrame = sample.length - 2 + 10;
        System.out.printf(Locale.ROOT, "Bytes per delivery of a %d-byte edit: %d in the Revision frame, %d with its"
                + " WebSocket header; clients ask for %s revisions (compact=%d)%n", TEXT_BYTES, revisionFrame,
                revisionFrame + (revisionFrame < 126 ? 2 : 4), compact ? "compact" : "full", compact ? 1 : 0);

        List<String> jvmFlags = new ArrayList<>();
        if (settings.containsKey("jfr")) {
            jvmFlags.add("-XX:StartFlightRecording=filename=" + settings.get("jfr") + ",settings=profile");
        }
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setMaxFrameSize(16 * 1024 * 1024).setMaxMessageSize(16 * 1024 * 1024)
                .setMaxConnections(100_000));
        Map<NoteKeys, Long> acked = new HashMap<>();
        try (ServerNodes server = ServerNodes.start(nodeCount, jvmFlags, serverFlags, environment)) {
            long idleHeap = server.heapAfterGc();
            List<LoadClient> load = new ArrayList<>();
            List<Future<Void>> joined = new ArrayList<>();
            int peers = clients / noteCount - 1;
            for (int c = 0; c < clients; c++) {
                LoadClient loadClient = new LoadClient(vertx, items.get(c), peers, compact);
                load.add(loadClient);
                joined.add(loadClient.connect(client, server.port(c / noteCount),
                        notes[c % noteCount].noteId().toString(), 0));
            }
            Future.all(joined).await();
            long connectedHeap = server.heapAfterGc();
            System.out.printf(Locale.ROOT, "%d clients in %d notes connected to %d node(s); server heap after GC"
                    + " %.1f MB idle, %.1f MB with them connected (%.1f KB a connection)%n%n", clients, noteCount,
                    server.count(), idleHeap / 1e6,
                    connectedHeap / 1e6, (connectedHeap - idleHeap) / 1024.0 / clients);
            System.out.println("  target/s  sends/s  deliveries/s   acked  lost  refused  p50 ms  p99 ms"
                    + "  server CPU  CPU/send  heap after GC  client CPU  client CPU/send  retry-afters  p99 from 1st try"
                    + "  wire B/delivery");
            // Not counted: the server's code compiled by the JIT, as on a server that has run a while.
            runStep("warm-up ", load, rates[0], warmUp, server);
            for (int rate : rates) {
                runStep(String.format(Locale.ROOT, "%8d", rate), load, rate, seconds, server);
            }

            System.out.printf(Locale.ROOT, "%nAppend cost against note length: %d clients, %d sends/s in all%n",
                    longClients, longRate);
            System.out.println("  note      sends/s  deliveries/s   acked  lost  refused  p50 ms  p99 ms"
                    + "  server CPU  CPU/send  heap after GC  client CPU  client CPU/send  retry-afters  p99 from 1st try"
                    + "  wire B/delivery");
            List<LoadClient> fresh = connectAll(vertx, client, server, freshItems, freshNote, 0, compact);
            runStep("new     ", fresh, longRate, seconds, server);
            List<LoadClient> onLong = connectAll(vertx, client, server, longItems, longNote, longNoteItems,
                    compact);
            runStep(String.format(Locale.ROOT, "%,7d", longNoteItems), onLong, longRate, seconds, server);
            for (int c = 0; c < clients; c++) {
                acked.merge(notes[c % noteCount], (long) load.get(c).acked(), Long::sum);
            }
            acked.put(freshNote, fresh.stream().mapToLong(LoadClient::acked).sum());
            acked.put(longNote, longNoteItems + onLong.stream().mapToLong(LoadClient::acked).sum());
        } finally {
            vertx.close().await();
        }
        long missing = 0;
        try (Connection connection = java.sql.DriverManager.getConnection(jdbcUrl)) {
            for (Map.Entry<NoteKeys, Long> note : acked.entrySet()) {
                missing += Math.max(0, note.getValue() - storedItems(connection, note.getKey()));
            }
        }
        System.out.printf(Locale.ROOT, "%nAfter the server stopped: %d acknowledged items missing from the database"
                + " (%,d acknowledged in all)%n", missing, acked.values().stream().mapToLong(Long::longValue).sum());
    }

    private static List<LoadClient> connectAll(Vertx vertx, WebSocketClient client, ServerNodes server,
                                               List<List<byte[]>> items, NoteKeys note, long since,
                                               boolean compact) {
        List<LoadClient> load = new ArrayList<>();
        List<Future<Void>> joined = new ArrayList<>();
        for (int c = 0; c < items.size(); c++) {
            LoadClient loadClient = new LoadClient(vertx, items.get(c), items.size() - 1, compact);
            load.add(loadClient);
            joined.add(loadClient.connect(client, server.port(c), note.noteId().toString(), since));
        }
        Future.all(joined).await();
        return load;
    }

    /** One step: every client sends its share of {@code rate} for {@code seconds}, then the last answers drain. */
    private static void runStep(String label, List<LoadClient> load, int rate, int seconds, ServerNodes server)
            throws Exception {
        DeliveryLedger ledger = new DeliveryLedger();
        load.forEach(c -> c.countInto(ledger));
        double perClient = (double) rate / load.size();
        long periodMillis = Math.max(1, Math.round(1000 / perClient));
        Duration cpuBefore = server.cpuTime();
        long clientCpuBefore = CLIENT_CPU.getProcessCpuTime();
        long start = System.nanoTime();
        for (int c = 0; c < load.size(); c++) {
            load.get(c).pace(perClient, 1 + (long) c * periodMillis / load.size()); // spread evenly over a period
        }
        Thread.sleep(seconds * 1000L);
        load.forEach(LoadClient::stop);
        double elapsed = (System.nanoTime() - start) / 1e9;
        Duration cpu = server.cpuTime().minus(cpuBefore);
        long clientCpu = CLIENT_CPU.getProcessCpuTime() - clientCpuBefore;
        long sends = ledger.sent();
        long deliveries = ledger.deliveries();
        long drainUntil = System.nanoTime() + DRAIN.toNanos();
        while (System.nanoTime() < drainUntil && !(ledger.settled() && ledger.acks() + ledger.refusals() >= sends)) {
            Thread.sleep(20);
        }
        long heap = server.heapAfterGc();
        System.out.printf(Locale.ROOT, "  %s  %7.0f  %12.0f  %6d  %4d  %7d  %6.1f  %6.1f  %5.2f cores  %5.2f ms"
                + "  %8.1f MB  %5.2f cores  %5.2f ms  %12d  %16.1f  %15.1f%s%n",
                label, sends / elapsed, deliveries / elapsed, ledger.acks(), ledger.lost(), ledger.refusals(),
                ledger.percentileMillis(50), ledger.percentileMillis(99), cpu.toNanos() / 1e9 / elapsed,
                sends == 0 ? Double.NaN : cpu.toNanos() / 1e6 / sends, heap / 1e6,
                clientCpu / 1e9 / elapsed, sends == 0 ? Double.NaN : clientCpu / 1e6 / sends, ledger.retryAfters(),
                ledger.percentileFromFirstTryMillis(99), ledger.bytesPerDelivery(),
                ledger.refusals() == 0 ? "" : "  refusals by error code: " + ledger.refusalCodes());
        long closed = load.stream().filter(LoadClient::closed).count();
        if (closed > 0) {
            System.out.println("  " + closed + " connections closed by the server so far");
        }
        if (load.stream().anyMatch(c -> c.remaining() == 0)) {
            System.out.println("  (a client ran out of signed items: the figures above undercount)");
        }
    }

    /** A new author's first {@code count} items in {@code note}, chained, as Publish frames. */
    private static List<byte[]> chain(NoteKeys note, int count, JvmSecureRandomSource csprng) {
        TestAuthor author = new TestAuthor(note, csprng);
        List<byte[]> frames = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            NoteItem item = author.stored(author.nextUpdate(text(i)));
            frames.add(FrameCodec.encode(new Frame.Publish(item)));
        }
        return frames;
    }

    /** About 225 bytes of text, as a burst of typing might carry. */
    private static byte[] text(int n) {
        StringBuilder text = new StringBuilder("edit " + n + ": ");
        while (text.length() < TEXT_BYTES) {
            text.append("the quick brown fox jumps over the lazy dog ");
        }
        return text.substring(0, TEXT_BYTES).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Gives {@code note} {@code count} stored items straight through the database (the schema made by the server's
     * own migrations), far faster than publishing them: copies of one genuine signed item by a filler author, whose
     * rows count for the note's length and size as any would. The load's authors append after them.
     */
    private static void prefill(String jdbcUrl, NoteKeys note, int count, JvmSecureRandomSource csprng)
            throws Exception {
        if (count == 0) {
            return;
        }
        TestAuthor filler = new TestAuthor(note, csprng);
        NoteItem item = filler.stored(filler.nextUpdate(text(0)));
        byte[] noteId = note.noteId().toBytes();
        byte[] encoded = item.encode();
        try (Database database = Database.open(jdbcUrl, 2); Connection connection = database.connection()) {
            connection.setAutoCommit(false);
            // One statement, its rows made inside the database: a hundred times faster than sending them.
            String range = jdbcUrl.startsWith("jdbc:postgresql:") ? "generate_series(1, ?) AS r(X)"
                    : "SYSTEM_RANGE(1, ?)";
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO note_items (note_id, revision, "
                    + "kind, covers, author_key_id, sequence, item, key_epoch, stored_at) "
                    + "SELECT ?, X, ?, 0, ?, X, ?, 0, ? FROM " + range)) {
                insert.setBytes(1, noteId);
                insert.setInt(2, item.kind().code());
                insert.setBytes(3, item.header().authorKeyId().toBytes());
                insert.setBytes(4, encoded);
                insert.setTimestamp(5, new Timestamp(System.currentTimeMillis()));
                insert.setLong(6, count);
                insert.executeUpdate();
            }
            try (PreparedStatement chain = connection.prepareStatement("INSERT INTO note_author_chains "
                    + "(note_id, author_key_id, last_sequence, last_hash) VALUES (?, ?, ?, ?)");
                 PreparedStatement size = connection.prepareStatement(
                         "INSERT INTO note_sizes (note_id, stored_bytes) VALUES (?, ?)")) {
                chain.setBytes(1, noteId);
                chain.setBytes(2, item.header().authorKeyId().toBytes());
                chain.setLong(3, item.header().sequence());
                chain.setBytes(4, item.hash().toBytes());
                chain.executeUpdate();
                size.setBytes(1, noteId);
                size.setLong(2, (long) count * encoded.length);
                size.executeUpdate();
            }
            connection.commit();
        }
    }

    private static long storedItems(Connection connection, NoteKeys note) throws Exception {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT COUNT(*) FROM note_items WHERE note_id = ?")) {
            query.setBytes(1, note.noteId().toBytes());
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** {@code key=value} words, in one argument or several (Maven passes the property as one). */
    private static Map<String, String> settings(String[] args) {
        Map<String, String> settings = new HashMap<>();
        for (String arg : args) {
            for (String word : arg.trim().split("\\s+")) {
                if (!word.isEmpty()) {
                    String[] pair = word.split("=", 2);
                    if (pair.length != 2) {
                        throw new IllegalArgumentException("expected key=value, got " + word);
                    }
                    settings.put(pair[0], pair[1]);
                }
            }
        }
        return settings;
    }
}
