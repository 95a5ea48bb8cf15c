package dev.vellum.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vellum.crypto.AuthenticationFailedException;
import dev.vellum.crypto.InvalidMessageException;
import dev.vellum.crypto.UnsupportedVersionException;
import dev.vellum.crypto.key.SymmetricKey;
import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.crypto.random.RandomSource;
import org.junit.jupiter.api.Test;

class NoteRevisionCipherTest {
    private static final RandomSource RANDOM = new JvmSecureRandomSource();

    private final NoteId noteId = NoteId.random(RANDOM);
    private final SymmetricKey key = SymmetricKey.generate(RANDOM);
    private final NoteRevisionCipher cipher = new NoteRevisionCipher(key, RANDOM);

    @Test
    void sealThenParseThenOpen_returnsText() throws Exception {
        EncryptedRevision sealed = cipher.seal(RevisionHeader.linkShared(noteId, 7), "Grüße, 世界 ✓");
        EncryptedRevision received = EncryptedRevision.parse(sealed.encode());

        assertEquals(noteId, received.header().noteId());
        assertEquals(7, received.header().revision());
        assertEquals("Grüße, 世界 ✓", cipher.open(received));
    }

    @Test
    void open_everyTamperedByte_throwsAuthenticationFailed() throws Exception {
        byte[] encoded = cipher.seal(RevisionHeader.linkShared(noteId, 1), "hello").encode();
        // Byte 0 is the version, which fails earlier as unsupported; every other byte must fail authentication.
        for (int i = 1; i < encoded.length; i++) {
            byte[] tampered = encoded.clone();
            tampered[i] ^= 0x40;
            EncryptedRevision parsed;
            try {
                parsed = EncryptedRevision.parse(tampered);
            } catch (InvalidMessageException e) {
                continue; // a tampered revision number can become non-positive; that is rejected at parse
            }
            assertThrows(AuthenticationFailedException.class, () -> cipher.open(parsed), "byte " + i);
        }
    }

    @Test
    void open_revisionMovedToAnotherNote_throws() throws Exception {
        byte[] encoded = cipher.seal(RevisionHeader.linkShared(noteId, 1), "hello").encode();
        byte[] otherNote = NoteId.random(RANDOM).toBytes();
        System.arraycopy(otherNote, 0, encoded, 17, otherNote.length);

        EncryptedRevision moved = EncryptedRevision.parse(encoded);

        assertThrows(AuthenticationFailedException.class, () -> cipher.open(moved));
    }

    @Test
    void open_withAnotherKey_throws() throws Exception {
        EncryptedRevision sealed = cipher.seal(RevisionHeader.linkShared(noteId, 1), "hello");
        NoteRevisionCipher stranger = new NoteRevisionCipher(SymmetricKey.generate(RANDOM), RANDOM);

        assertThrows(AuthenticationFailedException.class, () -> stranger.open(sealed));
    }

    @Test
    void parse_unknownVersion_throwsUnsupportedVersion() {
        byte[] encoded = cipher.seal(RevisionHeader.linkShared(noteId, 1), "hello").encode();
        encoded[0] = 2;

        UnsupportedVersionException e =
                assertThrows(UnsupportedVersionException.class, () -> EncryptedRevision.parse(encoded));
        assertEquals(2, e.version());
    }

    @Test
    void parse_tooShort_throwsInvalidMessage() {
        assertThrows(InvalidMessageException.class,
                () -> EncryptedRevision.parse(new byte[EncryptedRevision.MIN_LENGTH - 1]));
    }

    @Test
    void parse_nonPositiveRevision_throwsInvalidMessage() {
        byte[] encoded = cipher.seal(RevisionHeader.linkShared(noteId, 1), "hello").encode();
        encoded[53] = (byte) 0x80; // sign bit of the revision number

        assertThrows(InvalidMessageException.class, () -> EncryptedRevision.parse(encoded));
    }
}
