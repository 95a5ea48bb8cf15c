package dev.vellum.protocol.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vellum.testing.TestWorkspace;
import dev.vellum.testing.TestWorkspace.Person;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

/** The keyring against a real, verified membership log, as the browser uses it. */
class EpochKeyringLogTest {
    private final TestWorkspace scratch = new TestWorkspace();
    private final Person alice = scratch.person("alice");
    private final Person bob = scratch.person("bob");
    private final TestWorkspace workspace = TestWorkspace.createdBy(alice, "Team");

    @Test
    void followsTheLogsRotations_andWalksBackToTheGenesisKey() throws Exception {
        workspace.addMember(alice, bob, Role.EDITOR);
        EpochKeyring keyring = EpochKeyring.of(workspace.log);
        keyring.add(workspace.currentKey());
        EpochKey genesis = workspace.currentKey();
        EpochKey next = workspace.rotate(alice);

        assertThrows(MissingEpochKeyException.class, keyring::current);
        keyring.add(next);
        EpochKeyring bobs = EpochKeyring.of(workspace.log);
        bobs.add(next);
        bobs.addLink(EpochLink.seal(next, genesis, workspace.random));

        assertEquals(1, keyring.current().epoch());
        assertEquals(Hex.toHexString(genesis.key().exportBytes()),
                Hex.toHexString(bobs.forEpoch(0).key().exportBytes()));
    }

    @Test
    void aKeyOfAnEpochTheLogHasNotReached_isRefused() {
        EpochKeyring keyring = EpochKeyring.of(workspace.log);
        EpochKey ahead = EpochKey.generate(workspace.id, 1, workspace.random);

        EpochKeyMismatchException e = assertThrows(EpochKeyMismatchException.class, () -> keyring.add(ahead));
        assertEquals(1, e.epoch());
    }
}
