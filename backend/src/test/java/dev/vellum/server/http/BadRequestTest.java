package dev.vellum.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.server.testing.LogCapture;
import dev.vellum.server.testing.RawConnection;
import dev.vellum.server.testing.RunningServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A URL with a bad percent-escape is a 400 with one short line, and an API body that cannot be decoded is refused;
 * neither writes anything to the log.
 */
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

    @Test
    void malformedChunkedApiBodies_areRefused_andLoggedOnlyAtFine_inOneLine() throws Exception {
        try (RunningServer server = RunningServer.start(dataDir); LogCapture log = LogCapture.everything()) {
            for (int i = 0; i < 20; i++) {
                try (RawConnection connection = RawConnection.open(server.port())) {
                    connection.send("POST /api/accounts/salt HTTP/1.1\r\nHost: localhost\r\n"
                            + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                            + "zz\r\nabc\r\n");
                    // Vert.x closes a connection whose request it cannot decode; if an answer gets out first, it
                    // is a 400.
                    String answer = connection.readAll();
                    assertTrue(answer.isEmpty() || answer.startsWith("HTTP/1.1 400"), answer);
                }
            }
            Thread.sleep(200); // a failure logged after the answer would show now
            assertTrue(log.shownByDefault().isEmpty(), "log after bad chunked bodies:\n" + log.shownByDefault());
            // Recorded at FINE, in one line: the API's own record, without the exception's stack.
            assertTrue(log.text().contains("body not readable: java.lang.NumberFormatException"), "FINE line");
        }
    }
}
