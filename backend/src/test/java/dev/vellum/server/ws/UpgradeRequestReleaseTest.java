package dev.vellum.server.ws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An upgraded socket lets go of its upgrade request's cookies, headers and parameters and its response's headers
 * ({@link NoteSocketHandler#releaseUpgradeRequest}), which Vert.x would otherwise keep for the socket's life, and goes
 * on carrying frames both ways. Upgraded with {@code toWebSocket()}, as the note route does.
 */
class UpgradeRequestReleaseTest {
    private final Vertx vertx = Vertx.vertx();

    /** Sizes of what the upgrade request keeps: cookies, its headers (the socket's), parameters, response headers. */
    private record Kept(int cookies, int headers, int params, int responseHeaders) {
        static Kept of(HttpServerRequest request) {
            return new Kept(request.cookies().size(), request.headers().size(), request.params().size(),
                    request.response().headers().size());
        }
    }

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    @Test
    void releasedSocket_keepsNoCookiesHeadersOrParams_andStillEchoes() throws Exception {
        CompletableFuture<Kept> before = new CompletableFuture<>();
        CompletableFuture<Kept> after = new CompletableFuture<>();
        CompletableFuture<Integer> socketHeadersAfter = new CompletableFuture<>();
        HttpServer server = vertx.createHttpServer().requestHandler(request -> {
            // as the router's security headers handler does for every response, the 101 included
            request.response().putHeader("X-Content-Type-Options", "nosniff");
            request.toWebSocket().onSuccess(socket -> {
                before.complete(Kept.of(request));
                NoteSocketHandler.releaseUpgradeRequest(request);
                after.complete(Kept.of(request));
                socketHeadersAfter.complete(socket.headers().size());
                socket.binaryMessageHandler(socket::writeBinaryMessage);
            });
        }).listen(0, "127.0.0.1").await();

        WebSocketClient client = vertx.createWebSocketClient();
        CompletableFuture<Buffer> echoed = new CompletableFuture<>();
        var socket = client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(server.actualPort())
                .setURI("/ws/notes/x?since=0")
                .addHeader("Cookie", "vellum_session=abc")
                .addHeader("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0.0.0")).await();
        socket.binaryMessageHandler(echoed::complete);
        byte[] frame = {1, 2, 3, 4};
        socket.writeBinaryMessage(Buffer.buffer(frame)).await();

        Kept held = before.get(5, TimeUnit.SECONDS);
        assertTrue(held.cookies() == 1 && held.headers() >= 4 && held.params() == 1 && held.responseHeaders() == 1,
                "the upgrade arrived with what it keeps: " + held);
        assertEquals(new Kept(0, 0, 0, 0), after.get(5, TimeUnit.SECONDS));
        assertEquals(0, socketHeadersAfter.get(5, TimeUnit.SECONDS));
        assertArrayEquals(frame, echoed.get(5, TimeUnit.SECONDS).getBytes());
    }
}
