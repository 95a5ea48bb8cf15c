package dev.vellum.server.ops;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /health}: 200 when the database answers, 503 when not, for a load balancer or orchestrator deciding
 * whether to send people here. The body is one of two constant lines, never a cause or a stack trace, and the
 * database is asked at most once a second whatever the rate of probes ({@link DatabaseProbe}), so the route cannot
 * be used to load the database or learn about it. Like the app's pages it needs no Origin or session; the
 * connection limits per address apply to it as to every request.
 */
public final class HealthRoute implements Handler<RoutingContext> {
    static final String UP = "{\"status\":\"up\"}";
    static final String DOWN = "{\"status\":\"down\"}";

    private final DatabaseProbe database;

    private HealthRoute(DatabaseProbe database) {
        this.database = database;
    }

    public static void mount(Router router, DatabaseProbe database) {
        router.route("/health").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(new HealthRoute(database));
    }

    @Override
    public void handle(RoutingContext ctx) {
        database.answers().onComplete(answered -> {
            boolean up = answered.succeeded() && answered.result();
            if (ctx.response().ended() || ctx.response().closed()) {
                return;
            }
            ctx.response().setStatusCode(up ? 200 : 503)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                    .end(up ? UP : DOWN);
        });
    }
}
