package dev.vellum.server.account;

import dev.vellum.server.http.RemoteAddress;
import io.vertx.ext.web.RoutingContext;

/** One account API request, its body parsed: what every handler needs to know about it. */
record ApiCall(RoutingContext ctx, JsonBody body) {
    /** The peer's IP address, the key of per-address limits. */
    String address() {
        return RemoteAddress.of(ctx.request().remoteAddress());
    }
}
