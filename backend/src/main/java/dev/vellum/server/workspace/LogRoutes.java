package dev.vellum.server.workspace;

import dev.vellum.encoding.Base64Url;
import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.protocol.item.KeyEnvelope;
import dev.vellum.protocol.workspace.EpochLink;
import dev.vellum.server.account.ActiveSession;
import dev.vellum.server.account.ApiCall;
import dev.vellum.server.account.ApiError;
import dev.vellum.server.account.JsonBody;
import dev.vellum.server.account.Reply;
import dev.vellum.server.config.WorkspaceLimits;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;

/**
 * A person's workspaces, and each workspace's membership log and keys: {@code GET/POST /api/workspaces},
 * {@code GET/POST /api/workspaces/{id}/log}, {@code GET /api/workspaces/{id}/keys} and
 * {@code GET /api/workspaces/{id}/join-requests}.
 */
final class LogRoutes {
    /** Entries one append may carry: a removal with its rotation is two, a confirmation one. */
    static final int MAX_ENTRIES_PER_APPEND = 64;
    static final int MAX_ENTRY_BYTES = 4 * 1024;
    static final int MAX_LINKS_PER_APPEND = 16;
    static final int MAX_WELCOME_BYTES = 1024;

    private final WorkspaceStore store;
    private final WorkspaceEvents events;
    private final WorkspaceLimits limits;

    LogRoutes(WorkspaceStore store, WorkspaceEvents events, WorkspaceLimits limits) {
        this.store = store;
        this.events = events;
        this.limits = limits;
    }

    Future<Reply> list(ApiCall call, ActiveSession session) {
        return store.workspacesOf(session.accountId()).map(memberships -> {
            JsonArray list = new JsonArray();
            for (WorkspaceStore.Membership membership : memberships) {
                list.add(new JsonObject().put("workspaceId", membership.workspaceId().toString())
                        .put("role", membership.role().displayName())
                        .put("pending", membership.pending())
                        .put("logLength", membership.logLength()));
            }
            return Reply.json(200, new JsonObject().put("workspaces", list));
        });
    }

    Future<Reply> create(ApiCall call, ActiveSession session) throws ApiError {
        byte[] entry = call.body().bytesUpTo("entry", MAX_ENTRY_BYTES);
        byte[] envelope = call.body().bytes("envelope", KeyEnvelope.LENGTH);
        return store.create(session.accountId(), entry, envelope).map(id -> Reply.json(201,
                new JsonObject().put("workspaceId", id.toString())));
    }

    Future<Reply> log(ApiCall call, ActiveSession session) throws ApiError {
        WorkspaceId id = PathIds.workspace(call.ctx());
        long from = from(call.ctx().request().getParam("from"));
        return store.log(id, session.accountId(), from).map(page -> Reply.json(200, new JsonObject()
                .put("entries", base64(page.entries()))
                .put("length", page.length())));
    }

    private static long from(String given) throws ApiError {
        if (given == null) {
            return 0;
        }
        try {
            long from = Long.parseLong(given);
            if (from >= 0) {
                return from;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ApiError.invalidRequest("\"from\" must be an entry's sequence number, 0 or more.");
    }

    Future<Reply> append(ApiCall call, ActiveSession session) throws ApiError {
        WorkspaceId id = PathIds.workspace(call.ctx());
        JsonBody body = call.body();
        List<byte[]> entries = body.byteList("entries", MAX_ENTRIES_PER_APPEND, MAX_ENTRY_BYTES);
        List<byte[]> envelopes = body.byteList("envelopes", limits.maxMembers(), KeyEnvelope.LENGTH);
        List<byte[]> links = body.byteList("links", MAX_LINKS_PER_APPEND, EpochLink.LENGTH);
        LogAppender.Welcome welcome = null;
        if (body.has("welcome")) {
            JsonBody given = body.object("welcome", Set.of("invitationId", "sealed"));
            welcome = new LogAppender.Welcome(PathIds.invitationId(given.text("invitationId"), "invitationId"),
                    given.bytesUpTo("sealed", MAX_WELCOME_BYTES));
        }
        return store.append(id, session.accountId(), entries, envelopes, links, welcome).map(appended -> {
            events.removed(id, appended.removed());
            return Reply.json(200, new JsonObject().put("length", appended.length()));
        });
    }

    Future<Reply> keys(ApiCall call, ActiveSession session) throws ApiError {
        WorkspaceId id = PathIds.workspace(call.ctx());
        return store.keys(id, session.accountId()).map(keys -> Reply.json(200, new JsonObject()
                .put("envelopes", base64(keys.envelopes()))
                .put("links", base64(keys.links()))));
    }

    Future<Reply> joinRequests(ApiCall call, ActiveSession session) throws ApiError {
        WorkspaceId id = PathIds.workspace(call.ctx());
        return store.joinRequests(id, session.accountId()).map(requests -> Reply.json(200,
                new JsonObject().put("requests", base64(requests))));
    }

    static JsonArray base64(List<byte[]> values) {
        JsonArray array = new JsonArray();
        values.forEach(value -> array.add(Base64Url.encode(value)));
        return array;
    }
}
