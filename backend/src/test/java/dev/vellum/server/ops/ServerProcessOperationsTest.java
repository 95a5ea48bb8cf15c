package dev.vellum.server.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.protocol.seal.NoteKeys;
import dev.vellum.protocol.wire.ErrorCode;
import dev.vellum.protocol.wire.Frame;
import dev.vellum.server.testing.TestSocket;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server as its own process, started as an operator would: its log takes the bundled configuration (one line
 * per record), or the operator's ({@code -Djava.util.logging.config.file}), and {@code --metrics-port} serves
 * metrics from the process. Needs the packaged web app, so it runs in the second tier ({@code mvn verify}).
 */
@Tag("packaged")
class ServerProcessOperationsTest {
    private static final Pattern APP_URL = Pattern.compile("Open http://localhost:(\\d+)/");
    private static final Pattern METRICS_URL = Pattern.compile("Metrics: (http://127\\.0\\.0\\.1:\\d+/metrics)");

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> output = new CopyOnWriteArrayList<>();
    private Process server;
    private Vertx vertx;

    @TempDir
    Path folder;

    @AfterEach
    void stop() {
        if (server != null) {
            server.destroyForcibly();
        }
        if (vertx != null) {
            vertx.close().await();
        }
    }

    @Test
    void bundledLogConfiguration_writesOneLinePerRecord_withTimeLevelAndLogger() throws Exception {
        int port = start(List.of());

        assertEquals(200, get("http://localhost:" + port + "/health").statusCode());

        awaitLine(Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}[+-]\\d{4} INFO "
                + "dev\\.vellum\\.server\\.ops\\.DatabaseProbe - the database answers"));
    }

    @Test
    void operatorsLogConfiguration_replacesTheBundledOne_andMetricsAreServedFromTheProcess() throws Exception {
        Path configuration = folder.resolve("operator-logging.properties");
        Files.writeString(configuration, String.join("\n",
                "handlers = java.util.logging.ConsoleHandler",
                ".level = INFO",
                "dev.vellum.server.ws.level = FINE",
                "java.util.logging.ConsoleHandler.level = ALL",
                "java.util.logging.ConsoleHandler.formatter = java.util.logging.SimpleFormatter",
                "java.util.logging.SimpleFormatter.format = OPERATOR %4$s %3$s %5$s%n", ""));
        int port = start(List.of("-Djava.util.logging.config.file=" + configuration), "--metrics-port", "0");
        String metricsUrl = awaitLine(METRICS_URL).group(1);

        vertx = Vertx.vertx();
        NoteKeys keys = NoteKeys.generate(new JvmSecureRandomSource());
        try (TestSocket socket = TestSocket.connect(vertx, port, keys.noteId().toString())) {
            socket.next(Frame.CaughtUp.class);
            socket.sendBinary(new byte[] {1, 1, 2, 0x42});
            assertEquals(ErrorCode.MALFORMED_FRAME, socket.next(Frame.Error.class).code());
        }

        awaitLine(Pattern.compile("OPERATOR FINE dev\\.vellum\\.server\\.ws\\.NoteSession refused frame on note "
                + Pattern.quote(keys.noteId().toString()) + ": MALFORMED_FRAME"));
        HttpResponse<String> metrics = get(metricsUrl);
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("vellum_errors_total{code=\"" + ErrorCode.MALFORMED_FRAME.code()
                + "\"} 1.0"), metrics.body());
    }

    /** Starts {@code dev.vellum.server.Main} with these JVM options and flags; returns its port. */
    private int start(List<String> jvmOptions, String... flags) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("surefire.test.class.path",
                System.getProperty("java.class.path")), "dev.vellum.server.Main",
                "--host", "127.0.0.1", "--port", "0", "--data-dir", folder.resolve("data").toString()));
        command.addAll(List.of(flags));
        server = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(),
                StandardCharsets.UTF_8));
        Thread reader = new Thread(() -> lines.lines().forEach(output::add), "server-output");
        reader.setDaemon(true);
        reader.start();
        return Integer.parseInt(awaitLine(APP_URL).group(1));
    }

    private Matcher awaitLine(Pattern pattern) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            for (String line : output) {
                Matcher matcher = pattern.matcher(line);
                if (matcher.find()) {
                    return matcher;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no line matching " + pattern + " in the server's output:\n"
                + String.join("\n", output));
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
