package dev.vellum.server.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Serves the web app's files from memory: each in the best coding the client accepts that the build made
 * (brotli, gzip, else the file itself), with {@code Vary: Accept-Encoding} where that choice exists, a strong ETag
 * per representation and the file's cache policy; a matching {@code If-None-Match} gets a 304 with no body. Range
 * requests are not supported ({@code Range} is ignored, as RFC 9110 allows): the files are small, and a range of a
 * compressed body would be a range of bytes no client could use on their own.
 */
final class StaticFiles implements Handler<RoutingContext> {
    private final Webroot webroot;

    StaticFiles(Webroot webroot) {
        this.webroot = webroot;
    }

    /** Serves the file under the request's path, or passes on (a 404, further down the router). */
    @Override
    public void handle(RoutingContext ctx) {
        webroot.asset(ctx.normalizedPath()).ifPresentOrElse(asset -> serve(ctx, asset), ctx::next);
    }

    /** Serves {@code path} whatever the request's path: the page, under every path of the app. */
    Handler<RoutingContext> always(String path) {
        WebAsset asset = webroot.asset(path).orElseThrow(() -> new IllegalStateException(
                "the web app has no " + path));
        return ctx -> serve(ctx, asset);
    }

    private static void serve(RoutingContext ctx, WebAsset asset) {
        ContentCoding coding = AcceptEncoding.parse(ctx.request().getHeader(HttpHeaders.ACCEPT_ENCODING))
                .choose(asset.codings());
        HttpServerResponse response = ctx.response();
        response.headers()
                .set(HttpHeaders.CACHE_CONTROL, asset.policy().cacheControl())
                .set(HttpHeaders.ETAG, asset.etag(coding));
        if (asset.hasVariants()) {
            response.headers().set(HttpHeaders.VARY, "Accept-Encoding");
        }
        if (matches(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH), asset.etag(coding))) {
            response.setStatusCode(304).end();
            return;
        }
        response.headers().set(HttpHeaders.CONTENT_TYPE, asset.contentType());
        if (coding != ContentCoding.IDENTITY) {
            response.headers().set(HttpHeaders.CONTENT_ENCODING, coding.token());
        }
        if (ctx.request().method() == HttpMethod.HEAD) {
            response.headers().set(HttpHeaders.CONTENT_LENGTH, Integer.toString(asset.body(coding).length()));
            response.end();
        } else {
            response.end(asset.body(coding));
        }
    }

    /** RFC 9110, section 13.1.2: {@code *}, or any listed tag equal to ours by the weak comparison. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*")) {
                return true;
            }
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
