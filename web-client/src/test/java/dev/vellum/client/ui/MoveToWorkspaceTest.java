package dev.vellum.client.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MoveToWorkspaceTest {
    @Test
    void theTitleIsTheFirstLine_trimmed() {
        assertEquals("Garden plan", MoveToWorkspace.titleOf("  Garden plan  \nTomatoes by the wall."));
    }

    @Test
    void aTextWithoutAFirstLine_isCalledMovedNote() {
        assertEquals("Moved note", MoveToWorkspace.titleOf(""));
        assertEquals("Moved note", MoveToWorkspace.titleOf("   \nsecond line"));
    }

    @Test
    void aLongFirstLine_isCut_withoutSplittingACharacter() {
        String line = "a".repeat(59) + "😀" + "b".repeat(20);
        assertEquals("a".repeat(59), MoveToWorkspace.titleOf(line));
        assertEquals("c".repeat(60), MoveToWorkspace.titleOf("c".repeat(80)));
    }
}
