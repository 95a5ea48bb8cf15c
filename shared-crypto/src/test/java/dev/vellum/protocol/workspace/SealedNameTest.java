package dev.vellum.protocol.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.error.VellumCryptoException;
import dev.vellum.protocol.id.WorkspaceId;
import org.junit.jupiter.api.Test;

class SealedNameTest {
    private final RandomSource random = new JvmSecureRandomSource();
    private final WorkspaceId workspace = WorkspaceId.random(random);
    private final EpochKey key = EpochKey.generate(workspace, 3, random);

    @Test
    void aNameOpensUnderItsEpochKeyAfterARoundTrip() throws Exception {
        SealedName sealed = SealedName.parse(SealedName.seal(key, "Équipe ✓", random).encode());
        assertEquals("Équipe ✓", sealed.open(key));
        assertEquals(3, sealed.epoch());
    }

    @Test
    void anotherWorkspacesKeyOrAFlippedByteOpensNothing() throws Exception {
        byte[] encoded = SealedName.seal(key, "Team", random).encode();
        EpochKey sameBytesOtherWorkspace = new EpochKey(WorkspaceId.random(random), 3, key.key());
        assertThrows(VellumCryptoException.class, () -> SealedName.parse(encoded).open(sameBytesOtherWorkspace));
        for (int i = 4; i < encoded.length; i++) {
            byte[] tampered = encoded.clone();
            tampered[i] ^= 0x40;
            assertThrows(VellumCryptoException.class, () -> SealedName.parse(tampered).open(key), "byte " + i);
        }
    }

    @Test
    void emptyOrOverlongNamesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> SealedName.seal(key, "", random));
        assertThrows(IllegalArgumentException.class, () -> SealedName.seal(key, "x".repeat(101), random));
    }

    @Test
    void anEpochCommitmentMatchesOnlyItsOwnKeyWorkspaceAndEpoch() {
        assertTrue(key.matches(key.commitment()));
        assertFalse(EpochKey.generate(workspace, 3, random).matches(key.commitment()));
        assertFalse(new EpochKey(workspace, 4, key.key()).matches(key.commitment()));
        assertFalse(key.matches(new byte[32]));
    }
}
