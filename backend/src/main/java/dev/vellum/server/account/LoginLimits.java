package dev.vellum.server.account;

import dev.vellum.protocol.account.Username;
import dev.vellum.server.config.AccountLimits;
import dev.vellum.server.quota.KeyedRateLimit;
import java.util.concurrent.TimeUnit;

/**
 * Failed attempts to prove a passphrase or recovery key, limited per username and per address (see
 * {@link AccountLimits}), and sign-ups per address. An attempt takes a token from both buckets before any work, and
 * {@link Attempt#succeeded()} gives them back: only failures count, and a burst of concurrent guesses cannot run
 * past the limit. Unknown usernames count like known ones, so the limit tells nothing either.
 */
public final class LoginLimits {
    private final KeyedRateLimit perUsername;
    private final KeyedRateLimit perAddress;
    private final KeyedRateLimit signUpsPerAddress;

    public LoginLimits(AccountLimits limits) {
        this(new KeyedRateLimit(limits.loginFailuresPerUsername(),
                        TimeUnit.SECONDS.toNanos((long) limits.loginFailureWaitSeconds()
                                * limits.loginFailuresPerUsername())),
                new KeyedRateLimit(limits.loginFailuresPerAddressPerMinute(), TimeUnit.MINUTES.toNanos(1)),
                new KeyedRateLimit(limits.signUpsPerAddressPerHour(), TimeUnit.HOURS.toNanos(1)));
    }

    LoginLimits(KeyedRateLimit perUsername, KeyedRateLimit perAddress, KeyedRateLimit signUpsPerAddress) {
        this.perUsername = perUsername;
        this.perAddress = perAddress;
        this.signUpsPerAddress = signUpsPerAddress;
    }

    /** One attempt under way; it counts as a failure unless {@link #succeeded()} is called. */
    public final class Attempt {
        private final String username;
        private final String address;

        private Attempt(String username, String address) {
            this.username = username;
            this.address = address;
        }

        public void succeeded() {
            perUsername.giveBack(username);
            perAddress.giveBack(address);
        }
    }

    /**
     * @throws ApiError {@code rate-limited}, with the wait, when the username or the address has no attempt left
     */
    public Attempt begin(Username username, String address) throws ApiError {
        long waitForName = perUsername.tryTake(username.value());
        if (waitForName > 0) {
            throw ApiError.rateLimited(seconds(waitForName));
        }
        long waitForAddress = perAddress.tryTake(address);
        if (waitForAddress > 0) {
            perUsername.giveBack(username.value());
            throw ApiError.rateLimited(seconds(waitForAddress));
        }
        return new Attempt(username.value(), address);
    }

    /** Takes one sign-up from the address's hourly allowance. */
    public void beginSignUp(String address) throws ApiError {
        long wait = signUpsPerAddress.tryTake(address);
        if (wait > 0) {
            throw ApiError.rateLimited(seconds(wait));
        }
    }

    private static long seconds(long nanos) {
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }
}
