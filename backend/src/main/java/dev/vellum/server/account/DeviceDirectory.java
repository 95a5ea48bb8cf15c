package dev.vellum.server.account;

import dev.vellum.crypto.sign.Ed25519PublicKey;
import dev.vellum.protocol.account.DeviceCertificate;
import dev.vellum.protocol.wire.ErrorCode;
import dev.vellum.server.account.JdbcAccountRepository.DeviceStanding;
import io.vertx.core.Future;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Decides whether an item signed by an account's device may be stored: the connection sending it must be that
 * device's session (checked first, from what the socket already knows, so an anonymous socket's self-made
 * certificates never make the server read its database), and its (already verified) certificate must name an
 * account that exists with that username and identity key (an identity can sign a certificate under any name, and
 * readers show the name), with the device registered to it and not revoked. Standings are looked up on the database
 * workers and cached (bounded); a session ending (revocation, deletion) drops them, so a revoked device is refused
 * from then on.
 */
public final class DeviceDirectory {
    static final int MAX_CACHED = 10_000;

    private final Function<Ed25519PublicKey, Future<Optional<DeviceStanding>>> lookup;
    private final Map<Ed25519PublicKey, DeviceStanding> cache = new ConcurrentHashMap<>();
    /** Counts invalidations, so a lookup that raced one does not put back what it dropped. */
    private final AtomicLong generation = new AtomicLong();

    public DeviceDirectory(AccountStore store) {
        this(store::deviceStanding);
    }

    /** @param lookup a device's standing from the database */
    DeviceDirectory(Function<Ed25519PublicKey, Future<Optional<DeviceStanding>>> lookup) {
        this.lookup = lookup;
    }

    /**
     * @param session the connection's session, {@code null} for an anonymous one
     * @return {@code null} if the item may be stored, else why not
     */
    public Future<ErrorCode> check(DeviceCertificate credential, ActiveSession session) {
        Ed25519PublicKey device = credential.device().signingKey();
        if (session == null || !session.accountId().equals(credential.accountId())
                || !session.device().equals(device)) {
            return Future.succeededFuture(ErrorCode.NOT_THIS_SESSION);
        }
        DeviceStanding cached = cache.get(device);
        if (cached != null) {
            return Future.succeededFuture(verdict(credential, cached));
        }
        long seen = generation.get();
        return lookup.apply(device).map(found -> {
            found.ifPresent(standing -> remember(device, standing, seen));
            return verdict(credential, found.orElse(null));
        });
    }

    private void remember(Ed25519PublicKey device, DeviceStanding standing, long seen) {
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(device, standing);
        if (generation.get() != seen) {
            cache.remove(device); // dropped meanwhile: what was read may be older than the drop
        }
    }

    private static ErrorCode verdict(DeviceCertificate credential, DeviceStanding standing) {
        if (standing == null || !standing.accountId().equals(credential.accountId())
                || !standing.username().equals(credential.username().value())
                || !standing.identity().equals(credential.identity())) {
            return ErrorCode.UNKNOWN_DEVICE;
        }
        return standing.revoked() ? ErrorCode.DEVICE_REVOKED : null;
    }

    /** Drops what the ending may have changed: the device's standing, or all of the account's. */
    public void forget(SessionEvents.Ended ended) {
        generation.incrementAndGet();
        if (ended.device() != null) {
            cache.remove(ended.device());
        } else {
            cache.values().removeIf(standing -> standing.accountId().equals(ended.accountId()));
        }
    }
}
