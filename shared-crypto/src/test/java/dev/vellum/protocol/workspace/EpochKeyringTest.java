package dev.vellum.protocol.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.key.SymmetricKey;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

class EpochKeyringTest {
    private final TestEpochs epochs = new TestEpochs(3);
    private final EpochKeyring keyring = new EpochKeyring(epochs.workspaceId, epochs);

    @Test
    void theCurrentKey_isTheOneAddedForTheLogsCurrentEpoch() throws Exception {
        keyring.add(epochs.key(3));

        assertSame(epochs.key(3), keyring.current());
    }

    @Test
    void olderKeys_areReachedByWalkingLinksBack() throws Exception {
        keyring.add(epochs.key(3));
        for (int epoch = 1; epoch <= 3; epoch++) {
            keyring.addLink(epochs.link(epoch));
        }

        for (int epoch = 0; epoch <= 2; epoch++) {
            assertEquals(hex(epochs.key(epoch)), hex(keyring.forEpoch(epoch)), "epoch " + epoch);
        }
    }

    @Test
    void aKeyTheLogDoesNotCommitTo_isNotKept() throws Exception {
        EpochKey madeUp = EpochKey.generate(epochs.workspaceId, 3, epochs.random);

        assertThrows(EpochKeyMismatchException.class, () -> keyring.add(madeUp));
        assertThrows(MissingEpochKeyException.class, keyring::current);
    }

    @Test
    void aKeyOfAnotherWorkspaceOrOfAnEpochTheLogLacks_isNotKept() {
        TestEpochs other = new TestEpochs(3);
        assertThrows(EpochKeyMismatchException.class, () -> keyring.add(other.key(3)));
        EpochKey tooNew = EpochKey.generate(epochs.workspaceId, 4, epochs.random);
        assertThrows(EpochKeyMismatchException.class, () -> keyring.add(tooNew));
    }

    @Test
    void aKeyReplayedFromAnotherWorkspaceUnderThisOnesId_isNotKept() {
        // The server re-addresses another workspace's envelope; the commitment binds the workspace id too.
        TestEpochs other = new TestEpochs(3);
        EpochKey replayed = new EpochKey(epochs.workspaceId, 3, SymmetricKey.fromBytes(other.key(3).key()
                .exportBytes()));
        assertThrows(EpochKeyMismatchException.class, () -> keyring.add(replayed));
    }

    @Test
    void anOldKey_isNotTheCurrentOne_afterARotation() throws Exception {
        // A removed member's envelope for epoch 3 is all they get; the rotation to 4 leaves them without the key.
        keyring.add(epochs.key(3));
        epochs.rotate();

        MissingEpochKeyException e = assertThrows(MissingEpochKeyException.class, keyring::current);
        assertEquals(4, e.epoch());
    }

    @Test
    void aMissingLink_leavesOlderEpochsUnreadable() throws Exception {
        keyring.add(epochs.key(3));
        keyring.addLink(epochs.link(3));
        keyring.addLink(epochs.link(1));

        assertEquals(hex(epochs.key(2)), hex(keyring.forEpoch(2)));
        MissingEpochKeyException e = assertThrows(MissingEpochKeyException.class, () -> keyring.forEpoch(0));
        assertEquals(0, e.epoch());
    }

    @Test
    void aForgedLink_isRefused_andABetterCopyLaterIsUsed() throws Exception {
        keyring.add(epochs.key(3));
        keyring.addLink(EpochLink.seal(epochs.key(3), EpochKey.generate(epochs.workspaceId, 2, epochs.random),
                epochs.random));

        assertThrows(MissingEpochKeyException.class, () -> keyring.forEpoch(2));
        keyring.addLink(epochs.link(3));
        assertEquals(hex(epochs.key(2)), hex(keyring.forEpoch(2)));
    }

    @Test
    void noLaterKeyHeld_orNoSuchEpoch_isMissing() throws Exception {
        keyring.add(epochs.key(1));
        keyring.addLink(epochs.link(3));

        assertThrows(MissingEpochKeyException.class, () -> keyring.forEpoch(2));
        assertThrows(MissingEpochKeyException.class, () -> keyring.forEpoch(7));
        assertThrows(MissingEpochKeyException.class, () -> keyring.forEpoch(-1));
    }

    @Test
    void forgetBefore_destroysOlderKeysAndTheLinksToThem() throws Exception {
        keyring.add(epochs.key(3));
        for (int epoch = 1; epoch <= 3; epoch++) {
            keyring.addLink(epochs.link(epoch));
        }
        EpochKey two = keyring.forEpoch(2);
        EpochKey one = keyring.forEpoch(1);

        keyring.forgetBefore(2);

        assertTrue(one.key().isDestroyed());
        assertSame(two, keyring.forEpoch(2));
        assertThrows(MissingEpochKeyException.class, () -> keyring.forEpoch(1));
        assertThrows(MissingEpochKeyException.class, () -> keyring.forEpoch(0));
        assertTrue(keyring.toString().contains("redacted"));
    }

    private static String hex(EpochKey key) {
        return key.epoch() + ":" + Hex.toHexString(key.key().exportBytes());
    }
}
