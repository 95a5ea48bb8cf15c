package dev.vellum.server.ws;

import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.server.account.ActiveSession;
import dev.vellum.server.account.ApiError;
import dev.vellum.server.account.DeviceDirectory;
import dev.vellum.server.account.SessionLookup;
import dev.vellum.server.config.ServerConfig;
import dev.vellum.server.http.ClientAddress;
import dev.vellum.server.http.OriginPolicy;
import dev.vellum.server.ops.RelayMetrics;
import dev.vellum.server.quota.AddressQuotas;
import dev.vellum.server.quota.ConnectionQuota;
import dev.vellum.server.store.NoteItemStore;
import dev.vellum.server.workspace.WorkspaceStore;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /ws/notes/:noteId?since=N}: checks the note id and {@code since} before upgrading, so malformed ones are
 * an HTTP 400 and never a connection, and the page's Origin (a foreign one is a 403, see {@link OriginPolicy}),
 * then the session cookie: none is an anonymous socket, as before accounts; one that names no live session (unknown,
 * logged out, revoked) is a 401, so the page can say the session ended. A note of a workspace opens only for a
 * member's session (not an invitee's): anyone else gets a 403 before the upgrade. Then it hands the socket to a
 * {@link NoteSession}.
 */
public final class NoteSocketHandler implements Handler<RoutingContext> {
    private static final Logger LOG = LoggerFactory.getLogger(NoteSocketHandler.class);

    private final NoteItemStore store;
    private final NoteRelay relay;
    private final ServerConfig config;
    private final OriginPolicy origins;
    private final OutboxBudget budget;
    private final AddressQuotas quotas;
    private final SessionLookup sessions;
    private final DeviceDirectory devices;
    private final SessionSockets sockets;
    private final WorkspaceStore workspaces;
    private final RelayMetrics metrics;
    /** Every connection's writes held at once, and when to answer "retry after" instead. */
    private final WriteGate writes;
    /** Made with the first connection, on the server's Vert.x. */
    private SignatureChecks signatureChecks;

    public NoteSocketHandler(NoteItemStore store, NoteRelay relay, ServerConfig config, OriginPolicy origins,
                             OutboxBudget budget, AddressQuotas quotas, SessionLookup sessions,
                             DeviceDirectory devices, SessionSockets sockets, WorkspaceStore workspaces,
                             RelayMetrics metrics) {
        this.metrics = metrics;
        this.workspaces = workspaces;
        this.sessions = sessions;
        this.devices = devices;
        this.sockets = sockets;
        this.budget = budget;
        this.quotas = quotas;
        this.store = store;
        this.relay = relay;
        this.config = config;
        this.origins = origins;
        this.writes = new WriteGate(config.overloadLimits(), config.framesPerSecond(), System::nanoTime, new JvmSecureRandomSource());
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
        // Opt-in: a client that reads compact revisions asks for them (docs/protocol.md, "Compact revisions").
        String compactParam = ctx.request().getParam("compact");
        if (compactParam != null && !compactParam.equals("0") && !compactParam.equals("1")) {
            ctx.response().setStatusCode(400).end("compact must be 0 or 1");
            return;
        }
        boolean compact = "1".equals(compactParam);
        String address = ClientAddress.of(ctx);
        // The lookup runs on the database workers; the request waits, paused, and upgrades after it.
        ctx.request().pause();
        long endingsBefore = sockets.endings();
        sessions.optional(ctx.request()).onComplete(looked -> {
            if (looked.failed()) {
                ctx.request().resume();
                if (looked.cause() instanceof ApiError) {
                    ctx.response().setStatusCode(401).end("your session ended: log in again, or open the note "
                            + "without logging in");
                } else {
                    LOG.warn("could not look a session up", looked.cause());
                    ctx.response().setStatusCode(503).end("could not check your session now; retry later");
                }
                return;
            }
            ActiveSession session = looked.result();
            workspaces.workspaceOf(noteId)
                    .compose(workspace -> workspace.isEmpty() ? Future.succeededFuture((WorkspaceNote) null)
                            : admitToWorkspace(workspace.get(), noteId, session))
                    .onComplete(admitted -> {
                        if (admitted.failed()) {
                            ctx.request().resume();
                            refuseUpgrade(ctx, admitted.cause());
                            return;
                        }
                        upgrade(ctx, noteId, applied, compact, address,
                                new SocketAccount(session, devices, sockets), admitted.result(), endingsBefore);
                    });
        });
    }

    /** A workspace note opens only for a member's session (not an invitee's), else a 403 before the upgrade. */
    private Future<WorkspaceNote> admitToWorkspace(WorkspaceId workspace, NoteId noteId, ActiveSession session) {
        if (session == null) {
            return Future.failedFuture(new NotAMember("this note belongs to a workspace: log in as one of its "
                    + "members"));
        }
        return workspaces.standing(workspace, noteId, session.accountId()).compose(standing -> standing.isPresent()
                ? Future.succeededFuture(new WorkspaceNote(workspace, workspaces))
                : Future.failedFuture(new NotAMember("you are not a member of this note's workspace")));
    }

    /** Why a workspace note's socket was refused before its upgrade. */
    private static final class NotAMember extends Exception {
        private static final long serialVersionUID = 1L;

        NotAMember(String message) {
            super(message, null, false, false);
        }
    }

    private static void refuseUpgrade(RoutingContext ctx, Throwable cause) {
        if (cause instanceof NotAMember) {
            ctx.response().setStatusCode(403).end(cause.getMessage());
        } else {
            LOG.warn("could not look a note's workspace up", cause);
            ctx.response().setStatusCode(503).end("could not check the note's workspace now; retry later");
        }
    }

    private void upgrade(RoutingContext ctx, NoteId noteId, long applied, boolean compact, String address,
                         SocketAccount account, WorkspaceNote workspace, long endingsBefore) {
        ctx.request().toWebSocket()
                .onSuccess(socket -> {
                    NoteSession session = new NoteSession(socket, noteId, applied, store, relay,
                            signatureChecks(ctx), config, budget,
                            new ConnectionQuota(address, account.session() == null ? null
                                    : ConnectionQuota.accountKey(account.session().accountId().toString()), quotas),
                            account, workspace, metrics, writes, compact);
                    session.start(); // registers it with the sockets of its session
                    if (account.session() != null && sockets.endedSince(endingsBefore)) {
                        recheck(ctx, noteId, session, workspace); // reads the cookie now, before the release
                    }
                    releaseUpgradeRequest(ctx.request());
                })
                .onFailure(failure -> {
                    if (!ctx.response().ended()) {
                        ctx.response().setStatusCode(400).end("expected a WebSocket upgrade");
                    }
                });
    }

    /**
     * Empties the upgrade request's maps once everything this handler needs from them (origin, address, cookie,
     * {@code since}) has been read: its cookies (the session token among them), headers and parameters, and the 101
     * response's headers (already written). Vert.x 5.0.7 keeps the upgrade request and its response for the socket's
     * whole life (the handshake that made the socket stays in its channel's pipeline, and the socket's
     * {@code headers()} is the request's map), and nothing reads them after this point; with a browser's headers
     * that was 2.5 KB of each idle connection's heap.
     */
    static void releaseUpgradeRequest(HttpServerRequest request) {
        request.cookies().clear(); // first: once the headers are gone, they could no longer be parsed
        request.headers().clear();
        request.params().clear();
        request.response().headers().clear();
    }

    /**
     * A session ended, or a member left a workspace, while this socket's standing was being looked up, before the
     * socket was registered to be closed with it: if it was this one, close the socket now. A failed lookup (the
     * database) leaves it open, as at the start.
     */
    private void recheck(RoutingContext ctx, NoteId noteId, NoteSession session, WorkspaceNote workspace) {
        sessions.optional(ctx.request()).onComplete(looked -> {
            boolean ended = looked.failed() ? looked.cause() instanceof ApiError : looked.result() == null;
            if (ended) {
                session.endSession();
            } else if (workspace != null && looked.succeeded()) {
                workspaces.standing(workspace.workspaceId(), noteId, looked.result().accountId())
                        .onSuccess(standing -> {
                            if (standing.isEmpty()) {
                                session.removedFromWorkspace();
                            }
                        });
            }
        });
    }

    private synchronized SignatureChecks signatureChecks(RoutingContext ctx) {
        if (signatureChecks == null) {
            signatureChecks = new SignatureChecks(ctx.vertx());
        }
        return signatureChecks;
    }
}
