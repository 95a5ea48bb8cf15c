package dev.vellum.client.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vellum.crypto.key.SymmetricKey;
import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.protocol.NoteId;
import org.junit.jupiter.api.Test;

class NoteLinkTest {
    private final JvmSecureRandomSource random = new JvmSecureRandomSource();
    private final NoteId noteId = NoteId.random(random);
    private final SymmetricKey key = SymmetricKey.generate(random);

    @Test
    void pathWithKey_parsesBackToSameNoteAndKey() throws Exception {
        String url = NoteLink.of(noteId, key).pathWithKey();
        int hash = url.indexOf('#');

        NoteLink parsed = NoteLink.parse(url.substring(0, hash), url.substring(hash));

        assertEquals(noteId, parsed.noteId());
        assertArrayEquals(key.exportBytes(), parsed.keyFor(noteId).exportBytes());
    }

    @Test
    void keyIsOnlyInFragment_notInPath() {
        NoteLink link = NoteLink.of(noteId, key);

        assertFalse(link.path().contains(key.toBase64Url()));
        assertFalse(link.toString().contains(key.toBase64Url()));
    }

    @Test
    void parse_missingKey_explainsWhatIsMissing() {
        InvalidNoteLinkException e =
                assertThrows(InvalidNoteLinkException.class, () -> NoteLink.parse("/n/" + noteId, ""));
        assertEquals("This link has no key: the part after # is missing.", e.getMessage());
    }

    @Test
    void parse_truncatedKey_throws() {
        String truncated = "#" + key.toBase64Url().substring(0, 30);
        assertThrows(InvalidNoteLinkException.class, () -> NoteLink.parse("/n/" + noteId, truncated));
    }

    @Test
    void parse_malformedNoteId_throws() {
        assertThrows(InvalidNoteLinkException.class, () -> NoteLink.parse("/n/nope", "#" + key.toBase64Url()));
    }

    @Test
    void keyFor_anotherNote_throws() {
        assertThrows(MissingNoteKeyException.class,
                () -> NoteLink.of(noteId, key).keyFor(NoteId.random(random)));
    }
}
