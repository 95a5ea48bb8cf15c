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
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The account HTTP API under {@code /api} (docs/protocol.md, "Accounts: HTTP API"): what every request goes through
 * before its handler. Every request must come from an allowed Origin when it names one (with SameSite=Strict this
 * stops cross-site requests); a POST must say {@code Content-Type: application/json} and hold at most
 * {@link #MAX_BODY_BYTES}, and its body is parsed strictly into the fields its route expects. Every refusal is
 * {@code {"error", "message"}} with its status. A body that cannot be read (broken off, or badly chunked) is the
 * client's doing: a 400, logged at FINE in one line. An unexpected failure is a 500 that says nothing of its cause
 * (which goes to the log, never a secret).
 */
public final class AccountApi {
    public static final int MAX_BODY_BYTES = 16 * 1024;
    private static final Logger LOG = Logger.getLogger(AccountApi.class.getName());

    private final OriginPolicy origins;
    private final SessionCookies cookies;
    private final SessionLookup sessions;
    private final SignUpRoutes signUp;
    private final LoginRoutes login;
    private final SessionRoutes session;
    private final DeviceRoutes devices;
    private final AccountSettingsRoutes settings;

    public AccountApi(AccountServices services, OriginPolicy origins) {
        this.origins = origins;
        this.cookies = services.cookies();
        this.sessions = services.sessions();
        this.signUp = new SignUpRoutes(services);
        this.login = new LoginRoutes(services);
        this.session = new SessionRoutes(services);
        this.devices = new DeviceRoutes(services);
        this.settings = new AccountSettingsRoutes(services);
    }

    /** A route that needs only its body. */
    @FunctionalInterface
    interface BodyRoute {
        Future<Reply> handle(ApiCall call) throws ApiError;
    }

    /** A route that needs a live session. */
    @FunctionalInterface
    interface SessionRoute {
        Future<Reply> handle(ApiCall call, ActiveSession session) throws ApiError;
    }

    /** Mounts the API; before the app's catch-all routes. */
    public void mount(Router router) {
        router.route("/api/*").handler(ctx -> {
            // Answers hold session secrets and keys sealed for the person: no cache may keep them.
            ctx.response().headers().set(HttpHeaders.CACHE_CONTROL, "no-store");
            ctx.next();
        });
        router.route("/api/*").handler(this::checkOrigin);
        router.post("/api/*").handler(this::checkContentType);
        // A route of its own: Vert.x wants a body handler first on its route. The checks before are synchronous,
        // so no byte of the body has been read when they run.
        router.post("/api/*")
                .handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES).setHandleFileUploads(false));
        router.post("/api/accounts/salt").handler(body(Set.of("username"), signUp::salt));
        router.post("/api/accounts").handler(body(SignUpRoutes.SIGN_UP_FIELDS, signUp::signUp));
        router.post("/api/login/start").handler(body(Set.of("username", "authKey"), login::startLogin));
        router.post("/api/recovery/start").handler(body(Set.of("username", "recoveryAuthKey"),
                login::startRecovery));
        router.post("/api/login/finish").handler(body(LoginRoutes.LOGIN_FINISH_FIELDS, login::finishLogin));
        router.post("/api/recovery/finish").handler(body(LoginRoutes.RECOVERY_FINISH_FIELDS,
                login::finishRecovery));
        router.get("/api/session").handler(withSession(Set.of(), session::show));
        router.post("/api/logout").handler(body(Set.of(), session::logout));
        router.get("/api/devices").handler(withSession(Set.of(), devices::list));
        router.post("/api/devices/revoke").handler(withSession(Set.of("deviceSigningKey"), devices::revoke));
        router.post("/api/account/passphrase").handler(withSession(AccountSettingsRoutes.PASSPHRASE_FIELDS,
                settings::changePassphrase));
        router.post("/api/account/recovery-key").handler(withSession(AccountSettingsRoutes.RECOVERY_KEY_FIELDS,
                settings::replaceRecoveryKey));
        router.post("/api/account/delete").handler(withSession(Set.of("authKey"), settings::delete));
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

    private Handler<RoutingContext> body(Set<String> fields, BodyRoute route) {
        return ctx -> {
            Future<Reply> reply;
            try {
                reply = route.handle(new ApiCall(ctx, parse(ctx, fields)));
            } catch (ApiError e) {
                reply = Future.failedFuture(e);
            }
            respond(ctx, reply);
        };
    }

    private Handler<RoutingContext> withSession(Set<String> fields, SessionRoute route) {
        return ctx -> {
            JsonBody body;
            try {
                body = parse(ctx, fields);
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

    /** A GET has no body, and a POST that expects no fields may send none. */
    private static JsonBody parse(RoutingContext ctx, Set<String> fields) throws ApiError {
        RequestBody requestBody = ctx.body();
        Buffer buffer = requestBody == null ? null : requestBody.buffer();
        if (fields.isEmpty() && (buffer == null || buffer.length() == 0)) {
            return JsonBody.parse("{}".getBytes(StandardCharsets.US_ASCII), fields);
        }
        if (buffer == null || buffer.length() == 0) {
            throw ApiError.invalidRequest("The request needs a JSON body.");
        }
        return JsonBody.parse(buffer.getBytes(), fields);
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
            fail(ctx, ApiError.invalidRequest(413, "The request body is larger than " + MAX_BODY_BYTES + " bytes."));
        } else if (ctx.failure() != null && !(ctx.failure() instanceof ApiError) && !ctx.request().isEnded()) {
            // The body broke off or could not be decoded (a chunk size "zz"): the client's doing, and anyone can
            // send it as often as they like, so one line at FINE and no stack trace, as for a bad URL (WebRoutes).
            LOG.fine(() -> "account request " + ctx.request().method() + " " + ctx.request().path()
                    + ": body not readable: " + ctx.failure());
            fail(ctx, ApiError.invalidRequest(400, "The request could not be read."));
        } else if (ctx.failure() != null) {
            fail(ctx, ctx.failure());
        } else {
            fail(ctx, ApiError.invalidRequest(ctx.statusCode() > 0 ? ctx.statusCode() : 400,
                    "The request could not be read."));
        }
    }

    private void fail(RoutingContext ctx, Throwable failure) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        ApiError error;
        if (failure instanceof ApiError apiError) {
            error = apiError;
        } else {
            LOG.log(Level.WARNING, "account request " + ctx.request().method() + " " + ctx.request().path()
                    + " failed", failure);
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
