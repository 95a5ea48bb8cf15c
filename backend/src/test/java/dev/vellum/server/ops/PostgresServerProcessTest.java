package dev.vellum.server.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.seal.NoteKeys;
import dev.vellum.protocol.wire.Frame;
import dev.vellum.server.config.ServerConfig;
import dev.vellum.server.testing.EmbeddedPostgresServer;
import dev.vellum.server.testing.TestSocket;
import dev.vellum.testing.TestAuthor;
import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged server ({@code java -jar vellum-server.jar}) on PostgreSQL, started as the README tells an operator:
 * {@code --jdbc-url} names the database and user, {@code VELLUM_JDBC_PASSWORD} holds the password. The jar must carry
 * the driver and Flyway's PostgreSQL support, the migrations run at start, and a note goes round over WebSocket and
 * lands in PostgreSQL. The password never shows in the process list or the output.
 */
@Tag("packaged")
class PostgresServerProcessTest {
    private static final Pattern APP_URL = Pattern.compile("Open http://localhost:(\\d+)/");
    private static final Path JAR = Path.of("target", "vellum-server.jar");

    private final List<String> output = new CopyOnWriteArrayList<>();
    private final JvmSecureRandomSource random = new JvmSecureRandomSource();
    private Process server;
    private Vertx vertx;

    @TempDir
    Path folder;

    @AfterEach
    void stop() throws Exception {
        if (vertx != null) {
            vertx.close().await();
        }
        if (server != null) {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    @Test
    void thePackagedServer_runsOnPostgres_withThePasswordFromTheEnvironment_andANoteGoesRound() throws Exception {
        EmbeddedPostgresServer.TestDatabase database = EmbeddedPostgresServer.newDatabase();
        int port = start(database);

        assertEquals(200, HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/health")).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode(), "ready: PostgreSQL answers");

        vertx = Vertx.vertx();
        NoteKeys keys = NoteKeys.generate(random);
        TestAuthor alice = new TestAuthor(keys, random);
        NoteItem first = alice.nextUpdate("stored in PostgreSQL");
        try (TestSocket writer = TestSocket.connect(vertx, port, keys.noteId().toString());
             TestSocket reader = TestSocket.connect(vertx, port, keys.noteId().toString())) {
            writer.next(Frame.CaughtUp.class);
            reader.next(Frame.CaughtUp.class);
            writer.send(new Frame.Publish(first));
            assertEquals(1, writer.next(Frame.Accepted.class).revision());
            Frame.Revision relayed = reader.next(Frame.Revision.class);
            assertEquals(1, relayed.revision());
            assertArrayEquals(first.encode(), relayed.item().encode());
        }
        try (TestSocket joiner = TestSocket.connect(vertx, port, keys.noteId().toString())) {
            List<NoteItem> joined = new ArrayList<>();
            Frame frame;
            for (frame = joiner.next(); !(frame instanceof Frame.CaughtUp); frame = joiner.next()) {
                if (frame instanceof Frame.History history) {
                    history.revisions().forEach(revision -> joined.add(revision.item()));
                } else if (frame instanceof Frame.Revision revision) {
                    joined.add(revision.item());
                }
            }
            assertEquals(1, ((Frame.CaughtUp) frame).latestRevision());
            assertEquals(1, joined.size(), "a joiner gets it from the database");
            assertArrayEquals(first.encode(), joined.get(0).encode());
        }

        try (Connection connection = DriverManager.getConnection(database.jdbcUrl());
             PreparedStatement query = connection.prepareStatement(
                     "SELECT item FROM note_items WHERE note_id = ? AND revision = 1")) {
            query.setBytes(1, keys.noteId().toBytes());
            try (ResultSet rows = query.executeQuery()) {
                assertTrue(rows.next(), "the item is in PostgreSQL");
                assertArrayEquals(first.encode(), rows.getBytes(1));
            }
        }
        String commandLine = Files.readString(Path.of("/proc", Long.toString(server.pid()), "cmdline"),
                StandardCharsets.UTF_8);
        assertTrue(commandLine.contains(database.jdbcUrlWithoutPassword()), commandLine);
        assertFalse(commandLine.contains(database.password()), "the password is not in the process list");
        assertFalse(String.join("\n", output).contains(database.password()), "nor in the output");
    }

    /** Starts the packaged server on the database, the password in the environment alone; returns its port. */
    private int start(EmbeddedPostgresServer.TestDatabase database) throws Exception {
        assertTrue(Files.isRegularFile(JAR), JAR.toAbsolutePath() + " is built by mvn package");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString(),
                "--host", "127.0.0.1", "--port", "0", "--data-dir", folder.resolve("data").toString(),
                "--jdbc-url", database.jdbcUrlWithoutPassword()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put(ServerConfig.JDBC_PASSWORD_VARIABLE, database.password());
        server = builder.start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(),
                StandardCharsets.UTF_8));
        Thread reader = new Thread(() -> lines.lines().forEach(output::add), "server-output");
        reader.setDaemon(true);
        reader.start();
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline && server.isAlive()) {
            for (String line : output) {
                Matcher running = APP_URL.matcher(line);
                if (running.find()) {
                    return Integer.parseInt(running.group(1));
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the server did not start on PostgreSQL; its output:\n" + String.join("\n", output));
    }
}
