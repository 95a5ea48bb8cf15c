package dev.vellum.protocol.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vellum.error.InvalidUsernameException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UsernameTest {
    @Test
    void parse_foldsCapitalsAndFullwidthForms_intoOneNormalForm() throws Exception {
        assertEquals("alice", Username.parse("Alice").value());
        assertEquals("alice", Username.parse("\uFF21\uFF4C\uFF49\uFF43\uFF45").value());
        assertEquals("a.b_c-9", Username.parse("A.B_C-9").value());
        assertEquals(Username.parse("ALICE"), Username.parse("alice"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "\u0430lice", // Cyrillic a, looks like Latin a
        "b\u03BFb", // Greek omicron
        "ali ce", "al", "", "caf\u00E9", "alice\u200B", ".alice", "alice-", "alice\uD83D\uDE00",
        "abcdefghijklmnopqrstuvwxyz0123456"})
    void parse_refusesLookAlikesAndNamesOutsideTheRule(String typed) {
        InvalidUsernameException e = assertThrows(InvalidUsernameException.class, () -> Username.parse(typed));
        assertEquals(true, e.getMessage().endsWith("."), e.getMessage());
    }

    @Test
    void parse_acceptsTheShortestAndLongestNames() throws Exception {
        assertEquals(3, Username.parse("abc").value().length());
        assertEquals(32, Username.parse("abcdefghijklmnopqrstuvwxyz012345").value().length());
    }

    @Test
    void parse_namesTheCharacterThatIsNotAllowed() {
        InvalidUsernameException e = assertThrows(InvalidUsernameException.class, () -> Username.parse("b\u00F6b"));
        assertEquals(true, e.getMessage().contains("\u00F6"), e.getMessage());
    }
}
