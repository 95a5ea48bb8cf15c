package dev.vellum.server.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.protocol.account.DeviceCertificate;
import dev.vellum.protocol.account.SessionSecret;
import dev.vellum.protocol.wire.ErrorCode;
import dev.vellum.server.account.JdbcAccountRepository.DeviceStanding;
import dev.vellum.testing.TestAccount;
import io.vertx.core.Future;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The socket's session is checked before the database is read; a session's own device is then looked up once. */
class DeviceDirectoryTest {
    private final TestAccount alice = new TestAccount("alice", "alice's passphrase");
    private final AtomicInteger lookups = new AtomicInteger();
    private volatile boolean revoked;
    private final DeviceDirectory directory = new DeviceDirectory(device -> {
        lookups.incrementAndGet();
        return Future.succeededFuture(Optional.of(new DeviceStanding(alice.accountId, alice.username.value(),
                alice.identity.publicIdentity(), revoked)));
    });

    private ActiveSession sessionOf(IdentityKeyPair device) {
        return new ActiveSession(new byte[32], alice.accountId, alice.username,
                device.publicIdentity().signingKey(), SessionSecret.random(alice.random));
    }

    @Test
    void anAnonymousSocket_orAnotherDevicesSession_isRefused_withoutReadingTheDatabase() {
        DeviceCertificate selfMade = new TestAccount("mallory", "x").certificate;

        assertEquals(ErrorCode.NOT_THIS_SESSION, directory.check(alice.certificate, null).result());
        assertEquals(ErrorCode.NOT_THIS_SESSION, directory.check(selfMade, null).result());
        assertEquals(ErrorCode.NOT_THIS_SESSION, directory.check(alice.certificate,
                sessionOf(IdentityKeyPair.generate(alice.random))).result());
        assertEquals(0, lookups.get());
    }

    @Test
    void theSessionsOwnDevice_isLookedUpOnce_thenCached() {
        ActiveSession session = sessionOf(alice.device);

        assertNull(directory.check(alice.certificate, session).result());
        assertNull(directory.check(alice.certificate, session).result());
        assertEquals(1, lookups.get());
    }

    @Test
    void aRevokedDevice_isRefused_onceItsEndingDropsTheCachedStanding() {
        ActiveSession session = sessionOf(alice.device);
        assertNull(directory.check(alice.certificate, session).result());
        revoked = true;

        directory.forget(new SessionEvents.Ended(alice.accountId, alice.device.publicIdentity().signingKey(), null));

        assertEquals(ErrorCode.DEVICE_REVOKED, directory.check(alice.certificate, session).result());
    }
}
