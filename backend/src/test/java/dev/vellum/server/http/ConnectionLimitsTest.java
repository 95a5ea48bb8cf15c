package dev.vellum.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.seal.NoteKeys;
import dev.vellum.protocol.wire.Frame;
import dev.vellum.server.testing.RawConnection;
import dev.vellum.server.testing.RunningServer;
import dev.vellum.server.testing.TestConfigs;
import dev.vellum.server.testing.TestSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Idle and half-sent connections are closed, and the connection caps refuse clearly, each with a small limit. */
class ConnectionLimitsTest {
    private final NoteId noteId = NoteKeys.generate(new JvmSecureRandomSource()).noteId();

    @TempDir
    Path dataDir;
    private RunningServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(ConnectionLimits limits) {
        server = RunningServer.start(TestConfigs.withConnectionLimits(dataDir, limits));
    }

    @Test
    void webSocketThatSendsNothing_isClosedAfterTheIdleTimeout_oneThatSendsPresenceStaysOpen() throws Exception {
        start(new ConnectionLimits(1, 10, 100, 100));
        try (TestSocket silent = TestSocket.connect(server.vertx(), server.port(), noteId.toString());
             TestSocket talking = TestSocket.connect(server.vertx(), server.port(), noteId.toString())) {
            silent.next(Frame.CaughtUp.class);
            talking.next(Frame.CaughtUp.class);
            for (int i = 0; i < 8; i++) { // 2.4 s, past the 1 s timeout, with a heartbeat every 0.3 s
                talking.send(new Frame.Presence(new byte[] {1}));
                Thread.sleep(300);
            }

            assertTrue(silent.awaitClosed(), "an idle WebSocket should be closed");
            assertFalse(talking.isClosed(), "a WebSocket that keeps sending should stay open");
        }
    }

    @Test
    void silentTcpConnection_isClosed() throws Exception {
        start(new ConnectionLimits(1, 1, 100, 100));
        try (RawConnection silent = RawConnection.open(server.port())) {
            assertTrue(silent.awaitClosedByServer(5_000));
        }
    }

    @Test
    void requestHeadTrickledByteByByte_isClosedAfterTheRequestTimeout() throws Exception {
        start(new ConnectionLimits(60, 1, 100, 100));
        try (RawConnection slow = RawConnection.open(server.port())) {
            String head = "GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: " + "a".repeat(100);
            long started = System.nanoTime();
            boolean closed = false;
            // One byte every 100 ms keeps the connection from ever being idle; only the request timeout ends it.
            for (int i = 0; i < head.length() && !closed; i++) {
                try {
                    slow.send(head.substring(i, i + 1));
                } catch (java.io.IOException reset) {
                    closed = true;
                }
                Thread.sleep(100);
                closed = closed || slow.awaitClosedByServer(1);
            }
            assertTrue(closed, "a request head that never ends should be cut off");
            assertTrue(System.nanoTime() - started < 6_000_000_000L);
        }
    }

    @Test
    void keptAliveConnection_mustSendItsNextRequestHeadInTimeToo() throws Exception {
        start(new ConnectionLimits(60, 1, 100, 100));
        try (RawConnection connection = RawConnection.open(server.port())) {
            // Any answered request keeps the connection alive; a missing page needs no packaged app (mvn test).
            connection.send("GET /nothing-here HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertEquals(404, connection.readStatus());
            long answered = System.nanoTime();
            connection.send("GET /index.html HTTP/1.1\r\nHost: loc"); // and the next request never ends

            assertTrue(connection.awaitClosedByServer(5_000));
            assertTrue(System.nanoTime() - answered < 5_000_000_000L);
        }
    }

    @Test
    void connectionsOverThePerAddressCap_get429_andAFreedSlotIsUsableAgain() throws Exception {
        start(new ConnectionLimits(60, 10, 100, 3));
        List<RawConnection> held = holdConnections(3);
        try (RawConnection extra = RawConnection.open(server.port())) {
            extra.send("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
            String head = extra.readHead();
            assertTrue(head.startsWith("HTTP/1.1 429"), head);
            assertTrue(extra.awaitClosedByServer(5_000));
        }
        held.remove(0).close();
        Thread.sleep(200);
        try (RawConnection again = RawConnection.open(server.port())) {
            again.send("GET /nothing-here HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertEquals(404, again.readStatus());
        } finally {
            closeAll(held);
        }
    }

    @Test
    void connectionsOverTheGlobalCap_get503() throws Exception {
        start(new ConnectionLimits(60, 10, 2, 100));
        List<RawConnection> held = holdConnections(2);
        try (RawConnection extra = RawConnection.open(server.port())) {
            extra.send(RawConnection.upgradeRequest(server.port(), "/ws/notes/" + noteId, ""));
            String head = extra.readHead();
            assertTrue(head.startsWith("HTTP/1.1 503"), head);
        } finally {
            closeAll(held);
        }
    }

    @Test
    void closedWebSockets_freeTheirPlaceUnderTheCaps() throws Exception {
        // Two places in all, one per address: each socket must give its place back when it closes, or the third
        // (and every later one, for the server's whole life) would be refused.
        start(new ConnectionLimits(60, 10, 2, 1));
        for (int i = 0; i < 4; i++) {
            TestSocket socket = TestSocket.connect(server.vertx(), server.port(), noteId.toString());
            socket.next(Frame.CaughtUp.class);
            socket.close();
            Thread.sleep(200);
        }
        try (TestSocket last = TestSocket.connect(server.vertx(), server.port(), noteId.toString())) {
            assertTrue(last.next(Frame.CaughtUp.class).latestRevision() >= 0);
        }
    }

    @Test
    void webSocketFromAForeignOrigin_is403_ownAllowedOrMissingOriginsUpgrade() throws Exception {
        server = RunningServer.start(TestConfigs.withFlags(dataDir,
                "--allowed-origins", "https://notes.example"));
        assertEquals(403, upgradeStatus("Origin: https://evil.example\r\n"));
        assertEquals(403, upgradeStatus("Origin: null\r\n"));
        assertEquals(403, upgradeStatus("Origin: http://localhost:" + (server.port() + 1) + "\r\n"));
        assertEquals(101, upgradeStatus("Origin: http://localhost:" + server.port() + "\r\n"));
        assertEquals(101, upgradeStatus("Origin: https://notes.example\r\n"));
        assertEquals(101, upgradeStatus(""));
    }

    private int upgradeStatus(String originHeader) throws Exception {
        try (RawConnection connection = RawConnection.open(server.port())) {
            connection.send(RawConnection.upgradeRequest(server.port(), "/ws/notes/" + noteId, originHeader));
            return connection.readStatus();
        }
    }

    /** Connections that have each had one request answered, so the server has surely counted them. */
    private List<RawConnection> holdConnections(int count) throws Exception {
        List<RawConnection> held = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            RawConnection connection = RawConnection.open(server.port());
            connection.send("GET /nothing-here HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertEquals(404, connection.readStatus());
            held.add(connection);
        }
        return held;
    }

    private static void closeAll(List<RawConnection> connections) throws Exception {
        for (RawConnection connection : connections) {
            connection.close();
        }
    }
}
