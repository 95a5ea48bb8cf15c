package dev.vellum.server.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The client's address for per-address limits and quotas ({@link RemoteAddress#of its key}). Mostly the peer's; but
 * behind a reverse proxy every peer is the proxy, which would put all its clients under one limit. So when the peer
 * is one of {@code --trusted-proxies}, the client is the address the proxy added to {@code X-Forwarded-For}: the
 * last one (a client can write anything before it), or, through a chain of trusted proxies, the last one that is
 * not itself a trusted proxy. From any other peer the header is ignored: anyone could send it.
 *
 * <p>Mounted first on the router; handlers read the result with {@link #of}.
 */
public final class ClientAddress implements Handler<RoutingContext> {
    private static final String KEY = "vellum.client-address";

    private final Set<String> trustedProxies;

    public ClientAddress(Collection<String> trustedProxies) {
        this.trustedProxies = trustedProxies.stream().map(RemoteAddress::canonical).collect(Collectors.toSet());
    }

    @Override
    public void handle(RoutingContext ctx) {
        ctx.put(KEY, keyOf(ctx.request()));
        ctx.next();
    }

    /** The limit key of the request's client, as {@link #handle} found it (the peer's, if it did not run). */
    public static String of(RoutingContext ctx) {
        String key = ctx.get(KEY);
        return key != null ? key : RemoteAddress.of(ctx.request().remoteAddress());
    }

    String keyOf(HttpServerRequest request) {
        return keyOf(RemoteAddress.exact(request.remoteAddress()), request.headers().getAll("X-Forwarded-For"));
    }

    /**
     * @param peer the peer's whole address
     * @param forwardedFor the {@code X-Forwarded-For} header's values, in order
     */
    String keyOf(String peer, List<String> forwardedFor) {
        if (!trustedProxies.contains(RemoteAddress.canonical(peer))) {
            return RemoteAddress.keyOf(peer);
        }
        List<String> hops = new ArrayList<>();
        for (String value : forwardedFor) {
            for (String hop : value.split(",")) {
                hops.add(hop.trim());
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (RemoteAddress.parse(hop) == null) {
                break; // not an address: nothing before it can be believed either
            }
            if (!trustedProxies.contains(RemoteAddress.canonical(hop))) {
                return RemoteAddress.keyOf(hop);
            }
        }
        return RemoteAddress.keyOf(peer);
    }
}
