package dev.vellum.server.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vellum.server.testing.RunningServer;
import dev.vellum.server.testing.TestConfigs;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /health} against the real server: 200 while its database answers, 503 while it does not (here an H2
 * server process stopped under it), and 200 again once it is back, always with the same two small bodies.
 */
class HealthTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;
    private RunningServer server;
    private Server database;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (database != null) {
            database.stop();
        }
    }

    @Test
    void health_databaseAnswers_200_withAConstantBody_neverCached() throws Exception {
        server = RunningServer.start(dataDir);

        HttpResponse<String> response = get("/health");

        assertEquals(200, response.statusCode());
        assertEquals("{\"status\":\"up\"}", response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
    }

    @Test
    void health_databaseStopped_503_withAConstantBody_then200WhenItIsBack() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        database = startDatabase(port);
        server = RunningServer.start(TestConfigs.withFlags(dataDir,
                "--jdbc-url", "jdbc:h2:tcp://127.0.0.1:" + port + "/vellum"));
        assertEquals(200, get("/health").statusCode());

        database.stop();
        HttpResponse<String> down = awaitStatus(503, 15_000);
        assertEquals("{\"status\":\"down\"}", down.body());

        database = startDatabase(port);
        HttpResponse<String> up = awaitStatus(200, 60_000);
        assertEquals("{\"status\":\"up\"}", up.body());
    }

    private Server startDatabase(int port) throws Exception {
        return Server.createTcpServer("-tcpPort", Integer.toString(port), "-baseDir", dataDir.toString(),
                "-ifNotExists").start();
    }

    private HttpResponse<String> awaitStatus(int status, long millis) throws Exception {
        long deadline = System.currentTimeMillis() + millis;
        HttpResponse<String> response = get("/health");
        while (response.statusCode() != status && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            response = get("/health");
        }
        assertEquals(status, response.statusCode(), response.body());
        return response;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url(path))).timeout(Duration.ofSeconds(20))
                        .GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
