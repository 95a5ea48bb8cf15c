package dev.vellum.server.workspace;

import dev.vellum.encoding.Base64Url;
import dev.vellum.error.InvalidUsernameException;
import dev.vellum.protocol.account.Username;
import dev.vellum.server.account.ActiveSession;
import dev.vellum.server.account.ApiCall;
import dev.vellum.server.account.ApiError;
import dev.vellum.server.account.Reply;
import dev.vellum.server.config.WorkspaceLimits;
import dev.vellum.server.quota.KeyedRateLimit;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /api/users/{username}}: a person's account id and public identity, to invite them. Rate limited per
 * account (all of an account's sessions share the allowance, so logging in again buys nothing): bursts of
 * {@link WorkspaceLimits#userLookupsPerMinute()}, then as many a minute, found or not, so that nobody can walk a
 * list of names to learn which exist. A refusal says when to try again (429 rate-limited).
 */
final class UserRoutes {
    private final WorkspaceStore store;
    private final KeyedRateLimit lookups;

    UserRoutes(WorkspaceStore store, WorkspaceLimits limits) {
        this.store = store;
        this.lookups = new KeyedRateLimit(limits.userLookupsPerMinute(), TimeUnit.MINUTES.toNanos(1));
    }

    Future<Reply> lookup(ApiCall call, ActiveSession session) throws ApiError {
        long wait = lookups.tryTake(session.accountId().toString());
        if (wait > 0) {
            throw ApiError.rateLimited(TimeUnit.NANOSECONDS.toSeconds(wait) + 1);
        }
        Username username;
        try {
            username = Username.parse(call.ctx().pathParam("username"));
        } catch (InvalidUsernameException e) {
            throw WorkspaceErrors.noSuchUser();
        }
        return store.user(username).compose(found -> found.isEmpty()
                ? Future.failedFuture(WorkspaceErrors.noSuchUser())
                : Future.succeededFuture(Reply.json(200, new JsonObject()
                        .put("accountId", found.get().accountId().toString())
                        .put("username", found.get().username().value())
                        .put("identity", Base64Url.encode(found.get().identity().toBytes())))));
    }
}
