package dev.vellum.server.account;

import dev.vellum.server.http.OriginPolicy;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RequestBody;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every request under {@code /api} goes through before and after its handler, whichever API it belongs to
 * (the account API, the workspace API): every request must come from an allowed Origin when it names one (with
 * SameSite=Strict this stops cross-site requests); a POST must say {@code Content-Type: application/json} and hold
 * at most its API's body limit, and its body is parsed strictly into the fields its route expects. Every refusal is
 * {@code {"error", "message"}} with its status. A body that cannot be read (broken off, or badly chunked) is the
 * client's doing: a 400, logged at FINE in one line. An unexpected failure is a 500 that says nothing of its cause
 * (which goes to the log, never a secret).
 *
 * <p>Mounted in three steps, in this order: {@link #mountChecks} (before any body is read), each API's
 * {@link #mountBodies} and routes (the first body handler a request meets sets its limit: more specific paths
 * first), then {@link #mountFallback}.
 */
public final class ApiFront {
    private static final Logger LOG = LoggerFactory.getLogger(ApiFront.class);
    /** Where a request's body limit is kept, for the 413 message. */
    private static final String BODY_LIMIT = "vellum.bodyLimit";
    /** The lookup of a person by username ({@code UserRoutes}): the rest of its path is not logged. */
    private static final String USER_LOOKUP = "/api/users/";

    private final OriginPolicy origins;
    private final SessionCookies cookies;
    private final SessionLookup sessions;

    public ApiFront(AccountServices services, OriginPolicy origins) {
        this.origins = origins;
        this.cookies = services.cookies();
        this.sessions = services.sessions();
    }

    /** A route that needs only its body. */
    @FunctionalInterface
    public interface BodyRoute {
        Future<Reply> handle(ApiCall call) throws ApiError;
    }

    /** A route that needs a live session. */
    @FunctionalInterface
    public interface SessionRoute {
        Future<Reply> handle(ApiCall call, ActiveSession session) throws ApiError;
    }

    /** The checks made before any body is read; first of all API routes. */
    public void mountChecks(Router router) {
        router.route("/api/*").handler(ctx -> {
            // Answers hold session secrets and keys sealed for the person: no cache may keep them.
            ctx.response().headers().set(HttpHeaders.CACHE_CONTROL, "no-store");
            ctx.next();
        });
        router.route("/api/*").handler(this::checkOrigin);
        router.post("/api/*").handler(this::checkContentType);
    }

    /**
     * Reads the bodies of POSTs to {@code paths} (Vert.x route paths, {@code /api/x/*}) up to {@code limit} bytes. A
     * route of its own: Vert.x wants a body handler first on its route. The checks before are synchronous, so no
     * byte of the body has been read when they run. A request reads its body once, under the first of these it
     * meets.
     */
    public void mountBodies(Router router, int limit, String... paths) {
        for (String path : paths) {
            router.post(path).handler(ctx -> {
                ctx.put(BODY_LIMIT, limit);
                ctx.next();
            });
            router.post(path).handler(BodyHandler.create(false).setBodyLimit(limit).setHandleFileUploads(false));
        }
    }

    /** After every API's routes: an unknown API path is a 404, and every failure gets its answer. */
    public void mountFallback(Router router) {
        router.route("/api/*").handler(ctx -> fail(ctx, ApiError.invalidRequest(404, "There is no such API.")));
        router.route("/api/*").failureHandler(this::onFailure);
    }

    /**
     * A foreign Origin is refused on every request, not only POSTs: a GET (the session, the devices) is held back
     * from other sites by SameSite and CORS already, and this makes it one rule. Checked before the body is read.
     */
    private void checkOrigin(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (!origins.permits(request.getHeader(HttpHeaders.ORIGIN), request.getHeader(HttpHeaders.HOST))) {
            fail(ctx, ApiError.invalidRequest(403, "This page's origin may not use this server's accounts."));
            return;
        }
        ctx.next();
    }

    private void checkContentType(RoutingContext ctx) {
        if (!isJson(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE))) {
            fail(ctx, ApiError.invalidRequest(415, "The request body must be sent as application/json."));
            return;
        }
        ctx.next();
    }

    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return type.trim().toLowerCase(Locale.ROOT).equals("application/json");
    }

    /** A route whose body holds exactly {@code fields}, each a string. */
    public Handler<RoutingContext> body(Set<String> fields, BodyRoute route) {
        return body(ctx -> parse(ctx, fields), route);
    }

    /** A route whose body is parsed by {@code parser} (a {@link JsonBody} of another shape). */
    public Handler<RoutingContext> body(BodyParser parser, BodyRoute route) {
        return ctx -> {
            Future<Reply> reply;
            try {
                reply = route.handle(new ApiCall(ctx, parser.parse(ctx)));
            } catch (ApiError e) {
                reply = Future.failedFuture(e);
            }
            respond(ctx, reply);
        };
    }

    /** A route that needs a live session and whose body holds exactly {@code fields}, each a string. */
    public Handler<RoutingContext> withSession(Set<String> fields, SessionRoute route) {
        return withSession(ctx -> parse(ctx, fields), route);
    }

    /** A route that needs a live session and whose body is parsed by {@code parser}. */
    public Handler<RoutingContext> withSession(BodyParser parser, SessionRoute route) {
        return ctx -> {
            JsonBody body;
            try {
                body = parser.parse(ctx);
            } catch (ApiError e) {
                respond(ctx, Future.failedFuture(e));
                return;
            }
            ApiCall call = new ApiCall(ctx, body);
            respond(ctx, sessions.required(ctx.request()).compose(found -> {
                try {
                    return route.handle(call, found);
                } catch (ApiError e) {
                    return Future.failedFuture(e);
                }
            }));
        };
    }

    /** Parses a request's body into a {@link JsonBody}, or refuses it. */
    @FunctionalInterface
    public interface BodyParser {
        JsonBody parse(RoutingContext ctx) throws ApiError;

        /** A body of this shape; see {@link JsonBody#parse(byte[], JsonBody.Shape)}. */
        static BodyParser of(JsonBody.Shape shape) {
            return ctx -> {
                byte[] bytes = bodyBytes(ctx);
                if (bytes == null && shape.required().isEmpty()) {
                    bytes = "{}".getBytes(StandardCharsets.US_ASCII);
                }
                if (bytes == null) {
                    throw ApiError.invalidRequest("The request needs a JSON body.");
                }
                return JsonBody.parse(bytes, shape);
            };
        }
    }

    /** A GET has no body, and a POST that expects no fields may send none. */
    private static JsonBody parse(RoutingContext ctx, Set<String> fields) throws ApiError {
        byte[] bytes = bodyBytes(ctx);
        if (fields.isEmpty() && bytes == null) {
            bytes = "{}".getBytes(StandardCharsets.US_ASCII);
        }
        if (bytes == null) {
            throw ApiError.invalidRequest("The request needs a JSON body.");
        }
        return JsonBody.parse(bytes, fields);
    }

    /** The body's bytes; {@code null} for none (a GET, or an empty POST). */
    private static byte[] bodyBytes(RoutingContext ctx) {
        RequestBody requestBody = ctx.body();
        Buffer buffer = requestBody == null ? null : requestBody.buffer();
        return buffer == null || buffer.length() == 0 ? null : buffer.getBytes();
    }

    private void respond(RoutingContext ctx, Future<Reply> reply) {
        reply.onComplete(done -> {
            if (ctx.response().ended() || ctx.response().closed()) {
                return;
            }
            if (done.failed()) {
                fail(ctx, done.cause());
                return;
            }
            Reply answer = done.result();
            if (answer.setCookie() != null) {
                cookies.set(ctx.request(), ctx.response(), answer.setCookie());
            } else if (answer.clearCookie()) {
                cookies.clear(ctx.request(), ctx.response());
            }
            ctx.response().setStatusCode(answer.status());
            if (answer.body() == null) {
                ctx.response().end();
            } else {
                ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .end(answer.body().encode());
            }
        });
    }

    /**
     * Failures raised by Vert.x itself: the body limit (413), a body that could not be read, and anything unexpected.
     */
    private void onFailure(RoutingContext ctx) {
        if (ctx.statusCode() == 413) {
            Integer limit = ctx.get(BODY_LIMIT);
            fail(ctx, ApiError.invalidRequest(413, "The request body is larger than "
                    + (limit == null ? "this API accepts." : limit + " bytes.")));
        } else if (ctx.failure() != null && !(ctx.failure() instanceof ApiError) && !ctx.request().isEnded()) {
            // The body broke off or could not be decoded (a chunk size "zz"): the client's doing, and anyone can
            // send it as often as they like, so one line at debug level and no stack trace, as for a bad URL.
            LOG.debug("API request {} {}: body not readable: {}", ctx.request().method(), loggedPath(ctx),
                    ctx.failure().toString());
            fail(ctx, ApiError.invalidRequest(400, "The request could not be read."));
        } else if (ctx.failure() != null) {
            fail(ctx, ctx.failure());
        } else {
            fail(ctx, ApiError.invalidRequest(ctx.statusCode() > 0 ? ctx.statusCode() : 400,
                    "The request could not be read."));
        }
    }

    /**
     * The request's path for a log line: ids stay (they are what an operator follows), a username looked up is cut,
     * since it names a person.
     */
    static String loggedPath(RoutingContext ctx) {
        String path = ctx.request().path();
        return path.startsWith(USER_LOOKUP) ? USER_LOOKUP + "..." : path;
    }

    private void fail(RoutingContext ctx, Throwable failure) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        ApiError error;
        if (failure instanceof ApiError apiError) {
            error = apiError;
        } else {
            LOG.warn("API request {} {} failed", ctx.request().method(), loggedPath(ctx), failure);
            ctx.response().setStatusCode(500).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(new JsonObject().put("error", "server-error")
                            .put("message", "The server could not do that now; try again later.").encode());
            return;
        }
        JsonObject body = new JsonObject().put("error", error.code()).put("message", error.getMessage());
        if (error.retryAfterSeconds() > 0) {
            body.put("retryAfterSeconds", error.retryAfterSeconds());
            ctx.response().putHeader("Retry-After", Long.toString(error.retryAfterSeconds()));
        }
        if (error.code().equals("not-signed-in") && SessionLookup.presents(ctx.request())) {
            cookies.clear(ctx.request(), ctx.response()); // a cookie that names no session is only in the way
        }
        ctx.response().setStatusCode(error.status()).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(body.encode());
    }
}
