package dev.vellum.client.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CaretRebaseTest {
    @Test
    void insertionAboveCaret_shiftsCaretByInsertedLength() {
        assertEquals(16, CaretRebase.rebase("hello world", "NEW: hello world", 11));
    }

    @Test
    void deletionAboveCaret_shiftsCaretBack() {
        // Caret after "s" of "second" (index 12); the first line is deleted above it.
        assertEquals(1, CaretRebase.rebase("first line\nsecond", "second", 12));
    }

    @Test
    void changeBelowCaret_leavesCaret() {
        assertEquals(5, CaretRebase.rebase("hello world", "hello there, world", 5));
    }

    @Test
    void caretInsideReplacedSpan_movesToEndOfReplacement() {
        // "cdef" becomes "XYZ"; a caret inside it lands after the "Z".
        assertEquals(5, CaretRebase.rebase("abcdefgh", "abXYZgh", 4));
    }

    @Test
    void identicalTexts_keepCaret() {
        assertEquals(3, CaretRebase.rebase("same", "same", 3));
    }
}
