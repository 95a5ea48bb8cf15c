package dev.vellum.server.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.seal.NoteKeys;
import dev.vellum.protocol.wire.ErrorCode;
import dev.vellum.protocol.wire.Frame;
import dev.vellum.server.testing.RunningServer;
import dev.vellum.server.testing.SecretScan;
import dev.vellum.server.testing.TestConfigs;
import dev.vellum.server.testing.TestSocket;
import dev.vellum.testing.TestAuthor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics}: off unless asked for, then on a listener of its own, where the relay's counters move with what
 * clients do, and no series names a note, a person or an address.
 */
class MetricsTest {
    private final JvmSecureRandomSource random = new JvmSecureRandomSource();
    private final NoteKeys keys = NoteKeys.generate(random);
    private final NoteId noteId = keys.noteId();
    private final TestAuthor author = new TestAuthor(keys, random);
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;
    private RunningServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void metrics_offByDefault_noListener_andNotOnThePublicPort() throws Exception {
        server = RunningServer.start(dataDir);

        assertThrows(IllegalStateException.class, () -> server.metricsUrl("/metrics"));
        HttpResponse<String> response = get(server.url("/metrics"));
        assertEquals(404, response.statusCode());
        assertFalse(response.body().contains("vellum_"), response.body());
    }

    @Test
    void metrics_whenOn_notServedOnThePublicPort() throws Exception {
        server = RunningServer.start(TestConfigs.withFlags(dataDir, "--metrics-port", "0"));

        assertEquals(200, get(server.metricsUrl("/metrics")).statusCode());
        HttpResponse<String> publicPort = get(server.url("/metrics"));
        assertEquals(404, publicPort.statusCode());
        assertFalse(publicPort.body().contains("vellum_"), publicPort.body());
    }

    @Test
    void storedItemAndError_moveTheirCounters_andNoSeriesNamesTheNote() throws Exception {
        server = RunningServer.start(TestConfigs.withFlags(dataDir, "--metrics-port", "0"));
        String before = scrape();
        assertEquals(0, value(before, "vellum_items_stored_total"));
        assertEquals(0, value(before, "vellum_errors_total{code=\"" + ErrorCode.MALFORMED_FRAME.code() + "\"}"));
        assertEquals(0, value(before, "vellum_note_sockets_open"));

        NoteItem item = author.nextUpdate("counted, never named");
        String during;
        try (TestSocket socket = TestSocket.connect(server.vertx(), server.port(), noteId.toString())) {
            socket.next(Frame.CaughtUp.class);
            socket.send(new Frame.Publish(item));
            assertEquals(1, socket.next(Frame.Accepted.class).revision());
            socket.sendBinary(new byte[] {1, 1, 2, 0x42}); // a publish of an item three bytes long
            assertEquals(ErrorCode.MALFORMED_FRAME, socket.next(Frame.Error.class).code());
            during = scrape();
        }

        assertEquals(1, value(during, "vellum_items_stored_total"));
        assertEquals(1, value(during, "vellum_errors_total{code=\"" + ErrorCode.MALFORMED_FRAME.code() + "\"}"));
        assertEquals(0, value(during, "vellum_errors_total{code=\"" + ErrorCode.INVALID_SIGNATURE.code() + "\"}"));
        assertEquals(1, value(during, "vellum_append_seconds_count"));
        assertEquals(2, value(during, "vellum_frames_received_total"));
        // Hello, caught-up, accepted, error: at least these four went out.
        assertTrue(value(during, "vellum_frames_sent_total") >= 4, during);
        assertEquals(1, value(during, "vellum_note_sockets_open"));
        assertTrue(during.contains("vertx_http_server_active_ws_connections"), "Vert.x's own meters are there too");
        assertEquals(0, awaitValue("vellum_note_sockets_open", 0));

        List<String> found = new ArrayList<>();
        byte[] text = during.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        SecretScan.check(found, "note id", noteId.toString(), new byte[0], text);
        SecretScan.scanBytes(found, "item", item.encode(), new byte[0], text);
        SecretScan.check(found, "address", "127.0.0.1", new byte[0], text);
        assertTrue(found.isEmpty(), "the metrics name what they must not: " + found);
        assertFalse(Pattern.compile("(?m)^\\w+\\{[^}]*(address|path|remote|local|method)=").matcher(during).find(),
                "a series tagged by something a client chooses");
    }

    private String scrape() throws Exception {
        HttpResponse<String> response = get(server.metricsUrl("/metrics"));
        assertEquals(200, response.statusCode());
        return response.body();
    }

    private double awaitValue(String series, double expected) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        double value = value(scrape(), series);
        while (value != expected && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
            value = value(scrape(), series);
        }
        return value;
    }

    /** The value of one series in Prometheus' text format, e.g. {@code name{code="7"}}. */
    private static double value(String scrape, String series) {
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
        if (!line.find()) {
            throw new AssertionError("no series " + series + " in:\n" + scrape);
        }
        return Double.parseDouble(line.group(1));
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
