package dev.vellum.server.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.util.List;

/**
 * A TCP proxy in front of server nodes, as a load balancer would be: each connection goes to the first node in its
 * list that takes it, so when that node dies, the browser's next connection (same origin, same URL) reaches the
 * next one. Bytes are forwarded as they are (HTTP, WebSocket); when either side closes, so does the other.
 */
public final class FailoverProxy implements AutoCloseable {
    private final NetServer server;
    private final NetClient client;

    private FailoverProxy(NetServer server, NetClient client) {
        this.server = server;
        this.client = client;
    }

    /** @param nodePorts the nodes' ports on 127.0.0.1, the preferred one first */
    public static FailoverProxy start(Vertx vertx, List<Integer> nodePorts) {
        NetClient client = vertx.createNetClient();
        NetServer server = vertx.createNetServer().connectHandler(inbound -> {
            inbound.pause();
            connectFirst(client, nodePorts, 0).onComplete(connected -> {
                if (connected.failed()) {
                    inbound.close();
                    return;
                }
                NetSocket outbound = connected.result();
                inbound.closeHandler(closed -> outbound.close());
                outbound.closeHandler(closed -> inbound.close());
                inbound.pipeTo(outbound);
                outbound.pipeTo(inbound);
            });
        });
        server.listen(0, "127.0.0.1").await();
        return new FailoverProxy(server, client);
    }

    private static Future<NetSocket> connectFirst(NetClient client, List<Integer> ports, int index) {
        return client.connect(ports.get(index), "127.0.0.1").recover(refused -> index + 1 < ports.size()
                ? connectFirst(client, ports, index + 1) : Future.failedFuture(refused));
    }

    public int port() {
        return server.actualPort();
    }

    public String url(String path) {
        return "http://localhost:" + port() + path;
    }

    @Override
    public void close() {
        server.close().await();
        client.close().await();
    }
}
