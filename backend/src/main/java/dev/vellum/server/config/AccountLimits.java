package dev.vellum.server.config;

/**
 * How often one username and one remote address may fail to prove a passphrase or recovery key, how many accounts
 * one address may make, and how long an unused session lasts: the limits that make online guessing slow (each guess
 * already costs the guesser an Argon2id run, but the server would check them as fast as they came) and a forgotten
 * cookie useless.
 *
 * @param loginFailuresPerUsername failed logins and recoveries a username may have at once from one address before
 *                                 it must wait there (four times as many over all addresses, so a stranger cannot
 *                                 lock the owner out), and failed passphrase confirmations an account may have
 * @param loginFailureWaitSeconds after that, one more attempt per this many seconds (a quarter of it over all
 *                                addresses)
 * @param loginFailuresPerAddressPerMinute failed attempts one IP address may make a minute, over all usernames
 * @param signUpsPerAddressPerHour sign-up attempts one IP address may make an hour
 * @param sessionIdleDays a session not used for this many days has ended (its cookie opens nothing)
 */
public record AccountLimits(int loginFailuresPerUsername, int loginFailureWaitSeconds,
                            int loginFailuresPerAddressPerMinute, int signUpsPerAddressPerHour, int sessionIdleDays) {
    /**
     * 5 free, then one per 30 s a username from one address (20 and one per 7.5 s over all); 20 a minute an
     * address; 10 sign-ups an hour an address; sessions end after 30 days unused.
     */
    public static final AccountLimits DEFAULTS = new AccountLimits(5, 30, 20, 10, 30);

    public AccountLimits {
        if (loginFailuresPerUsername < 1 || loginFailuresPerAddressPerMinute < 1 || signUpsPerAddressPerHour < 1) {
            throw new IllegalArgumentException("login failure and sign-up limits must be at least 1, got "
                    + loginFailuresPerUsername + ", " + loginFailuresPerAddressPerMinute + " and "
                    + signUpsPerAddressPerHour);
        }
        if (sessionIdleDays < 1) {
            throw new IllegalArgumentException("session idle days must be at least 1, got " + sessionIdleDays);
        }
        if (loginFailureWaitSeconds < 1) {
            throw new IllegalArgumentException("login failure wait must be at least 1 second, got "
                    + loginFailureWaitSeconds);
        }
    }
}
