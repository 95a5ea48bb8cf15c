package dev.vellum.client.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.protocol.workspace.LogHead;
import dev.vellum.protocol.workspace.MembershipLog;
import dev.vellum.protocol.workspace.MembershipLogException;
import dev.vellum.protocol.workspace.MembershipLogException.Reason;
import dev.vellum.protocol.workspace.Role;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogHeadPinsTest {
    private final Map<String, String> stored = new HashMap<>();
    private final LogHeadPins pins = new LogHeadPins(new LogHeadPins.Storage() {
        @Override
        public String get(String key) {
            return stored.get(key);
        }

        @Override
        public void put(String key, String value) {
            stored.put(key, value);
        }
    });

    /** A real two-entry log (genesis, an invitation) made through the client. */
    private List<byte[]> twoEntries(Workspaces world, WorkspaceId[] id) {
        Workspaces.Person alice = world.person("alice");
        Workspaces.Person bob = world.person("bob");
        id[0] = Workspaces.ok((done, failed) -> alice.actions().createWorkspace("Plans", done, failed));
        Invitee invitee = Workspaces.ok((done, failed) -> alice.actions().lookUp("bob", done, failed));
        Workspaces.<OpenedWorkspace>ok((done, failed) -> alice.actions().invite(alice.open(id[0]), invitee,
                Role.VIEWER, done, failed));
        return world.server.workspaces.get(id[0]).entries;
    }

    @Test
    void pinsMoveForwardOnly_andAShorterLogIsARollback() throws Exception {
        WorkspaceId[] id = new WorkspaceId[1];
        List<byte[]> entries = twoEntries(new Workspaces(), id);
        MembershipLog full = MembershipLog.verifyEncoded(id[0], entries);
        MembershipLog genesis = MembershipLog.verifyEncoded(id[0], entries.subList(0, 1));
        assertEquals(LogHead.EMPTY, pins.pinned(id[0]));
        pins.checkAndAdvance(full);
        assertEquals(full.head(), pins.pinned(id[0]));
        MembershipLogException rollback = assertThrows(MembershipLogException.class,
                () -> pins.checkAndAdvance(genesis));
        assertEquals(Reason.ROLLBACK, rollback.reason());
        assertEquals(full.head(), pins.pinned(id[0]));
        pins.pinClaimed(id[0], genesis.head()); // lower than the pin: changes nothing
        assertEquals(full.head(), pins.pinned(id[0]));
    }

    @Test
    void aDamagedPin_readsAsNone() {
        WorkspaceId id = WorkspaceId.random(new dev.vellum.crypto.random.JvmSecureRandomSource());
        stored.put(LogHeadPins.KEY_PREFIX + id, "not base64url!");
        assertEquals(LogHead.EMPTY, pins.pinned(id));
    }
}
