package dev.vellum.server.http;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * Serves the app: {@code index.html} for {@code /} and every note path, and the compiled client and assets,
 * all with headers that keep the page from loading anything but its own code.
 */
public final class WebRoutes {
    /**
     * No inline script, no eval, no third-party origin, no plugins, frames or forms. {@code 'wasm-unsafe-eval'}
     * lets the page compile its own WebAssembly and nothing else: TeaVM's runtime used to build its glue with
     * {@code new Function}, which the build now replaces by static code (web-client's SealWebroot), so
     * {@code eval} and {@code new Function} are refused (see docs/threat-model.md).
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; "
            + "script-src 'self' 'wasm-unsafe-eval'; "
            + "style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; "
            + "frame-ancestors 'none'";

    /** The app's account pages: the client picks the view from the path, as for a note. */
    private static final String[] ACCOUNT_PAGES = {"/signup", "/login", "/recover", "/account"};
    /** The app's workspace pages ({@code /w/<id>}, {@code /w/<id>/n/<note>}) and the join page of an invite link. */
    private static final String[] WORKSPACE_PAGES = {"/w/*", "/join/:invitationId"};

    private WebRoutes() {
    }

    /** Mounted first, so that every response, errors included, carries the headers. */
    public static void mountSecurityHeaders(Router router) {
        router.route().handler(WebRoutes::securityHeaders);
    }

    /**
     * Answers a request whose path or query has a bad percent-escape ({@code GET /%}) with a 400 and one short line,
     * before the router, which would otherwise fail on it and log a stack trace per request (a log flood).
     */
    public static Handler<HttpServerRequest> rejectingBadRequests(Handler<HttpServerRequest> next) {
        return request -> {
            if (!decodable(request.uri())) {
                request.response().setStatusCode(400)
                        .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                        .putHeader("X-Content-Type-Options", "nosniff")
                        .end("bad request: malformed percent-escape in the URL\n");
                return;
            }
            next.handle(request);
        };
    }

    static boolean decodable(String uri) {
        try {
            QueryStringDecoder decoder = new QueryStringDecoder(uri);
            decoder.path();
            decoder.parameters();
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public static void mountApp(Router router) {
        router.route("/").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(ctx -> ctx.reroute("/index.html"));
        router.route("/n/:noteId").method(HttpMethod.GET).method(HttpMethod.HEAD)
                .handler(ctx -> ctx.reroute("/index.html"));
        for (String workspacePage : WORKSPACE_PAGES) {
            router.route(workspacePage).method(HttpMethod.GET).method(HttpMethod.HEAD)
                    .handler(ctx -> ctx.reroute("/index.html"));
        }
        for (String accountPage : ACCOUNT_PAGES) {
            router.route(accountPage).method(HttpMethod.GET).method(HttpMethod.HEAD)
                    .handler(ctx -> ctx.reroute("/index.html"));
        }
        router.route("/*").method(HttpMethod.GET).method(HttpMethod.HEAD)
                .handler(StaticHandler.create("webroot").setCachingEnabled(false));
    }

    private static void securityHeaders(RoutingContext ctx) {
        ctx.response().headers()
                .set("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .set("Referrer-Policy", "no-referrer")
                .set("X-Content-Type-Options", "nosniff")
                .set("X-Frame-Options", "DENY")
                .set("Cross-Origin-Opener-Policy", "same-origin")
                .set(HttpHeaders.CACHE_CONTROL, "no-cache");
        if (ctx.request().path().endsWith(".wasm")) {
            // WebAssembly.compileStreaming refuses any other type.
            ctx.addHeadersEndHandler(v -> ctx.response().headers().set(HttpHeaders.CONTENT_TYPE, "application/wasm"));
        }
        ctx.next();
    }
}
