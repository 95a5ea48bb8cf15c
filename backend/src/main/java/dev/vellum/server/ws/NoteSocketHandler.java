package dev.vellum.server.ws;

import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.server.config.ServerConfig;
import dev.vellum.server.store.NoteItemStore;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code /ws/notes/:noteId?since=N}: checks the note id and {@code since} before upgrading, so malformed ones are
 * an HTTP 400 and never a connection, then hands the socket to a {@link NoteSession}.
 */
public final class NoteSocketHandler implements Handler<RoutingContext> {
    private final NoteItemStore store;
    private final NoteRelay relay;
    private final ServerConfig config;

    public NoteSocketHandler(NoteItemStore store, NoteRelay relay, ServerConfig config) {
        this.store = store;
        this.relay = relay;
        this.config = config;
    }

    @Override
    public void handle(RoutingContext ctx) {
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
        ctx.request().toWebSocket()
                .onSuccess(socket -> new NoteSession(socket, noteId, applied, store, relay, config).start())
                .onFailure(failure -> {
                    if (!ctx.response().ended()) {
                        ctx.response().setStatusCode(400).end("expected a WebSocket upgrade");
                    }
                });
    }
}
