package dev.vellum.server.account;

import dev.vellum.server.http.ClientAddress;
import io.vertx.ext.web.RoutingContext;

/** One account API request, its body parsed: what every handler needs to know about it. */
public record ApiCall(RoutingContext ctx, JsonBody body) {
    /** The client's address, the key of per-address limits ({@link ClientAddress}). */
    public String address() {
        return ClientAddress.of(ctx);
    }
}
