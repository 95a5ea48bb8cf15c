package dev.vellum.server.ws;

import dev.vellum.crypto.InvalidMessageException;
import dev.vellum.protocol.NoteId;
import dev.vellum.server.ServerConfig;
import dev.vellum.server.store.RevisionStore;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code /ws/notes/:noteId}: checks the note id before upgrading, so a malformed id is an HTTP 400 and never a
 * connection, then hands the socket to a {@link NoteSession}.
 */
public final class NoteSocketHandler implements Handler<RoutingContext> {
    private final RevisionStore store;
    private final NoteRelay relay;
    private final ServerConfig config;

    public NoteSocketHandler(RevisionStore store, NoteRelay relay, ServerConfig config) {
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
        ctx.request().toWebSocket()
                .onSuccess(socket -> new NoteSession(socket, noteId, store, relay, config).start())
                .onFailure(failure -> {
                    if (!ctx.response().ended()) {
                        ctx.response().setStatusCode(400).end("expected a WebSocket upgrade");
                    }
                });
    }
}
