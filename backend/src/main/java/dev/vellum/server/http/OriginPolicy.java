package dev.vellum.server.http;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which pages may open a WebSocket to this server. A browser sends the page's Origin with every WebSocket upgrade,
 * and, unlike fetch, the upgrade is not held back by CORS: without this check any web site a person visits could
 * open notes' sockets from their browser (cross-site WebSocket hijacking). The server's own origin is the scheme
 * and the Host header it was reached by; a proxy that rewrites Host needs its public origin in the allowed list.
 *
 * <p>A request without Origin is allowed: browsers always send one on a WebSocket upgrade, so a missing Origin means
 * a non-browser client (a script, a test), which could send any Origin it liked anyway. The check protects browsers'
 * users, not the server; the server's own defences (signatures, limits) apply to every client.
 */
public final class OriginPolicy {
    private final Set<String> allowed;

    public OriginPolicy(List<String> allowedOrigins) {
        this.allowed = allowedOrigins.stream().map(origin -> origin.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * @param origin the request's Origin header, or {@code null}
     * @param host the request's Host header (host and port, as the browser addressed the server), or {@code null}
     */
    public boolean permits(String origin, String host) {
        if (origin == null) {
            return true;
        }
        String given = origin.trim().toLowerCase(Locale.ROOT);
        if (allowed.contains(given)) {
            return true;
        }
        if (host == null || host.isBlank()) {
            return false;
        }
        String own = host.trim().toLowerCase(Locale.ROOT);
        return given.equals("http://" + own) || given.equals("https://" + own);
    }
}
