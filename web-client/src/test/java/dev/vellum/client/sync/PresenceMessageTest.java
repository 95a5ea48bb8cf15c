package dev.vellum.client.sync;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vellum.client.crdt.CharId;
import dev.vellum.client.crdt.ReplicaId;
import dev.vellum.error.InvalidMessageException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PresenceMessageTest {
    private static final ReplicaId REPLICA = ReplicaId.of(new byte[] {1, 2, 3});
    private static final CharId AT = new CharId(REPLICA, 7);

    @Test
    void anonymousPresence_isVersion1_asBeforeAccounts() throws InvalidMessageException {
        PresenceMessage message = new PresenceMessage(REPLICA, "Amber Fox", 3, null, AT, null, null);
        byte[] encoded = message.encode();

        assertEquals(1, encoded[0]);
        assertEquals(message, PresenceMessage.decode(encoded));
        assertNull(PresenceMessage.decode(encoded).credential());
    }

    @Test
    void loggedInPresence_isVersion2_andCarriesTheCertificateBytes() throws InvalidMessageException {
        byte[] certificate = {9, 8, 7, 6};
        PresenceMessage message = new PresenceMessage(REPLICA, "alice", 1, AT, AT, certificate, null);
        byte[] encoded = message.encode();

        assertEquals(2, encoded[0]);
        PresenceMessage decoded = PresenceMessage.decode(encoded);
        assertEquals(message, decoded);
        assertArrayEquals(certificate, decoded.credential());
    }

    @Test
    void version2WithoutACertificate_orWithTrailingBytes_isRefused() {
        byte[] anonymous = new PresenceMessage(REPLICA, "x", 1, null, null, null, null).encode();
        byte[] emptyCertificate = Arrays.copyOf(anonymous, anonymous.length + 2);
        emptyCertificate[0] = 2;
        byte[] trailing = Arrays.copyOf(new PresenceMessage(REPLICA, "x", 1, null, null, new byte[] {5}, null).encode(),
                anonymous.length + 4);

        assertThrows(InvalidMessageException.class, () -> PresenceMessage.decode(emptyCertificate));
        assertThrows(InvalidMessageException.class, () -> PresenceMessage.decode(trailing));
    }
}
