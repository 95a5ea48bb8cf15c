package dev.vellum.protocol.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.item.NoteItemKind;
import dev.vellum.protocol.item.SnapshotConfirmation;
import dev.vellum.protocol.item.UpdateHash;
import dev.vellum.protocol.seal.NoteItemCipher;
import dev.vellum.protocol.seal.NoteKeys;
import dev.vellum.protocol.wire.Frame;
import dev.vellum.protocol.wire.FrameCodec;
import dev.vellum.testing.TestAccount;
import dev.vellum.testing.TestAuthor;
import org.junit.jupiter.api.Test;

/** Who may confirm a snapshot, so that the server lets the updates it covers go: never its own author. */
class RelayRulesConfirmationTest {
    private static final long MAX = FrameCodec.MAX_REVISION;

    private final TestAccount alice = new TestAccount("alice", "correct horse battery staple");
    private final NoteKeys keys = NoteKeys.generate(alice.random);
    private final NoteId noteId = keys.noteId();
    private final TestAuthor forger = new TestAuthor(keys, alice.random);
    private final TestAuthor reader = new TestAuthor(keys, alice.random);
    private final StoredItem anonymousSnapshot = new StoredItem(2, 1L,
            forger.stored(forger.nextSnapshot(1, new byte[] {2})));

    @Test
    void anotherAuthorsConfirmation_counts_andSurvivesTheWire() throws Exception {
        SnapshotConfirmation confirmation = reader.confirm(2, anonymousSnapshot.item());

        Frame decoded = FrameCodec.decode(FrameCodec.encode(new Frame.ConfirmSnapshot(confirmation)));

        SnapshotConfirmation received = ((Frame.ConfirmSnapshot) decoded).confirmation();
        assertEquals(confirmation, received);
        assertNull(RelayRules.confirmationRefusal(noteId, anonymousSnapshot, received));
    }

    @Test
    void theSnapshotsOwnAuthor_cannotConfirmIt() {
        SnapshotConfirmation own = forger.confirm(2, anonymousSnapshot.item());

        assertEquals("a snapshot's own author cannot confirm it",
                RelayRules.confirmationRefusal(noteId, anonymousSnapshot, own));
    }

    @Test
    void aConfirmation_namesItsNoteRevisionAndItem_andCountsForNoOther() {
        SnapshotConfirmation confirmation = reader.confirm(2, anonymousSnapshot.item());
        StoredItem otherItemSameNumber = new StoredItem(2, 1L, forger.nextSnapshot(1, new byte[] {3}));

        assertNotNull(RelayRules.confirmationRefusal(noteId, otherItemSameNumber, confirmation), "another item");
        assertNotNull(RelayRules.confirmationRefusal(NoteId.random(alice.random), anonymousSnapshot, confirmation),
                "another note");
        assertNotNull(RelayRules.confirmationRefusal(noteId,
                new StoredItem(3, 1L, anonymousSnapshot.item()), confirmation), "another revision");
        assertNotNull(RelayRules.confirmationRefusal(noteId, null, confirmation), "no snapshot there");
        StoredItem update = new StoredItem(2, 1L, forger.seal(NoteItemKind.UPDATE, 0, 1, UpdateHash.NONE,
                new byte[] {1}));
        assertNotNull(RelayRules.confirmationRefusal(noteId, update, reader.confirm(2, update.item())), "an update");
    }

    @Test
    void aFlippedSignatureByte_isRefused() throws Exception {
        byte[] encoded = reader.confirm(2, anonymousSnapshot.item()).encode();
        encoded[encoded.length - 1] ^= 1;

        assertTrue(RelayRules.confirmationRefusal(noteId, anonymousSnapshot,
                SnapshotConfirmation.parse(encoded, MAX)).startsWith("the confirmation's signature"));
    }

    @Test
    void anAccountsSnapshot_isConfirmedOnlyByAnotherAccount() {
        NoteItemCipher aliceDevice = new NoteItemCipher(keys, alice.device, alice.certificate, alice.random);
        StoredItem snapshot = new StoredItem(2, 1L, aliceDevice.seal(NoteItemKind.SNAPSHOT, 1, 1, UpdateHash.NONE,
                new byte[] {2}));
        IdentityKeyPair secondDevice = IdentityKeyPair.generate(alice.random);
        NoteItemCipher aliceElsewhere = new NoteItemCipher(keys, secondDevice,
                alice.newDeviceCertificate(secondDevice), alice.random);
        TestAccount bob = new TestAccount("bob", "another correct horse battery");
        NoteItemCipher bobDevice = new NoteItemCipher(keys, bob.device, bob.certificate, bob.random);

        assertEquals("a snapshot's own account cannot confirm it",
                RelayRules.confirmationRefusal(noteId, snapshot, aliceElsewhere.confirm(2, snapshot.item())));
        assertEquals("a snapshot by an account is confirmed only by another account",
                RelayRules.confirmationRefusal(noteId, snapshot, reader.confirm(2, snapshot.item())));
        assertNull(RelayRules.confirmationRefusal(noteId, snapshot, bobDevice.confirm(2, snapshot.item())));
    }

    @Test
    void aCertificateForAnotherDevice_isRefusedWhenSigningAndWhenParsing() {
        IdentityKeyPair other = IdentityKeyPair.generate(alice.random);
        assertThrows(IllegalArgumentException.class, () -> SnapshotConfirmation.of(2, other.publicIdentity(),
                alice.certificate, new byte[64]));

        NoteItemCipher bobless = new NoteItemCipher(keys, alice.device, alice.certificate, alice.random);
        byte[] encoded = bobless.confirm(2, anonymousSnapshot.item()).encode();
        System.arraycopy(other.publicIdentity().toBytes(), 0, encoded, 8, 64); // claim another key
        assertThrows(InvalidMessageException.class, () -> SnapshotConfirmation.parse(encoded, MAX));
    }

    @Test
    void aRevisionOutOfRange_orTrailingBytes_areMalformed() {
        byte[] encoded = reader.confirm(2, anonymousSnapshot.item()).encode();
        byte[] zero = encoded.clone();
        java.util.Arrays.fill(zero, 0, 8, (byte) 0);
        byte[] longer = java.util.Arrays.copyOf(encoded, encoded.length + 1);

        assertThrows(InvalidMessageException.class, () -> SnapshotConfirmation.parse(zero, MAX));
        assertThrows(InvalidMessageException.class, () -> SnapshotConfirmation.parse(longer, MAX));
        assertThrows(InvalidMessageException.class, () -> SnapshotConfirmation.parse(new byte[10], MAX));
    }
}
