package dev.vellum.server.workspace;

import dev.vellum.server.account.ApiError;
import dev.vellum.server.account.ApiFront.SessionRoute;
import dev.vellum.server.config.WorkspaceLimits;
import dev.vellum.server.quota.KeyedRateLimit;
import java.util.concurrent.TimeUnit;

/**
 * The budget of the workspace GETs that read whole lists (workspaces, a membership log of up to 10,000 entries, its
 * keys, a notes list of up to 10,000 notes, join requests, the contact book): per account, over all its sessions
 * (logging in again buys nothing), bursts of {@link WorkspaceLimits#workspaceReadsPerMinute()}, then as many a
 * minute; past that {@code 429 rate-limited} with the wait. Without it a member could have the server read and send
 * a large log as often as they liked. Every such route needs a session, so a request without one is refused (401)
 * before it reaches this budget and costs no list read; the per-address limits of the account routes cover who
 * has none.
 */
final class WorkspaceReads {
    private final KeyedRateLimit perAccount;

    WorkspaceReads(WorkspaceLimits limits) {
        this.perAccount = new KeyedRateLimit(limits.workspaceReadsPerMinute(), TimeUnit.MINUTES.toNanos(1));
    }

    /** {@code route}, taking one read from the session's account first. */
    SessionRoute limited(SessionRoute route) {
        return (call, session) -> {
            long wait = perAccount.tryTake(session.accountId().toString());
            if (wait > 0) {
                throw ApiError.rateLimited(TimeUnit.NANOSECONDS.toSeconds(wait) + 1);
            }
            return route.handle(call, session);
        };
    }
}
