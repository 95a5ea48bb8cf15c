package dev.vellum.client.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.seal.NoteKeys;
import org.junit.jupiter.api.Test;

class NoteLinkTest {
    private final JvmSecureRandomSource random = new JvmSecureRandomSource();
    private final NoteKeys keys = NoteKeys.generate(random);
    private final String secret = keys.secret().toBase64Url();

    @Test
    void pathWithKey_parsesBackToSameNoteAndSecret() throws Exception {
        String url = NoteLink.of(keys).pathWithKey();
        int hash = url.indexOf('#');

        NoteLink parsed = NoteLink.parse(url.substring(0, hash), url.substring(hash));

        assertEquals(keys.noteId(), parsed.noteId());
        assertEquals(secret, parsed.keysFor(keys.noteId()).secret().toBase64Url());
    }

    @Test
    void secretIsOnlyInFragment_notInPathNorToString() {
        NoteLink link = NoteLink.of(keys);

        assertFalse(link.path().contains(secret));
        assertFalse(link.toString().contains(secret));
        assertTrue(link.pathWithKey().endsWith("#" + secret));
    }

    @Test
    void parse_missingKey_explainsWhatIsMissing() {
        InvalidNoteLinkException e =
                assertThrows(InvalidNoteLinkException.class, () -> NoteLink.parse("/n/" + keys.noteId(), ""));
        assertEquals("This link has no key: the part after # is missing.", e.getMessage());
    }

    @Test
    void parse_truncatedKey_throws() {
        String truncated = "#" + secret.substring(0, 30);
        assertThrows(InvalidNoteLinkException.class, () -> NoteLink.parse("/n/" + keys.noteId(), truncated));
    }

    @Test
    void parse_secretOfAnotherNote_isCaughtBeforeAnythingIsFetched() {
        String otherSecret = "#" + NoteKeys.generate(random).secret().toBase64Url();

        InvalidNoteLinkException e = assertThrows(InvalidNoteLinkException.class,
                () -> NoteLink.parse("/n/" + keys.noteId(), otherSecret));
        assertTrue(e.getMessage().contains("does not belong to its note"), e.getMessage());
    }

    @Test
    void parse_malformedNoteId_throws() {
        assertThrows(InvalidNoteLinkException.class, () -> NoteLink.parse("/n/nope", "#" + secret));
    }

    @Test
    void keysFor_anotherNote_throws() throws Exception {
        NoteLink link = NoteLink.of(keys);

        assertSame(keys, link.keysFor(keys.noteId()));
        assertThrows(MissingNoteKeyException.class, () -> link.keysFor(NoteId.random(random)));
    }
}
