package dev.vellum.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.server.testing.LogCapture;
import dev.vellum.server.testing.RawConnection;
import dev.vellum.server.testing.RunningServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A URL with a bad percent-escape is a 400 with one short line, and writes nothing to the log. */
class BadRequestTest {
    private static final int REQUESTS = 100;

    @TempDir
    Path dataDir;

    @Test
    void badPercentEscapes_get400_andAlmostNoLogOutput() throws Exception {
        String[] targets = {"/%", "/%zz", "/n/%e", "/ws/notes/abc?since=%", "/index.html?x=%G1"};
        try (RunningServer server = RunningServer.start(dataDir); LogCapture log = LogCapture.everything()) {
            for (int i = 0; i < REQUESTS; i++) {
                try (RawConnection connection = RawConnection.open(server.port())) {
                    connection.send("GET " + targets[i % targets.length] + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
                    assertEquals(400, connection.readStatus(), targets[i % targets.length]);
                }
            }
            // At the default level; FINE records (the pool filling up in the background) are not written.
            assertTrue(log.shownByDefault().isEmpty(), "log after " + REQUESTS + " bad requests:\n"
                    + log.shownByDefault());
        }
    }
}
