package dev.vellum.server.workspace;

import dev.vellum.encoding.Base64Url;
import dev.vellum.protocol.id.InvitationId;
import dev.vellum.protocol.workspace.JoinRequest;
import dev.vellum.server.account.ActiveSession;
import dev.vellum.server.account.ApiCall;
import dev.vellum.server.account.ApiError;
import dev.vellum.server.account.Reply;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Invite links: {@code GET /api/invitations/{id}} (the sealed welcome, to anyone logged in, while the invitation is
 * open) and {@code POST /api/invitations/{id}/join} (the one join request an owner will confirm). See
 * {@link InvitationDesk} for what is checked.
 */
final class InvitationRoutes {
    private final WorkspaceStore store;
    private final InvitationDesk desk;

    InvitationRoutes(WorkspaceStore store) {
        this.store = store;
        this.desk = new InvitationDesk(store);
    }

    Future<Reply> show(ApiCall call, ActiveSession session) throws ApiError {
        InvitationId id = PathIds.invitation(call.ctx());
        return store.run(() -> desk.open(id)).map(view -> Reply.json(200, new JsonObject()
                .put("workspaceId", view.workspaceId().toString())
                .put("welcome", Base64Url.encode(view.welcome()))
                .put("expiresAt", view.expiresAt().toEpochMilli())
                .put("status", "open")));
    }

    Future<Reply> join(ApiCall call, ActiveSession session) throws ApiError {
        InvitationId id = PathIds.invitation(call.ctx());
        byte[] request = call.body().bytesUpTo("request", JoinRequest.MAX_LENGTH);
        return store.run(() -> {
            desk.join(id, session.accountId(), request);
            return null;
        }).map(done -> Reply.json(202, new JsonObject().put("status", "requested")));
    }
}
