package dev.vellum.client.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class TextShiftTest {
    /** "quick" in "The quick fox". */
    private static final CommentMark QUICK = new CommentMark(4, 9, null);

    private static CommentMark after(String before, String after) {
        return QUICK.shifted(TextShift.between(before, after));
    }

    @Test
    void typingBeforeARange_movesItRight() {
        assertEquals(new CommentMark(8, 13, null), after("The quick fox", "Now The quick fox"));
    }

    @Test
    void typingRightBeforeOrRightAfterARange_leavesTheTypedTextOutside() {
        assertEquals(new CommentMark(5, 10, null), after("The quick fox", "The xquick fox"));
        assertEquals(QUICK, after("The quick fox", "The quickly fox"));
    }

    @Test
    void typingInsideARange_growsIt() {
        assertEquals(new CommentMark(4, 11, null), after("The quick fox", "The quiXXck fox"));
    }

    @Test
    void typingAfterARange_leavesIt() {
        assertEquals(QUICK, after("The quick fox", "The quick fox!"));
    }

    @Test
    void deletingPartOfARange_shrinksIt_andDeletingAllOfIt_leavesNothing() {
        assertEquals(new CommentMark(4, 6, null), after("The quick fox", "The qu fox"));
        assertEquals(new CommentMark(4, 6, null), after("The quick fox", "The ck fox"));
        assertNull(after("The quick fox", "The  fox"));
        assertNull(after("The quick fox", "fox"));
    }

    @Test
    void replacingTextAroundARangeStart_keepsOnlyWhatSurvived() {
        assertEquals(new CommentMark(5, 8, null), after("The quick fox", "A Bbbick fox")); // "ick"
    }

    @Test
    void noChange_isNoShift() {
        assertEquals(new TextShift(13, 13, 13), TextShift.between("The quick fox", "The quick fox"));
        assertEquals(QUICK, after("The quick fox", "The quick fox"));
    }
}
