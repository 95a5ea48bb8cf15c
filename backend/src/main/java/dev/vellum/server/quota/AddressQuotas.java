package dev.vellum.server.quota;

import dev.vellum.server.config.StorageLimits;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * What each remote IP address may still store: new notes, and bytes of items, each as a bucket refilled by the hour
 * (one client made 10,183 notes in 30 s and stored 1.8 GB a minute). Held in memory and bounded: at most
 * {@link #MAX_ADDRESSES} addresses are tracked; past that, addresses whose buckets have refilled go first, then the
 * least recently seen (which then starts afresh: an attacker would need that many addresses, and each of them is held
 * to the same quota). Shared by every event loop, so synchronized; each call is a few map operations.
 */
public final class AddressQuotas {
    /** About 100 bytes each: a few megabytes at most. */
    public static final int MAX_ADDRESSES = 65_536;
    private static final long HOUR_NANOS = TimeUnit.HOURS.toNanos(1);

    private final StorageLimits limits;
    private final LongSupplier nanoClock;
    private final int maxAddresses;
    /** In access order: the least recently seen address first. */
    private final LinkedHashMap<String, Buckets> byAddress = new LinkedHashMap<>(16, 0.75f, true);

    public AddressQuotas(StorageLimits limits) {
        this(limits, System::nanoTime, MAX_ADDRESSES);
    }

    AddressQuotas(StorageLimits limits, LongSupplier nanoClock, int maxAddresses) {
        this.limits = limits;
        this.nanoClock = nanoClock;
        this.maxAddresses = maxAddresses;
    }

    /** One address's buckets. */
    private static final class Buckets {
        final TokenBucket notes;
        final TokenBucket bytes;

        Buckets(StorageLimits limits, long now) {
            notes = new TokenBucket(limits.notesPerAddressPerHour(), HOUR_NANOS, now);
            bytes = new TokenBucket(limits.storedBytesPerAddressPerHour(), HOUR_NANOS, now);
        }
    }

    /** Takes one new note from the address's quota; false, taking nothing, if it has none left this hour. */
    public synchronized boolean tryCreateNote(String address) {
        long now = nanoClock.getAsLong();
        return buckets(address, now).notes.tryTake(1, now);
    }

    /** Gives back a note taken for an item that did not create one (the note existed, or the item was refused). */
    public synchronized void giveBackNote(String address) {
        Buckets buckets = byAddress.get(address);
        if (buckets != null) {
            buckets.notes.giveBack(1);
        }
    }

    /** Takes {@code bytes} from the address's quota; false, taking nothing, if that is more than it has left. */
    public synchronized boolean tryStore(String address, long bytes) {
        long now = nanoClock.getAsLong();
        return buckets(address, now).bytes.tryTake(bytes, now);
    }

    /** Gives back bytes taken for an item that was not stored. */
    public synchronized void giveBackBytes(String address, long bytes) {
        Buckets buckets = byAddress.get(address);
        if (buckets != null) {
            buckets.bytes.giveBack(bytes);
        }
    }

    /** Addresses tracked now. */
    public synchronized int trackedAddresses() {
        return byAddress.size();
    }

    private Buckets buckets(String address, long now) {
        Buckets buckets = byAddress.get(address);
        if (buckets == null) {
            if (byAddress.size() >= maxAddresses) {
                evict(now);
            }
            buckets = new Buckets(limits, now);
            byAddress.put(address, buckets);
        }
        return buckets;
    }

    /**
     * Forgets the addresses whose buckets are full again (they lose nothing), from the least recently seen, in a
     * bounded sweep; if none of those is, the least recently seen address.
     */
    private void evict(long now) {
        int looked = 0;
        for (Iterator<Map.Entry<String, Buckets>> it = byAddress.entrySet().iterator();
             it.hasNext() && looked < 64; looked++) {
            Buckets buckets = it.next().getValue();
            if (buckets.notes.isFull(now) && buckets.bytes.isFull(now)) {
                it.remove();
            }
        }
        if (byAddress.size() >= maxAddresses) {
            Iterator<String> eldest = byAddress.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
    }
}
