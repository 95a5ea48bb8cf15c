package dev.vellum.server.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.server.config.StorageLimits;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AddressQuotasTest {
    private static final StorageLimits LIMITS = new StorageLimits(1 << 20, 2, 4096);
    private long now = 1_000;
    private final AddressQuotas quotas = new AddressQuotas(LIMITS, () -> now, 4);

    @Test
    void newNotes_pastTheHourlyQuota_areRefused_perAddress() {
        assertTrue(quotas.tryCreateNote("10.0.0.1"));
        assertTrue(quotas.tryCreateNote("10.0.0.1"));

        assertFalse(quotas.tryCreateNote("10.0.0.1"));
        assertTrue(quotas.tryCreateNote("10.0.0.2"), "another address has its own quota");
    }

    @Test
    void quota_refillsOverTheHour() {
        quotas.tryCreateNote("10.0.0.1");
        quotas.tryCreateNote("10.0.0.1");

        now += TimeUnit.MINUTES.toNanos(31);

        assertTrue(quotas.tryCreateNote("10.0.0.1"), "half an hour gives back one of two");
        assertFalse(quotas.tryCreateNote("10.0.0.1"));
    }

    @Test
    void bytes_pastTheHourlyQuota_areRefused_andGivenBackWhenNotStored() {
        assertTrue(quotas.tryStore("10.0.0.1", 3000));
        assertFalse(quotas.tryStore("10.0.0.1", 2000), "would pass 4096");

        quotas.giveBackBytes("10.0.0.1", 3000);

        assertTrue(quotas.tryStore("10.0.0.1", 4096));
    }

    @Test
    void manyAddresses_areForgottenPastTheBound_soMemoryStaysBounded() {
        for (int i = 0; i < 1000; i++) {
            quotas.tryStore("10.0." + (i / 256) + "." + (i % 256), 100);
        }

        assertTrue(quotas.trackedAddresses() <= 4, "tracked " + quotas.trackedAddresses());
    }

    @Test
    void anAddressAtItsQuota_isKept_whileAddressesWhoseBucketsRefilledAreForgotten() {
        for (int i = 0; i < 3; i++) {
            quotas.tryStore("quiet-" + i, 1);
        }
        now += TimeUnit.HOURS.toNanos(2); // the quiet ones are full again
        quotas.tryCreateNote("abuser");
        quotas.tryCreateNote("abuser");

        quotas.tryStore("newcomer", 1);

        assertEquals(2, quotas.trackedAddresses(), "the three refilled addresses went");
        assertFalse(quotas.tryCreateNote("abuser"), "forgetting addresses did not reset the abuser's quota");
    }
}
