package dev.vellum.server;

import dev.vellum.server.config.ServerConfig;
import dev.vellum.server.http.WebRoutes;
import dev.vellum.server.store.Database;
import dev.vellum.server.store.NoteItemStore;
import dev.vellum.server.ws.NoteRelay;
import dev.vellum.server.ws.NoteSocketHandler;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;

/**
 * Wires the server in one place: the database, the note relay, the WebSocket endpoint and the static app.
 */
public final class MainVerticle extends VerticleBase {
    /** Blocking JDBC runs here, never on the event loop. */
    private static final int DATABASE_THREADS = 4;

    private final ServerConfig config;
    private Database database;
    private WorkerExecutor databaseExecutor;
    private HttpServer server;

    public MainVerticle(ServerConfig config) {
        this.config = config;
    }

    @Override
    public Future<?> start() {
        databaseExecutor = vertx.createSharedWorkerExecutor("vellum-db", DATABASE_THREADS);
        return databaseExecutor.executeBlocking(() -> Database.open(config.jdbcUrl(), DATABASE_THREADS))
                .compose(opened -> {
                    database = opened;
                    NoteItemStore store = new NoteItemStore(database, databaseExecutor);
                    NoteRelay relay = new NoteRelay(vertx.eventBus());
                    Router router = Router.router(vertx);
                    WebRoutes.mountSecurityHeaders(router);
                    router.route("/ws/notes/:noteId").handler(new NoteSocketHandler(store, relay, config));
                    WebRoutes.mountApp(router);
                    // Vert.x's own limit sits above ours so that our handler, not Netty, explains an oversized frame.
                    int hardLimit = config.maxFrameBytes() * 2;
                    HttpServerOptions options = new HttpServerOptions()
                            .setHost(config.host())
                            .setMaxWebSocketFrameSize(hardLimit)
                            .setMaxWebSocketMessageSize(hardLimit);
                    return vertx.createHttpServer(options).requestHandler(router).listen(config.port());
                })
                .onSuccess(listening -> server = listening);
    }

    @Override
    public Future<?> stop() {
        Future<Void> closed = server == null ? Future.succeededFuture() : server.close();
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

    /** The port actually bound, which differs from the configured one when that was 0. */
    public int actualPort() {
        return server.actualPort();
    }
}
