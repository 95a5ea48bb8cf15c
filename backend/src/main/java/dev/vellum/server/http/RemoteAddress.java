package dev.vellum.server.http;

import io.vertx.core.net.SocketAddress;

/** The peer's IP address as text: the key of its per-address quotas and connection counts. */
public final class RemoteAddress {
    private RemoteAddress() {
    }

    /** The host address, the socket address's text if it has none (a domain socket), or "unknown" if absent. */
    public static String of(SocketAddress remote) {
        if (remote == null) {
            return "unknown";
        }
        String host = remote.hostAddress();
        return host != null ? host : remote.toString();
    }
}
