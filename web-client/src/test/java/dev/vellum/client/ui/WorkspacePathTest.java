package dev.vellum.client.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.id.WorkspaceId;
import org.junit.jupiter.api.Test;

class WorkspacePathTest {
    private static final WorkspaceId WORKSPACE = WorkspaceId.fromBytes(new byte[] {
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});

    @Test
    void workspacePage_roundTrips() throws Exception {
        WorkspacePath parsed = WorkspacePath.parse(WorkspacePath.of(WORKSPACE));

        assertEquals(WORKSPACE, parsed.workspace());
        assertNull(parsed.note());
    }

    @Test
    void notePage_roundTrips() throws Exception {
        NoteId note = NoteId.parse("AAECAwQFBgcICQoLDA0ODw");

        WorkspacePath parsed = WorkspacePath.parse(WorkspacePath.of(WORKSPACE, note));

        assertEquals(WORKSPACE, parsed.workspace());
        assertEquals(note, parsed.note());
    }

    @Test
    void damagedIds_areRefused() {
        assertThrows(InvalidMessageException.class, () -> WorkspacePath.parse("/w/short"));
        assertThrows(InvalidMessageException.class, () -> WorkspacePath.parse(WorkspacePath.of(WORKSPACE) + "/n/x"));
        assertThrows(InvalidMessageException.class, () -> WorkspacePath.parse("/n/AAECAwQFBgcICQoLDA0ODw"));
    }

    @Test
    void onlyPathsUnderW_areWorkspacePaths() {
        assertTrue(WorkspacePath.isWorkspacePath("/w/x"));
        assertFalse(WorkspacePath.isWorkspacePath("/n/x"));
        assertFalse(WorkspacePath.isWorkspacePath("/join/x"));
    }
}
