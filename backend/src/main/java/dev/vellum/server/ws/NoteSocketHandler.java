package dev.vellum.server.ws;

import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.server.config.ServerConfig;
import dev.vellum.server.http.OriginPolicy;
import dev.vellum.server.http.RemoteAddress;
import dev.vellum.server.quota.AddressQuota;
import dev.vellum.server.quota.AddressQuotas;
import dev.vellum.server.store.NoteItemStore;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code /ws/notes/:noteId?since=N}: checks the note id and {@code since} before upgrading, so malformed ones are
 * an HTTP 400 and never a connection, and the page's Origin (a foreign one is a 403, see {@link OriginPolicy}),
 * then hands the socket to a {@link NoteSession}.
 */
public final class NoteSocketHandler implements Handler<RoutingContext> {
    private final NoteItemStore store;
    private final NoteRelay relay;
    private final ServerConfig config;
    private final OriginPolicy origins;
    private final OutboxBudget budget;
    private final AddressQuotas quotas;

    public NoteSocketHandler(NoteItemStore store, NoteRelay relay, ServerConfig config, OriginPolicy origins,
                             OutboxBudget budget, AddressQuotas quotas) {
        this.budget = budget;
        this.quotas = quotas;
        this.store = store;
        this.relay = relay;
        this.config = config;
        this.origins = origins;
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (!origins.permits(ctx.request().getHeader(HttpHeaders.ORIGIN), ctx.request().getHeader(HttpHeaders.HOST))) {
            ctx.response().setStatusCode(403).end("this page's origin may not open notes here");
            return;
        }
        NoteId noteId;
        try {
            noteId = NoteId.parse(ctx.pathParam("noteId"));
        } catch (InvalidMessageException e) {
            ctx.response().setStatusCode(400).end("malformed note id: " + e.getMessage());
            return;
        }
        long since;
        try {
            String given = ctx.request().getParam("since");
            since = given == null ? 0 : Long.parseLong(given);
        } catch (NumberFormatException e) {
            since = -1;
        }
        if (since < 0) {
            ctx.response().setStatusCode(400).end("since must be a revision number, 0 or more");
            return;
        }
        long applied = since;
        String address = RemoteAddress.of(ctx.request().remoteAddress());
        ctx.request().toWebSocket()
                .onSuccess(socket -> new NoteSession(socket, noteId, applied, store, relay, config, budget,
                        new AddressQuota(address, quotas)).start())
                .onFailure(failure -> {
                    if (!ctx.response().ended()) {
                        ctx.response().setStatusCode(400).end("expected a WebSocket upgrade");
                    }
                });
    }
}
