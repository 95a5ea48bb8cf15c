package dev.vellum.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.AuthenticationFailedException;
import dev.vellum.crypto.InvalidMessageException;
import dev.vellum.crypto.InvalidSignatureException;
import dev.vellum.crypto.UnsupportedVersionException;
import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.crypto.random.RandomSource;
import org.junit.jupiter.api.Test;

class NoteRevisionCipherTest {
    private static final RandomSource RANDOM = new JvmSecureRandomSource();

    private final NoteKeys keys = NoteKeys.generate(RANDOM);
    private final NoteId noteId = keys.noteId();
    private final NoteRevisionCipher cipher = new NoteRevisionCipher(keys, RANDOM);

    @Test
    void sealThenParseThenOpen_returnsText() throws Exception {
        EncryptedRevision sealed = cipher.seal(RevisionHeader.linkShared(noteId, 7), utf8("Grüße, 世界 ✓"));
        EncryptedRevision received = EncryptedRevision.parse(sealed.encode());

        assertEquals(noteId, received.header().noteId());
        assertEquals(7, received.header().revision());
        received.verifyWriter();
        assertEquals("Grüße, 世界 ✓", text(cipher.open(received)));
    }

    @Test
    void keysFromTheSameSecret_giveTheSameNoteAndOpenEachOther() throws Exception {
        NoteKeys again = NoteKeys.fromSecret(keys.secret());
        EncryptedRevision sealed = cipher.seal(RevisionHeader.linkShared(noteId, 1), utf8("same secret"));

        assertEquals(noteId, again.noteId());
        assertEquals("same secret", text(new NoteRevisionCipher(again, RANDOM).open(sealed)));
        assertTrue(keys.toString().contains("redacted"));
    }

    @Test
    void everyTamperedByte_isRejectedBySignatureOrAuthentication() throws Exception {
        byte[] encoded = cipher.seal(RevisionHeader.linkShared(noteId, 1), utf8("hello")).encode();
        for (int i = 1; i < encoded.length; i++) {
            byte[] tampered = encoded.clone();
            tampered[i] ^= 0x01;
            int index = i;
            Exception e = assertThrows(Exception.class, () -> {
                EncryptedRevision parsed = EncryptedRevision.parse(tampered);
                parsed.verifyWriter();
                cipher.open(parsed);
            }, "byte " + index);
            assertTrue(e instanceof InvalidSignatureException || e instanceof InvalidMessageException,
                    "byte " + index + " gave " + e);
        }
    }

    @Test
    void revisionSignedByAnotherNotesKey_isRejectedByTheServerCheck() throws Exception {
        // A stranger who knows only the note id signs a revision for it with a key of their own.
        NoteKeys stranger = NoteKeys.generate(RANDOM);
        byte[] theirs = new NoteRevisionCipher(stranger, RANDOM)
                .seal(RevisionHeader.linkShared(stranger.noteId(), 2), utf8("vandalism")).encode();
        System.arraycopy(noteId.toBytes(), 0, theirs, 17, 16);

        EncryptedRevision forged = EncryptedRevision.parse(theirs);

        assertThrows(InvalidSignatureException.class, forged::verifyWriter);
        assertThrows(InvalidSignatureException.class, () -> cipher.open(forged));
    }

    @Test
    void sealForAnotherNote_isRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> cipher.seal(RevisionHeader.linkShared(NoteId.random(RANDOM), 1), utf8("wrong note")));
    }

    @Test
    void parse_unknownVersion_throwsUnsupportedVersion_evenWhenShort() {
        byte[] encoded = cipher.seal(RevisionHeader.linkShared(noteId, 1), utf8("hello")).encode();
        encoded[0] = 2;

        UnsupportedVersionException e =
                assertThrows(UnsupportedVersionException.class, () -> EncryptedRevision.parse(encoded));
        assertEquals(2, e.version());
        assertThrows(UnsupportedVersionException.class, () -> EncryptedRevision.parse(new byte[] {2, 0}));
    }

    @Test
    void parse_tooShortOrEmpty_throwsInvalidMessage() {
        byte[] tooShort = new byte[EncryptedRevision.MIN_LENGTH - 1];
        tooShort[0] = 1;
        assertThrows(InvalidMessageException.class, () -> EncryptedRevision.parse(tooShort));
        assertThrows(InvalidMessageException.class, () -> EncryptedRevision.parse(new byte[0]));
    }

    @Test
    void parse_nonPositiveRevision_throwsInvalidMessage() {
        byte[] encoded = cipher.seal(RevisionHeader.linkShared(noteId, 1), utf8("hello")).encode();
        encoded[53] = (byte) 0x80; // sign bit of the revision number

        assertThrows(InvalidMessageException.class, () -> EncryptedRevision.parse(encoded));
    }

    @Test
    void tamperingWithAValidlySignedRevision_isCaughtByAuthentication() throws Exception {
        // Even a holder of the write key who re-signs cannot make a changed ciphertext open.
        EncryptedRevision sealed = cipher.seal(RevisionHeader.linkShared(noteId, 1), utf8("hello"));
        byte[] body = sealed.encode();
        body[RevisionHeader.LENGTH + 30] ^= 1;
        EncryptedRevision resigned = EncryptedRevision.sign(RevisionHeader.linkShared(noteId, 1),
                java.util.Arrays.copyOfRange(body, RevisionHeader.LENGTH, body.length - 96), keys.writeKey());

        resigned.verifyWriter();
        assertThrows(AuthenticationFailedException.class, () -> cipher.open(resigned));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }
}
