package dev.vellum.server.http;

/**
 * How long and how many connections the server keeps, so that idle or half-open sockets cannot use up its file
 * descriptors. Each limit is refused clearly when reached (see {@link ConnectionGuard}).
 *
 * @param idleTimeoutSeconds a connection, WebSocket included, that sends nothing for this long is closed (the app's
 *                           presence heartbeat every 10 s keeps an open note alive)
 * @param requestTimeoutSeconds a connection must finish sending a request's head within this long after it opens
 *                              or after the last response
 * @param maxConnections open connections in all; more are answered 503
 * @param maxConnectionsPerAddress open connections from one remote address; more are answered 429
 */
public record ConnectionLimits(int idleTimeoutSeconds, int requestTimeoutSeconds, int maxConnections,
                               int maxConnectionsPerAddress) {
    public static final ConnectionLimits DEFAULTS = new ConnectionLimits(60, 10, 10_000, 256);

    public ConnectionLimits {
        if (idleTimeoutSeconds < 1) {
            throw new IllegalArgumentException("idle timeout must be at least 1 second, got " + idleTimeoutSeconds);
        }
        if (requestTimeoutSeconds < 1) {
            throw new IllegalArgumentException("request timeout must be at least 1 second, got "
                    + requestTimeoutSeconds);
        }
        if (maxConnections < 1 || maxConnectionsPerAddress < 1) {
            throw new IllegalArgumentException("connection caps must be at least 1, got " + maxConnections + " and "
                    + maxConnectionsPerAddress);
        }
    }
}
