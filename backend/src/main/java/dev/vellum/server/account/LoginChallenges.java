package dev.vellum.server.account;

import dev.vellum.protocol.account.LoginChallenge;
import dev.vellum.protocol.id.AccountId;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;

/**
 * Login and recovery challenges as the event loop uses them: {@link JdbcLoginChallenges} on the database workers.
 * One way on every deployment: a single node keeps them in its database too, so what a cluster relies on (a start on
 * one node, its finish on another; a replay refused on every node) is the path every test and every server runs,
 * for one insert at each start and one delete at each finish, next to the authentication key check and the session
 * they come with.
 */
public final class LoginChallenges {
    /** What a challenge was made by, so that a login's challenge cannot finish a recovery, nor the other way. */
    public enum Kind { LOGIN, RECOVERY }

    private final JdbcLoginChallenges repository;
    private final WorkerExecutor executor;

    public LoginChallenges(JdbcLoginChallenges repository, WorkerExecutor executor) {
        this.repository = repository;
        this.executor = executor;
    }

    /** See {@link JdbcLoginChallenges#issue}: fails with {@code rate-limited} when the store is full. */
    public Future<LoginChallenge> issue(AccountId accountId, Kind kind) {
        return executor.executeBlocking(() -> repository.issue(accountId, kind), false);
    }

    /** See {@link JdbcLoginChallenges#take}: fails with {@code challenge-expired} unless this finish may use it. */
    public Future<AccountId> take(byte[] challenge, Kind kind) {
        return executor.executeBlocking(() -> repository.take(challenge, kind), false);
    }
}
