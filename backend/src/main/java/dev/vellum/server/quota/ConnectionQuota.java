package dev.vellum.server.quota;

/**
 * One connection's view of the quotas it draws on: always its IP address's, and also its account's when it is logged
 * in, so that one person cannot exceed the quota by moving between addresses, nor a shared address's users by
 * opening accounts. Both are charged, and what one refuses is given back to the other.
 *
 * @param account the key of the logged-in account's quota ({@link #accountKey}), or null for an anonymous connection
 */
public record ConnectionQuota(String address, String account, AddressQuotas quotas) {
    /** The quota key of an account: prefixed, so it can never collide with an IP address's. */
    public static String accountKey(String accountId) {
        return "account:" + accountId;
    }

    public boolean tryCreateNote() {
        if (!quotas.tryCreateNote(address)) {
            return false;
        }
        if (account != null && !quotas.tryCreateNote(account)) {
            quotas.giveBackNote(address);
            return false;
        }
        return true;
    }

    public void giveBackNote() {
        quotas.giveBackNote(address);
        if (account != null) {
            quotas.giveBackNote(account);
        }
    }

    public boolean tryStore(long bytes) {
        if (!quotas.tryStore(address, bytes)) {
            return false;
        }
        if (account != null && !quotas.tryStore(account, bytes)) {
            quotas.giveBackBytes(address, bytes);
            return false;
        }
        return true;
    }

    public void giveBackBytes(long bytes) {
        quotas.giveBackBytes(address, bytes);
        if (account != null) {
            quotas.giveBackBytes(account, bytes);
        }
    }
}
