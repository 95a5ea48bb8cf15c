package dev.vellum.protocol.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.error.InvalidMessageException;
import org.junit.jupiter.api.Test;

class NoteIdTest {
    @Test
    void random_is128BitsAndPrintsAs22UrlSafeCharacters() throws Exception {
        NoteId id = NoteId.random(new JvmSecureRandomSource());

        assertEquals(16, id.toBytes().length);
        assertEquals(22, id.toString().length());
        assertEquals(id, NoteId.parse(id.toString()));
    }

    @Test
    void twoRandomIds_differ() {
        JvmSecureRandomSource random = new JvmSecureRandomSource();
        assertNotEquals(NoteId.random(random), NoteId.random(random));
    }

    @Test
    void parse_malformedText_throws() {
        assertThrows(InvalidMessageException.class, () -> NoteId.parse("not-a-note"));
        assertThrows(InvalidMessageException.class, () -> NoteId.parse("../../etc/passwd/aaaaa"));
        assertThrows(InvalidMessageException.class, () -> NoteId.parse(""));
    }
}
