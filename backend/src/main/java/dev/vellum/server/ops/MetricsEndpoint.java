package dev.vellum.server.ops;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.PrometheusScrapingHandler;

/**
 * {@code GET /metrics} in Prometheus' text format, on a listener of its own ({@code --metrics-host},
 * {@code --metrics-port}; loopback by default), apart from the public port: what it tells (how many people are
 * connected, how much they write) is for the operator, so it is not reachable where the app is unless the operator
 * binds it there.
 */
public final class MetricsEndpoint {
    private MetricsEndpoint() {
    }

    public static Future<HttpServer> listen(Vertx vertx, RelayMetrics metrics, String host, int port) {
        Router router = Router.router(vertx);
        router.get("/metrics").handler(PrometheusScrapingHandler.create(metrics.prometheus()));
        // HTTP/1.1 only, as Prometheus scrapes: a cleartext HTTP/2 upgrade request was left unanswered.
        return vertx.createHttpServer(new HttpServerOptions().setHost(host).setHttp2ClearTextEnabled(false))
                .requestHandler(router)
                .listen(port);
    }
}
