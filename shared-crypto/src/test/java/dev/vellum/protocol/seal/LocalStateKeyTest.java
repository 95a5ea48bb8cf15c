package dev.vellum.protocol.seal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vellum.crypto.aead.JavaXChaCha20Poly1305Arrays;
import dev.vellum.crypto.aead.XChaCha20Poly1305;
import dev.vellum.crypto.hash.Label;
import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.error.AuthenticationFailedException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The kept copy is sealed under its own key now; copies kept before, with offline edits in them, still open. */
class LocalStateKeyTest {
    private static final RandomSource RANDOM = new JvmSecureRandomSource();
    private static final JavaXChaCha20Poly1305Arrays KEPT = new JavaXChaCha20Poly1305Arrays(RANDOM);

    private final NoteKeys keys = NoteKeys.generate(RANDOM);
    private final NoteItemCipher cipher = new NoteItemCipher(keys, IdentityKeyPair.generate(RANDOM), RANDOM);
    private final byte[] state = "offline edits".getBytes(StandardCharsets.UTF_8);

    @Test
    void newCopy_opens() throws Exception {
        assertArrayEquals(state, cipher.openLocalState(cipher.sealLocalState(state, KEPT), KEPT));
    }

    @Test
    void copySealedTheOldWay_underTheEncryptionKey_stillOpens() throws Exception {
        assertArrayEquals(state, cipher.openLocalState(sealedTheOldWay(keys), KEPT));
    }

    @Test
    void newCopy_isNotSealedUnderTheEncryptionKey() {
        byte[] sealed = cipher.sealLocalState(state, KEPT);
        XChaCha20Poly1305 old = new XChaCha20Poly1305(keys.encryptionKey(), RANDOM);

        assertThrows(AuthenticationFailedException.class,
                () -> old.decrypt(sealed, Label.LOCAL_STATE_AD.prefix(keys.noteId().toBytes())));
    }

    @Test
    void anotherNotesCopy_sealedEitherWay_doesNotOpen() {
        NoteKeys other = NoteKeys.generate(RANDOM);
        NoteItemCipher theirs = new NoteItemCipher(other, IdentityKeyPair.generate(RANDOM), RANDOM);

        assertThrows(AuthenticationFailedException.class,
                () -> cipher.openLocalState(theirs.sealLocalState(state, KEPT), KEPT));
        assertThrows(AuthenticationFailedException.class, () -> cipher.openLocalState(sealedTheOldWay(other), KEPT));
    }

    @Test
    void presence_cannotBeOpenedAsALocalCopy() {
        byte[] presence = cipher.sealPresence(state, 1);

        assertThrows(AuthenticationFailedException.class, () -> cipher.openLocalState(presence, KEPT));
    }

    /** How copies were sealed before the local-copy key: under the note's encryption key. */
    private byte[] sealedTheOldWay(NoteKeys of) {
        return new XChaCha20Poly1305(of.encryptionKey(), RANDOM)
                .encrypt(state, Label.LOCAL_STATE_AD.prefix(of.noteId().toBytes()));
    }
}
