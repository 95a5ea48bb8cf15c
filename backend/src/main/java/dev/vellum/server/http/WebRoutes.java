package dev.vellum.server.http;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Serves the app: {@code index.html} for {@code /} and every note path, and the compiled client and assets
 * ({@link StaticFiles}), all with headers that keep the page from loading anything but its own code.
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
    /** The one page: the app itself. */
    static final String PAGE = "/index.html";

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

    /**
     * The page for {@code /}, every note, workspace, join and account path (the client picks the view from the
     * path), and the app's other files under their own paths: all from {@link Webroot#bundled()}.
     */
    public static void mountApp(Router router) {
        StaticFiles files = new StaticFiles(Webroot.bundled());
        Handler<RoutingContext> page = files.always(PAGE);
        router.route("/").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(page);
        router.route("/n/:noteId").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(page);
        for (String workspacePage : WORKSPACE_PAGES) {
            router.route(workspacePage).method(HttpMethod.GET).method(HttpMethod.HEAD).handler(page);
        }
        for (String accountPage : ACCOUNT_PAGES) {
            router.route(accountPage).method(HttpMethod.GET).method(HttpMethod.HEAD).handler(page);
        }
        router.route("/*").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(files);
    }

    private static void securityHeaders(RoutingContext ctx) {
        ctx.response().headers()
                .set("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .set("Referrer-Policy", "no-referrer")
                .set("X-Content-Type-Options", "nosniff")
                .set("X-Frame-Options", "DENY")
                .set("Cross-Origin-Opener-Policy", "same-origin")
                // The default for API answers and errors; static files set their own (StaticFiles).
                .set(HttpHeaders.CACHE_CONTROL, "no-cache");
        ctx.next();
    }
}
