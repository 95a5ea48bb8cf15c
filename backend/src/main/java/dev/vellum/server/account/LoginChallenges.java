package dev.vellum.server.account;

import dev.vellum.crypto.random.RandomSource;
import dev.vellum.encoding.Base64Url;
import dev.vellum.protocol.account.LoginChallenge;
import dev.vellum.protocol.id.AccountId;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The challenges handed out by login and recovery starts, each waiting for its device's signature: single-use (taken
 * out on the first finish, whatever its outcome), bound to the account and to the kind of start that made it, and
 * valid for {@link #VALIDITY_NANOS}. Held in memory and bounded two ways: an account has at most
 * {@link #MAX_PER_ACCOUNT} waiting (its own oldest goes to make room, so starting logins over and over costs nobody
 * else anything), and all accounts together at most {@link #MAX_OUTSTANDING}. When that is reached, a new start is
 * refused with the wait until the oldest expires: another account's unexpired challenge is never dropped, so
 * filling the store takes thousands of accounts and cancels nobody's login under way.
 */
public final class LoginChallenges {
    public static final long VALIDITY_NANOS = TimeUnit.SECONDS.toNanos(60);
    public static final int MAX_OUTSTANDING = 10_000;
    /** A person logging in on two or three devices at once; more only cancels their own earlier starts. */
    public static final int MAX_PER_ACCOUNT = 3;

    /** What a challenge was made by, so that a login's challenge cannot finish a recovery, nor the other way. */
    public enum Kind { LOGIN, RECOVERY }

    private record Outstanding(AccountId accountId, Kind kind, long expiresAtNanos) {
    }

    private final RandomSource random;
    private final LongSupplier nanoClock;
    private final long validityNanos;
    private final int maxOutstanding;
    /** In the order made: the oldest first. */
    private final LinkedHashMap<String, Outstanding> outstanding = new LinkedHashMap<>();
    /** Each account's waiting challenges, oldest first. */
    private final Map<AccountId, ArrayDeque<String>> byAccount = new HashMap<>();

    public LoginChallenges(RandomSource random) {
        this(random, System::nanoTime, VALIDITY_NANOS, MAX_OUTSTANDING);
    }

    LoginChallenges(RandomSource random, LongSupplier nanoClock, long validityNanos, int maxOutstanding) {
        this.random = random;
        this.nanoClock = nanoClock;
        this.validityNanos = validityNanos;
        this.maxOutstanding = maxOutstanding;
    }

    /**
     * @throws ApiError {@code rate-limited}, with the wait until the oldest challenge expires, when all accounts
     *                  together have {@link #MAX_OUTSTANDING} waiting and this account has none of its own to give up
     */
    public synchronized LoginChallenge issue(AccountId accountId, Kind kind) throws ApiError {
        long now = nanoClock.getAsLong();
        dropExpired(now);
        ArrayDeque<String> own = byAccount.get(accountId);
        if (own != null && (own.size() >= MAX_PER_ACCOUNT || outstanding.size() >= maxOutstanding)) {
            remove(own.peekFirst()); // only ever this account's own
        } else if (outstanding.size() >= maxOutstanding) {
            long untilOldestExpires = outstanding.values().iterator().next().expiresAtNanos() - now;
            throw ApiError.rateLimited(Math.max(1, (untilOldestExpires + 999_999_999L) / 1_000_000_000L));
        }
        LoginChallenge challenge = LoginChallenge.random(random);
        String key = Base64Url.encode(challenge.toBytes());
        outstanding.put(key, new Outstanding(accountId, kind, now + validityNanos));
        byAccount.computeIfAbsent(accountId, id -> new ArrayDeque<>(MAX_PER_ACCOUNT)).addLast(key);
        return challenge;
    }

    /**
     * Takes the challenge out and returns its account, if it was issued for {@code kind} and has not expired.
     *
     * @throws ApiError {@code challenge-expired} if it is unknown, used, expired or of the other kind
     */
    public synchronized AccountId take(byte[] challenge, Kind kind) throws ApiError {
        long now = nanoClock.getAsLong();
        Outstanding found = remove(Base64Url.encode(challenge));
        if (found == null || found.kind() != kind || now - found.expiresAtNanos() > 0) {
            throw ApiError.challengeExpired();
        }
        return found.accountId();
    }

    public synchronized int outstanding() {
        return outstanding.size();
    }

    private Outstanding remove(String key) {
        Outstanding found = outstanding.remove(key);
        if (found != null) {
            unlink(found.accountId(), key);
        }
        return found;
    }

    private void unlink(AccountId accountId, String key) {
        ArrayDeque<String> own = byAccount.get(accountId);
        own.remove(key);
        if (own.isEmpty()) {
            byAccount.remove(accountId);
        }
    }

    private void dropExpired(long now) {
        for (Iterator<Map.Entry<String, Outstanding>> it = outstanding.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Outstanding> oldest = it.next();
            if (now - oldest.getValue().expiresAtNanos() > 0) {
                it.remove();
                unlink(oldest.getValue().accountId(), oldest.getKey());
            } else {
                break; // made in order with one validity, so the rest expire later
            }
        }
    }
}
