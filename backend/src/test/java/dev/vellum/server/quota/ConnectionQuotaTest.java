package dev.vellum.server.quota;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.server.config.StorageLimits;
import org.junit.jupiter.api.Test;

class ConnectionQuotaTest {
    private static final StorageLimits LIMITS = new StorageLimits(1 << 20, 2, 4096);
    private final AddressQuotas quotas = new AddressQuotas(LIMITS, () -> 1_000, 16);
    private final String alice = ConnectionQuota.accountKey("alice-account-id");

    @Test
    void anAccountsQuota_followsItFromAddressToAddress() {
        assertTrue(new ConnectionQuota("10.0.0.1", alice, quotas).tryCreateNote());
        assertTrue(new ConnectionQuota("10.0.0.2", alice, quotas).tryCreateNote());

        assertFalse(new ConnectionQuota("10.0.0.3", alice, quotas).tryCreateNote(), "the account has used its two");
        assertTrue(new ConnectionQuota("10.0.0.3", null, quotas).tryCreateNote(),
                "the refusal gave the address back what it took");
    }

    @Test
    void aSharedAddress_limitsItsAccountsToo_andAnonymousConnectionsKeepTheAddressQuota() {
        assertTrue(new ConnectionQuota("10.0.0.1", null, quotas).tryStore(3000));

        assertFalse(new ConnectionQuota("10.0.0.1", alice, quotas).tryStore(2000), "the address would pass 4096");
        assertTrue(new ConnectionQuota("10.0.0.2", alice, quotas).tryStore(4096),
                "the account was not charged for the refused bytes");
        assertFalse(new ConnectionQuota("10.0.0.3", alice, quotas).tryStore(1), "and now it is full");
    }

    @Test
    void givingBack_returnsToBoth() {
        ConnectionQuota connection = new ConnectionQuota("10.0.0.1", alice, quotas);
        assertTrue(connection.tryStore(4096));

        connection.giveBackBytes(4096);

        assertTrue(new ConnectionQuota("10.0.0.2", alice, quotas).tryStore(4096));
        assertTrue(new ConnectionQuota("10.0.0.1", null, quotas).tryStore(4096));
    }
}
