package dev.vellum.client.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SourceAlignmentTest {
    @Test
    void plainText_mapsOneToOne() {
        assertArrayEquals(new int[] {0, 1, 2}, SourceAlignment.align("abc", "abc"));
    }

    @Test
    void markersRemovedByThePreview_areSkipped() {
        // "# Plans" shows "Plans"; "**bold** text" shows "bold text".
        assertArrayEquals(new int[] {2, 3, 4, 5, 6}, SourceAlignment.align("# Plans", "Plans"));
        int[] bold = SourceAlignment.align("**bold** `x`", "bold x");
        assertEquals(2, bold[0]);
        assertEquals(5, bold[3]);
        assertEquals(8, bold[4]);
        assertEquals(10, bold[5]);
    }

    @Test
    void aCharacterNotInTheLine_takesThePlaceAfterThePreviousOne() {
        assertArrayEquals(new int[] {0, 1, 2}, SourceAlignment.align("ab", "abz"));
    }
}
