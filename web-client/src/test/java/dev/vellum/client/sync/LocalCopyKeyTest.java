package dev.vellum.client.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.client.sync.SyncRoom.Person;
import dev.vellum.crypto.aead.XChaCha20Poly1305;
import dev.vellum.crypto.hash.Hkdf;
import dev.vellum.crypto.hash.Label;
import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.key.SymmetricKey;
import dev.vellum.error.AuthenticationFailedException;
import dev.vellum.protocol.seal.NoteItemCipher;
import org.junit.jupiter.api.Test;

/**
 * The copy kept in IndexedDB is sealed under the note's local-copy key now. Copies kept before, under the note's
 * encryption key, hold people's offline edits: they are still restored, and saved again under the new key.
 */
class LocalCopyKeyTest {
    private final SyncRoom room = new SyncRoom();
    private final Person alice = room.open("Alice");
    private final Person bob = room.open("Bob");

    @Test
    void copyKeptTheOldWay_withOfflineEdits_isRestoredAndSentAndSavedTheNewWay() throws Exception {
        alice.connect();
        alice.deliver();
        alice.type(0, "saved ");
        alice.deliver();
        alice.goOffline();
        alice.type(6, "typed offline");
        byte[] keptTheOldWay = resealUnderTheEncryptionKey(alice.sync.exportLocalState(SyncRoom.KEPT_COPIES));

        Person reloaded = room.open("Alice");
        assertTrue(reloaded.sync.restoreLocalState(keptTheOldWay, SyncRoom.KEPT_COPIES));
        assertEquals("saved typed offline", reloaded.text());
        reloaded.connect();
        reloaded.deliver();
        bob.connect();
        bob.deliver();
        assertEquals("saved typed offline", bob.text(), "the offline edits reached the others");

        byte[] savedNow = reloaded.sync.exportLocalState(SyncRoom.KEPT_COPIES);
        assertThrows(AuthenticationFailedException.class,
                () -> encryptionKeyAead().decrypt(savedNow, associatedData()), "saved again under the new key");
        assertTrue(room.open("Alice").sync.restoreLocalState(savedNow, SyncRoom.KEPT_COPIES));
    }

    /** What this version would have written before the local-copy key: the same bytes under the encryption key. */
    private byte[] resealUnderTheEncryptionKey(byte[] sealedTheNewWay) throws Exception {
        NoteItemCipher cipher = new NoteItemCipher(room.keys, IdentityKeyPair.generate(room.random), room.random);
        byte[] state = cipher.openLocalState(sealedTheNewWay, SyncRoom.KEPT_COPIES);
        return encryptionKeyAead().encrypt(state, associatedData());
    }

    private XChaCha20Poly1305 encryptionKeyAead() {
        byte[] key = Hkdf.derive(room.keys.secret(), new byte[0], Label.NOTE_ENCRYPTION_KEY, SymmetricKey.LENGTH);
        return new XChaCha20Poly1305(SymmetricKey.fromBytes(key), room.random);
    }

    private byte[] associatedData() {
        return Label.LOCAL_STATE_AD.prefix(room.keys.noteId().toBytes());
    }
}
