package dev.vellum.server.workspace;

import dev.vellum.server.account.ApiFront;
import dev.vellum.server.account.JsonBody;
import dev.vellum.server.config.WorkspaceLimits;
import io.vertx.ext.web.Router;
import java.util.Set;

/**
 * The workspace HTTP API under {@code /api} (docs/protocol.md, "Workspaces: HTTP API"): people, workspaces and their
 * membership logs, keys, notes, invite links and contact books. Every route needs a live session; what every request
 * goes through besides (Origin, Content-Type, strict parsing, error answers) is {@link ApiFront}'s, with a body limit
 * of its own ({@link #MAX_BODY_BYTES}); the GETs that read lists share a per-account budget ({@link WorkspaceReads}).
 * The server stores and delivers what browsers sealed and signed; it verifies
 * every membership entry before storing it, and opens nothing.
 */
public final class WorkspaceApi {
    /**
     * A rotation for {@link WorkspaceLimits#DEFAULTS}' 1,000 members sends 1,000 envelopes of 197 bytes (263 KiB as
     * base64), and a contact book is up to 256 KiB (342 KiB as base64): both fit, with room for the rest.
     */
    public static final int MAX_BODY_BYTES = 512 * 1024;

    private final ApiFront front;
    private final LogRoutes logs;
    private final NoteListRoutes notes;
    private final InvitationRoutes invitations;
    private final ContactRoutes contacts;
    private final UserRoutes users;
    private final WorkspaceReads reads;

    public WorkspaceApi(WorkspaceStore store, WorkspaceEvents events, ApiFront front, WorkspaceLimits limits) {
        this.front = front;
        this.logs = new LogRoutes(store, events, limits);
        this.notes = new NoteListRoutes(store);
        this.invitations = new InvitationRoutes(store);
        this.contacts = new ContactRoutes(store);
        this.users = new UserRoutes(store, limits);
        this.reads = new WorkspaceReads(limits);
    }

    /** Mounts the API, after {@link ApiFront#mountChecks} and before the account API's catch-all body limit. */
    public void mount(Router router) {
        front.mountBodies(router, MAX_BODY_BYTES, "/api/workspaces*", "/api/invitations/*", "/api/account/contacts");
        router.get("/api/users/:username").handler(front.withSession(Set.of(), users::lookup));
        router.get("/api/workspaces").handler(front.withSession(Set.of(), reads.limited(logs::list)));
        router.post("/api/workspaces").handler(front.withSession(Set.of("entry", "envelope"), logs::create));
        router.get("/api/workspaces/:workspaceId/log").handler(front.withSession(Set.of(),
                reads.limited(logs::log)));
        router.post("/api/workspaces/:workspaceId/log").handler(front.withSession(ApiFront.BodyParser.of(
                new JsonBody.Shape(Set.of("entries", "envelopes", "links"), Set.of("welcome"))), logs::append));
        router.get("/api/workspaces/:workspaceId/keys").handler(front.withSession(Set.of(),
                reads.limited(logs::keys)));
        router.get("/api/workspaces/:workspaceId/join-requests").handler(front.withSession(Set.of(),
                reads.limited(logs::joinRequests)));
        router.get("/api/workspaces/:workspaceId/notes").handler(front.withSession(Set.of(),
                reads.limited(notes::list)));
        router.post("/api/workspaces/:workspaceId/notes").handler(front.withSession(Set.of("noteId", "title"),
                notes::create));
        router.post("/api/workspaces/:workspaceId/notes/:noteId/title").handler(front.withSession(Set.of("title"),
                notes::retitle));
        router.post("/api/workspaces/:workspaceId/notes/:noteId/delete").handler(front.withSession(Set.of(),
                notes::delete));
        router.post("/api/workspaces/:workspaceId/compact").handler(front.withSession(Set.of(), notes::compact));
        router.get("/api/invitations/:invitationId").handler(front.withSession(Set.of(), invitations::show));
        router.post("/api/invitations/:invitationId/join").handler(front.withSession(Set.of("request"),
                invitations::join));
        router.get("/api/account/contacts").handler(front.withSession(Set.of(), reads.limited(contacts::show)));
        router.post("/api/account/contacts").handler(front.withSession(ApiFront.BodyParser.of(
                JsonBody.Shape.exactly(Set.of("revision", "book"))), contacts::save));
    }
}
