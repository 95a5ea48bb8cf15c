package dev.vellum.server.account;

import dev.vellum.protocol.account.Username;
import dev.vellum.protocol.id.AccountId;
import dev.vellum.server.config.AccountLimits;
import dev.vellum.server.quota.KeyedRateLimit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * How often passphrases and recovery keys may be tried (see {@link AccountLimits}), and sign-ups per address.
 *
 * <p>A login or recovery start from an address takes a token, in this order, from: the address's failures (checked
 * first, so an address that is refused creates no bucket for the names it tries); the address's starts, failed or
 * not ({@link #STARTS_FACTOR} times its failures: successful starts are not free, since each makes a challenge);
 * the username at that address (5, then one per 30 s by default: the limit a guesser meets); and the username over
 * all addresses, a looser ceiling ({@link #CEILING_FACTOR} times that) that bounds guessing from many addresses
 * while one stranger's failures cannot lock the person out of logging in from their own address.
 * {@link Attempt#succeeded()} gives the failure tokens back: only failures count, and a burst of concurrent guesses
 * cannot run past the limit. Unknown usernames count like known ones, so the limit tells nothing either.
 *
 * <p>The passphrase confirmations of a logged-in person (passphrase change, deletion) are limited per account
 * instead ({@link #beginConfirmation}): only someone holding one of its sessions can use them up, so strangers'
 * failed logins for the name never keep the owner from changing their passphrase or deleting the account.
 */
public final class LoginLimits {
    /** The username's ceiling over all addresses, in multiples of its limit at one address. */
    public static final int CEILING_FACTOR = 4;
    /** Login and recovery starts an address may make, failed or not, in multiples of its failure limit. */
    public static final int STARTS_FACTOR = 10;

    private final KeyedRateLimit failuresPerAddress;
    private final KeyedRateLimit startsPerAddress;
    private final KeyedRateLimit failuresPerUsernameAtAddress;
    private final KeyedRateLimit failuresPerUsername;
    private final KeyedRateLimit failuresPerAccount;
    private final KeyedRateLimit signUpsPerAddress;

    public LoginLimits(AccountLimits limits) {
        this(limits, System::nanoTime, KeyedRateLimit.MAX_KEYS);
    }

    LoginLimits(AccountLimits limits, LongSupplier nanoClock, int maxKeys) {
        int perUsername = limits.loginFailuresPerUsername();
        long usernamePeriod = TimeUnit.SECONDS.toNanos((long) limits.loginFailureWaitSeconds() * perUsername);
        long minute = TimeUnit.MINUTES.toNanos(1);
        int perAddress = limits.loginFailuresPerAddressPerMinute();
        this.failuresPerAddress = new KeyedRateLimit(perAddress, minute, nanoClock, maxKeys);
        this.startsPerAddress = new KeyedRateLimit((long) perAddress * STARTS_FACTOR, minute, nanoClock, maxKeys);
        this.failuresPerUsernameAtAddress = new KeyedRateLimit(perUsername, usernamePeriod, nanoClock, maxKeys);
        this.failuresPerUsername = new KeyedRateLimit((long) perUsername * CEILING_FACTOR, usernamePeriod, nanoClock,
                maxKeys);
        this.failuresPerAccount = new KeyedRateLimit(perUsername, usernamePeriod, nanoClock, maxKeys);
        this.signUpsPerAddress = new KeyedRateLimit(limits.signUpsPerAddressPerHour(), TimeUnit.HOURS.toNanos(1),
                nanoClock, maxKeys);
    }

    /** One token taken from one limit. */
    private record Taken(KeyedRateLimit limit, String key) {
        void giveBack() {
            limit.giveBack(key);
        }
    }

    /** One attempt under way; it counts as a failure unless {@link #succeeded()} is called. */
    public static final class Attempt {
        private final List<Taken> failures;

        private Attempt(List<Taken> failures) {
            this.failures = failures;
        }

        public void succeeded() {
            failures.forEach(Taken::giveBack);
        }
    }

    /**
     * A login or recovery start by {@code username} from {@code address} (a limit key, {@code ClientAddress}).
     *
     * @throws ApiError {@code rate-limited}, with the wait, when any of its limits has no attempt left
     */
    public Attempt begin(Username username, String address) throws ApiError {
        List<Taken> failures = new ArrayList<>(3);
        List<Taken> all = new ArrayList<>(4);
        take(all, failures, failuresPerAddress, address);
        take(all, null, startsPerAddress, address);
        take(all, failures, failuresPerUsernameAtAddress, username.value() + " " + address);
        take(all, failures, failuresPerUsername, username.value());
        return new Attempt(failures);
    }

    /** A logged-in person confirming their passphrase (to change it, or to delete the account). */
    public Attempt beginConfirmation(AccountId accountId) throws ApiError {
        List<Taken> failures = new ArrayList<>(1);
        take(new ArrayList<>(1), failures, failuresPerAccount, accountId.toString());
        return new Attempt(failures);
    }

    /** Usernames with a bucket of their own (over all addresses): for tests. */
    int usernamesTracked() {
        return failuresPerUsername.trackedKeys();
    }

    /** Takes one sign-up from the address's hourly allowance. */
    public void beginSignUp(String address) throws ApiError {
        take(new ArrayList<>(1), null, signUpsPerAddress, address);
    }

    /**
     * Takes a token from {@code limit}, adding it to {@code all} (and to {@code failures} if not null); if there is
     * none, gives back every token taken so far for this attempt (nothing was tried) and refuses.
     */
    private static void take(List<Taken> all, List<Taken> failures, KeyedRateLimit limit, String key)
            throws ApiError {
        long wait = limit.tryTake(key);
        if (wait > 0) {
            all.forEach(Taken::giveBack);
            throw ApiError.rateLimited(seconds(wait));
        }
        Taken taken = new Taken(limit, key);
        all.add(taken);
        if (failures != null) {
            failures.add(taken);
        }
    }

    private static long seconds(long nanos) {
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }
}
