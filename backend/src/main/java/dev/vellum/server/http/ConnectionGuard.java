package dev.vellum.server.http;

import io.netty.channel.Channel;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts open connections, in all and per remote address, and closes a connection that takes too long to send a
 * request's head (a half-sent request would otherwise hold its socket forever). A connection over a cap is answered
 * with one short line, 503 (server full) or 429 (too many from your address), and closed; it never reaches the
 * router. Behind a reverse proxy every connection comes from the proxy's address, so raise the per-address cap there.
 *
 * <p>Silent connections (no bytes at all) are closed by the server's read idle timeout, which this class does not
 * handle; see {@code MainVerticle}.
 */
public final class ConnectionGuard {
    /** A refused connection gets this long to send the request it is refused with. */
    private static final long REFUSED_GRACE_MILLIS = 1000;

    private final Vertx vertx;
    private final ConnectionLimits limits;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<String, Integer> openPerAddress = new ConcurrentHashMap<>();
    private final Map<Object, Tracked> tracked = new ConcurrentHashMap<>();

    public ConnectionGuard(Vertx vertx, ConnectionLimits limits) {
        this.vertx = vertx;
        this.limits = limits;
    }

    /** Why a connection is refused; {@code null} in {@link Tracked} when it is not. */
    private enum Refusal {
        SERVER_FULL(503, "server busy: too many connections, try again later\n"),
        ADDRESS_FULL(429, "too many connections from your address\n");

        final int status;
        final String line;

        Refusal(int status, String line) {
            this.status = status;
            this.line = line;
        }
    }

    /** One open connection: where it comes from, whether it is refused, and its request-head timer. */
    private static final class Tracked {
        final String address;
        final Refusal refusal;
        /** Requests received whose response has not ended; an upgraded WebSocket stays at 1 for good. */
        int inFlight;
        long timer = -1;

        Tracked(String address, Refusal refusal) {
            this.address = address;
            this.refusal = refusal;
        }
    }

    /** For {@code HttpServer.connectionHandler}: counts the connection and starts its request-head timer. */
    public void onConnection(HttpConnection connection) {
        String address = RemoteAddress.of(connection.remoteAddress());
        int total = open.incrementAndGet();
        int fromAddress = openPerAddress.merge(address, 1, Integer::sum);
        Refusal refusal = total > limits.maxConnections() ? Refusal.SERVER_FULL
                : fromAddress > limits.maxConnectionsPerAddress() ? Refusal.ADDRESS_FULL : null;
        Tracked state = new Tracked(address, refusal);
        Object key = keyOf(connection);
        tracked.put(key, state);
        connection.closeHandler(closed -> release(key, state));
        // A connection upgraded to a WebSocket is handed to another Vert.x connection object, and the HTTP one's
        // close handler never runs: without this, each WebSocket kept its place under the caps (and, through this
        // map, its HTTP connection, request and headers in memory) after it closed, until the server refused
        // everyone. The socket's channel closes once, whatever it carried; the listener holds no HTTP connection.
        if (key instanceof Channel channel) {
            channel.closeFuture().addListener(closed -> release(key, state));
        }
        armTimer(connection, state);
    }

    /**
     * What a connection is tracked by: its Netty channel, which outlives an upgrade (the HTTP connection object does
     * not stay referenced by this guard once its socket became a WebSocket), else the connection itself.
     */
    private static Object keyOf(HttpConnection connection) {
        return connection instanceof ConnectionBase base ? base.channel() : connection;
    }

    /** Gives the connection's places back; runs once, whichever of its close signals comes first. */
    private void release(Object key, Tracked state) {
        if (tracked.remove(key) == null) {
            return;
        }
        cancelTimer(state);
        open.decrementAndGet();
        openPerAddress.computeIfPresent(state.address, (address, count) -> count <= 1 ? null : count - 1);
    }

    /** Wraps the router: refuses requests on connections over a cap and tracks when a connection is waiting. */
    public Handler<HttpServerRequest> guarding(Handler<HttpServerRequest> next) {
        return request -> {
            HttpConnection connection = request.connection();
            Tracked state = tracked.get(keyOf(connection));
            if (state == null) {
                next.handle(request);
                return;
            }
            cancelTimer(state);
            if (state.refusal != null) {
                request.response().setStatusCode(state.refusal.status).putHeader("Connection", "close")
                        .putHeader("Content-Type", "text/plain; charset=utf-8")
                        .end(state.refusal.line)
                        .onComplete(sent -> connection.close());
                return;
            }
            state.inFlight++;
            request.response().endHandler(ended -> {
                state.inFlight--;
                armTimer(connection, state);
            });
            next.handle(request);
        };
    }

    private void armTimer(HttpConnection connection, Tracked state) {
        cancelTimer(state);
        if (state.inFlight > 0) {
            return;
        }
        long delay = state.refusal != null ? REFUSED_GRACE_MILLIS : limits.requestTimeoutSeconds() * 1000L;
        state.timer = vertx.setTimer(delay, fired -> {
            state.timer = -1;
            if (state.inFlight == 0) {
                connection.close();
            }
        });
    }

    private void cancelTimer(Tracked state) {
        if (state.timer != -1) {
            vertx.cancelTimer(state.timer);
            state.timer = -1;
        }
    }
}
