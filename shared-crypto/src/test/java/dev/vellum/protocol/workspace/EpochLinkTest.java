package dev.vellum.protocol.workspace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.key.SymmetricKey;
import dev.vellum.error.AuthenticationFailedException;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.id.WorkspaceId;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

class EpochLinkTest {
    private final TestEpochs epochs = new TestEpochs(3);

    @Test
    void sealedLink_opensWithTheNextKey_toThePreviousKeyTheLogCommitsTo() throws Exception {
        EpochLink link = EpochLink.parse(epochs.link(3).encode());

        EpochKey opened = link.open(epochs.key(3), epochs.key(2).commitment());

        assertEquals(3, link.epoch());
        assertEquals(2, opened.epoch());
        assertEquals(epochs.workspaceId, opened.workspaceId());
        assertEquals(Hex.toHexString(epochs.key(2).key().exportBytes()), Hex.toHexString(opened.key().exportBytes()));
        assertEquals(EpochLink.LENGTH, link.encode().length);
    }

    @Test
    void everyFlippedByte_isRefused() {
        byte[] encoded = epochs.link(2).encode();
        for (int i = 0; i < encoded.length; i++) {
            byte[] tampered = encoded.clone();
            tampered[i] ^= 0x01;
            int index = i;
            Exception e = assertThrows(Exception.class,
                    () -> EpochLink.parse(tampered).open(epochs.key(2), epochs.key(1).commitment()), "byte " + i);
            assertTrue(e instanceof InvalidMessageException || e instanceof AuthenticationFailedException,
                    "byte " + index + " gave " + e);
        }
    }

    @Test
    void anotherKeyOfTheSameEpoch_cannotOpenIt() throws Exception {
        EpochLink link = epochs.link(2);
        EpochKey stranger = EpochKey.generate(epochs.workspaceId, 2, epochs.random);

        assertThrows(AuthenticationFailedException.class, () -> link.open(stranger, epochs.key(1).commitment()));
    }

    @Test
    void theSameKeyBytesInAnotherWorkspace_cannotOpenIt() {
        EpochLink link = epochs.link(2);
        EpochKey elsewhere = new EpochKey(WorkspaceId.fromBytes(new byte[16]), 2,
                SymmetricKey.fromBytes(epochs.key(2).key().exportBytes()));

        assertThrows(AuthenticationFailedException.class, () -> link.open(elsewhere, epochs.key(1).commitment()));
    }

    @Test
    void aKeyOfAnotherEpoch_isRefusedBeforeDecrypting() {
        EpochLink link = epochs.link(2);

        assertThrows(InvalidMessageException.class, () -> link.open(epochs.key(3), epochs.key(1).commitment()));
    }

    @Test
    void relabelledEpoch_doesNotOpen_evenWithTheKeyOfTheClaimedEpoch() {
        // The epoch is bound as associated data and in nothing else, so a relabelled link must fail there.
        EpochKey sameBytesAsEpoch3 = new EpochKey(epochs.workspaceId, 3,
                SymmetricKey.fromBytes(epochs.key(2).key().exportBytes()));
        byte[] relabelled = epochs.link(2).encode();
        relabelled[3] = 3;

        assertThrows(AuthenticationFailedException.class,
                () -> EpochLink.parse(relabelled).open(sameBytesAsEpoch3, epochs.key(2).commitment()));
    }

    @Test
    void aLinkToAKeyTheLogDoesNotCommitTo_isRefused() {
        // A member holding key 2 seals a key of their own making as epoch 1.
        EpochKey madeUp = EpochKey.generate(epochs.workspaceId, 1, epochs.random);
        EpochLink forged = EpochLink.seal(epochs.key(2), madeUp, epochs.random);

        EpochKeyMismatchException e = assertThrows(EpochKeyMismatchException.class,
                () -> forged.open(epochs.key(2), epochs.key(1).commitment()));
        assertEquals(1, e.epoch());
    }

    @Test
    void parse_wrongLengthOrEpochBelowOne_isRefused() {
        byte[] encoded = epochs.link(1).encode();
        assertThrows(InvalidMessageException.class, () -> EpochLink.parse(new byte[EpochLink.LENGTH - 1]));
        assertThrows(InvalidMessageException.class, () -> EpochLink.parse(new byte[EpochLink.LENGTH + 1]));
        byte[] epochZero = encoded.clone();
        epochZero[3] = 0;
        assertThrows(InvalidMessageException.class, () -> EpochLink.parse(epochZero));
        byte[] negative = encoded.clone();
        negative[0] = (byte) 0x80;
        assertThrows(InvalidMessageException.class, () -> EpochLink.parse(negative));
    }

    @Test
    void sealing_keysOfTwoWorkspacesOrNonConsecutiveEpochs_isRefused() {
        TestEpochs other = new TestEpochs(1);
        assertThrows(IllegalArgumentException.class,
                () -> EpochLink.seal(epochs.key(1), other.key(0), epochs.random));
        assertThrows(IllegalArgumentException.class,
                () -> EpochLink.seal(epochs.key(3), epochs.key(1), epochs.random));
    }

    @Test
    void encode_isACopy() {
        EpochLink link = epochs.link(1);
        byte[] first = link.encode();
        first[0] = 9;
        assertArrayEquals(new byte[] {0, 0, 0, 1}, java.util.Arrays.copyOf(link.encode(), 4));
    }
}
