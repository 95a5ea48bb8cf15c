package dev.vellum.server.account;

import dev.vellum.crypto.random.RandomSource;
import dev.vellum.encoding.Base64Url;
import dev.vellum.protocol.account.LoginChallenge;
import dev.vellum.protocol.id.AccountId;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The challenges handed out by login and recovery starts, each waiting for its device's signature: single-use (taken
 * out on the first finish, whatever its outcome), bound to the account and to the kind of start that made it, and
 * valid for {@link #VALIDITY_NANOS}. Held in memory and bounded: past {@link #MAX_OUTSTANDING}, the oldest goes (only
 * someone who proved a passphrase can make one, and a lost challenge costs a person one retry).
 */
public final class LoginChallenges {
    public static final long VALIDITY_NANOS = TimeUnit.SECONDS.toNanos(60);
    public static final int MAX_OUTSTANDING = 10_000;

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

    public LoginChallenges(RandomSource random) {
        this(random, System::nanoTime, VALIDITY_NANOS, MAX_OUTSTANDING);
    }

    LoginChallenges(RandomSource random, LongSupplier nanoClock, long validityNanos, int maxOutstanding) {
        this.random = random;
        this.nanoClock = nanoClock;
        this.validityNanos = validityNanos;
        this.maxOutstanding = maxOutstanding;
    }

    public synchronized LoginChallenge issue(AccountId accountId, Kind kind) {
        long now = nanoClock.getAsLong();
        dropExpired(now);
        if (outstanding.size() >= maxOutstanding) {
            Iterator<String> oldest = outstanding.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        LoginChallenge challenge = LoginChallenge.random(random);
        outstanding.put(Base64Url.encode(challenge.toBytes()), new Outstanding(accountId, kind, now + validityNanos));
        return challenge;
    }

    /**
     * Takes the challenge out and returns its account, if it was issued for {@code kind} and has not expired.
     *
     * @throws ApiError {@code challenge-expired} if it is unknown, used, expired or of the other kind
     */
    public synchronized AccountId take(byte[] challenge, Kind kind) throws ApiError {
        long now = nanoClock.getAsLong();
        Outstanding found = outstanding.remove(Base64Url.encode(challenge));
        if (found == null || found.kind() != kind || now - found.expiresAtNanos() > 0) {
            throw ApiError.challengeExpired();
        }
        return found.accountId();
    }

    public synchronized int outstanding() {
        return outstanding.size();
    }

    private void dropExpired(long now) {
        for (Iterator<Map.Entry<String, Outstanding>> it = outstanding.entrySet().iterator(); it.hasNext(); ) {
            if (now - it.next().getValue().expiresAtNanos() > 0) {
                it.remove();
            } else {
                break; // made in order with one validity, so the rest expire later
            }
        }
    }
}
