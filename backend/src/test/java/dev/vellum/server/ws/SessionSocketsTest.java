package dev.vellum.server.ws;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.protocol.id.AccountId;
import dev.vellum.server.account.SessionEvents;
import org.junit.jupiter.api.Test;

/**
 * The handler reads {@link SessionSockets#endings()} before it looks a socket's session up and asks
 * {@link SessionSockets#endedSince} after registering the socket: an ending that arrived in between, when there was
 * no socket yet to close, must show, so that the handler looks the session up again.
 */
class SessionSocketsTest {
    private final SessionSockets sockets = new SessionSockets();
    private final SessionEvents.Ended someEnding =
            new SessionEvents.Ended(AccountId.random(new JvmSecureRandomSource()), null, null);

    @Test
    void anEndingBetweenTheLookupAndTheRegistration_isSeen() {
        long beforeLookup = sockets.endings();
        assertFalse(sockets.endedSince(beforeLookup), "nothing ended: no second lookup");

        sockets.end(someEnding); // no socket registered yet: nothing to close

        assertTrue(sockets.endedSince(beforeLookup));
        assertFalse(sockets.endedSince(sockets.endings()));
    }
}
