package dev.vellum.server;

import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.server.account.AccountApi;
import dev.vellum.server.account.AccountServices;
import dev.vellum.server.account.AccountStore;
import dev.vellum.server.account.ApiFront;
import dev.vellum.server.account.DeviceDirectory;
import dev.vellum.server.account.JdbcAccountRepository;
import dev.vellum.server.account.JdbcLoginChallenges;
import dev.vellum.server.account.JdbcSessionRepository;
import dev.vellum.server.account.LoginChallenges;
import dev.vellum.server.account.LoginLimits;
import dev.vellum.server.account.SessionCookies;
import dev.vellum.server.account.SessionEvents;
import dev.vellum.server.account.SessionLookup;
import dev.vellum.server.account.SessionSweep;
import dev.vellum.server.config.ServerConfig;
import dev.vellum.server.http.ClientAddress;
import dev.vellum.server.http.ConnectionGuard;
import dev.vellum.server.http.ConnectionLimits;
import dev.vellum.server.http.OriginPolicy;
import dev.vellum.server.http.WebRoutes;
import dev.vellum.server.ops.DatabaseProbe;
import dev.vellum.server.ops.HealthRoute;
import dev.vellum.server.ops.MetricsEndpoint;
import dev.vellum.server.ops.RelayMetrics;
import dev.vellum.server.quota.AddressQuotas;
import dev.vellum.server.store.Database;
import dev.vellum.server.store.NoteItemStore;
import dev.vellum.server.store.SharedDatabases;
import dev.vellum.server.workspace.WorkspaceApi;
import dev.vellum.server.workspace.WorkspaceEvents;
import dev.vellum.server.workspace.WorkspaceStore;
import dev.vellum.server.ws.NoteRelay;
import dev.vellum.server.ws.NoteSocketHandler;
import dev.vellum.server.ws.OutboxBudget;
import dev.vellum.server.ws.SessionSockets;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Wires the server in one place: the database, the account and workspace APIs, the note relay, the WebSocket
 * endpoint, the static app, {@code /health}, and the metrics listener when {@code --metrics-port} is given (the
 * Vert.x must then come from {@link dev.vellum.server.ops.MeteredVertx}).
 */
public final class MainVerticle extends VerticleBase {
    /** Blocking JDBC runs here, never on the event loop. */
    private static final int DATABASE_THREADS = 4;

    private final ServerConfig config;
    /** The platform CSPRNG: session tokens and secrets, login challenges, authentication key hashes' salts. */
    private final RandomSource random = new JvmSecureRandomSource();
    private Database database;
    private WorkerExecutor databaseExecutor;
    private HttpServer server;
    private HttpServer metricsServer;
    /** {@code /health}'s database query: a thread of its own, so it neither waits behind requests nor delays them. */
    private WorkerExecutor healthExecutor;
    private long sweepTimer = -1;

    public MainVerticle(ServerConfig config) {
        this.config = config;
    }

    @Override
    public Future<?> start() {
        RelayMetrics metrics = RelayMetrics.of(vertx);
        if (config.metricsEnabled() && !metrics.enabled()) {
            return Future.failedFuture(new IllegalStateException(
                    "--metrics-port is set, but this Vert.x keeps no metrics: build it with MeteredVertx.create"));
        }
        healthExecutor = vertx.createSharedWorkerExecutor("vellum-health", 1);
        databaseExecutor = vertx.createSharedWorkerExecutor("vellum-db", DATABASE_THREADS);
        // Shared by the nodes of a cluster, and possibly so wherever another process can open the database: nothing
        // stops a second server (an overlapping restart, a blue/green deployment) on one PostgreSQL. Only a server on
        // its own embedded H2 file, which H2 locks, is sure to be its database's one writer.
        boolean shared = vertx.isClustered() || SharedDatabases.isShared(config.jdbcUrl());
        return databaseExecutor.executeBlocking(() -> Database.open(config.jdbcUrl(), config.jdbcPassword(),
                        DATABASE_THREADS, shared))
                .compose(opened -> {
                    database = opened;
                    AccountStore accounts = new AccountStore(new JdbcAccountRepository(database),
                            new JdbcSessionRepository(database,
                                    Duration.ofDays(config.accountLimits().sessionIdleDays())),
                            databaseExecutor, Clock.systemUTC());
                    return accounts.serverSecret(AccountServices.STAND_IN_SECRET, random)
                            .map(secret -> accountServices(accounts, secret));
                })
                .compose(accounts -> {
                    DeviceDirectory devices = new DeviceDirectory(accounts.store());
                    SessionSockets sockets = new SessionSockets();
                    // A session's end, from this verticle or any other: drop cached device standings, close sockets.
                    accounts.events().listen(ended -> {
                        devices.forget(ended);
                        sockets.end(ended);
                    });
                    sweepTimer = new SessionSweep(accounts.store(), accounts.events())
                            .every(vertx, SessionSweep.PERIOD);
                    OriginPolicy origins = new OriginPolicy(config.allowedOrigins());
                    NoteItemStore store = new NoteItemStore(database, databaseExecutor,
                            config.storageLimits().maxNoteBytes(), config.unconfirmedSnapshotRetentionMillis());
                    NoteRelay relay = new NoteRelay(vertx.eventBus());
                    Router router = Router.router(vertx);
                    WebRoutes.mountSecurityHeaders(router);
                    router.route().handler(new ClientAddress(config.trustedProxies()));
                    HealthRoute.mount(router, new DatabaseProbe(database, healthExecutor));
                    WorkspaceStore workspaces = new WorkspaceStore(database, databaseExecutor,
                            config.workspaceLimits(), Clock.systemUTC());
                    WorkspaceEvents workspaceEvents = new WorkspaceEvents(vertx.eventBus());
                    // A member removed from a workspace, from this verticle or any other: close their sockets there.
                    workspaceEvents.listen(sockets::removed);
                    ApiFront api = new ApiFront(accounts, origins);
                    api.mountChecks(router);
                    new WorkspaceApi(workspaces, workspaceEvents, api, config.workspaceLimits()).mount(router);
                    new AccountApi(accounts, api).mount(router);
                    api.mountFallback(router);
                    router.route("/ws/notes/:noteId").handler(new NoteSocketHandler(store, relay, config,
                            origins, new OutboxBudget(config.outboxBudgetBytes()),
                            new AddressQuotas(config.storageLimits()), accounts.sessions(), devices, sockets,
                            workspaces, metrics));
                    WebRoutes.mountApp(router);
                    ConnectionLimits limits = config.connectionLimits();
                    ConnectionGuard guard = new ConnectionGuard(vertx, limits);
                    // Vert.x's own limit sits above ours so that our handler, not Netty, explains an oversized frame.
                    int hardLimit = config.maxFrameBytes() * 2;
                    HttpServerOptions options = new HttpServerOptions()
                            .setHost(config.host())
                            .setMaxWebSocketFrameSize(hardLimit)
                            .setMaxWebSocketMessageSize(hardLimit)
                            // The frame limits count compressed bytes: with permessage-deflate a 1 MB message
                            // inflated to 1 GiB on the event loop. Frames are ciphertext, which does not compress.
                            .setPerMessageWebSocketCompressionSupported(false)
                            .setPerFrameWebSocketCompressionSupported(false)
                            // Browsers never speak cleartext HTTP/2, and sniffing for it delays the connection
                            // handler until a request's first bytes, so a silent socket would escape the guard.
                            .setHttp2ClearTextEnabled(false)
                            // Requests are answered on their connection's event loop only (blocking work comes
                            // back on it), so the HTTP connection needs no queue for writes from other threads:
                            // Netty's holds 1,024 slots, about 4.7 KB, kept for the whole life of a WebSocket
                            // upgraded from it (IdleConnectionBenchmark).
                            .setStrictThreadMode(true)
                            // Read idle: a connection or WebSocket that sends nothing is closed, whatever it is sent.
                            .setReadIdleTimeout(limits.idleTimeoutSeconds())
                            .setIdleTimeoutUnit(TimeUnit.SECONDS);
                    return vertx.createHttpServer(options)
                            .connectionHandler(guard::onConnection)
                            .requestHandler(guard.guarding(WebRoutes.rejectingBadRequests(router)))
                            .listen(config.port());
                })
                .onSuccess(listening -> server = listening)
                .compose(listening -> config.metricsEnabled() ? listenForMetrics(metrics) : Future.succeededFuture());
    }

    /** The metrics listener, apart from the app's port (see {@link MetricsEndpoint}). */
    private Future<Void> listenForMetrics(RelayMetrics metrics) {
        return MetricsEndpoint.listen(vertx, metrics, config.metricsHost(), config.metricsPort())
                .onSuccess(endpoint -> metricsServer = endpoint)
                .mapEmpty();
    }

    private AccountServices accountServices(AccountStore store, byte[] standInSecret) {
        return new AccountServices(store, new SessionLookup(store), new SessionCookies(config.trustedProxies(),
                        Duration.ofDays(config.accountLimits().sessionIdleDays())),
                new SessionEvents(vertx.eventBus()),
                new LoginChallenges(new JdbcLoginChallenges(database, random, Clock.systemUTC()), databaseExecutor),
                new LoginLimits(config.accountLimits()), random, Clock.systemUTC(), standInSecret);
    }

    @Override
    public Future<?> stop() {
        if (sweepTimer >= 0) {
            vertx.cancelTimer(sweepTimer);
        }
        Future<Void> closed = (server == null ? Future.<Void>succeededFuture() : server.close())
                .eventually(() -> metricsServer == null ? Future.succeededFuture() : metricsServer.close())
                .eventually(() -> healthExecutor == null ? Future.succeededFuture() : healthExecutor.close());
        if (databaseExecutor == null) {
            return closed;
        }
        // Closing the pool blocks, so it runs on the database workers too.
        return closed
                .eventually(() -> databaseExecutor.executeBlocking(() -> {
                    if (database != null) {
                        database.close();
                    }
                    return null;
                }))
                .eventually(databaseExecutor::close);
    }

    /**
     * Whether other processes may write to this node's database ({@code --cluster}, or a database they can open):
     * then every append reads the note's latest revision under its row lock; else it keeps them in memory.
     */
    public boolean sharesDatabase() {
        return database.shared();
    }

    /** The port actually bound, which differs from the configured one when that was 0. */
    public int actualPort() {
        return server.actualPort();
    }

    /** The metrics listener's port actually bound; only with {@code --metrics-port}. */
    public int actualMetricsPort() {
        if (metricsServer == null) {
            throw new IllegalStateException("metrics are off: no --metrics-port");
        }
        return metricsServer.actualPort();
    }
}
