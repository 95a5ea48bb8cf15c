package dev.vellum.client.ui;

import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.id.WorkspaceId;

/**
 * A workspace's address in the app: {@code /w/<workspace id>} for its notes and members, {@code
 * /w/<workspace id>/n/<note id>} for one of its notes. Unlike a link note's, the path carries no key: members get
 * the workspace's keys from its log and their key envelopes, so such a link is useless to anyone else.
 *
 * @param note the note, or null for the workspace page itself
 */
record WorkspacePath(WorkspaceId workspace, NoteId note) {
    static final String PREFIX = "/w/";
    private static final String NOTE_PART = "/n/";

    static boolean isWorkspacePath(String path) {
        return path.startsWith(PREFIX);
    }

    /** @throws InvalidMessageException if the path names no workspace, or a note badly */
    static WorkspacePath parse(String path) throws InvalidMessageException {
        if (!isWorkspacePath(path)) {
            throw new InvalidMessageException("not a workspace path");
        }
        String rest = path.substring(PREFIX.length());
        int notePart = rest.indexOf(NOTE_PART);
        if (notePart < 0) {
            return new WorkspacePath(WorkspaceId.parse(rest), null);
        }
        return new WorkspacePath(WorkspaceId.parse(rest.substring(0, notePart)),
                NoteId.parse(rest.substring(notePart + NOTE_PART.length())));
    }

    static String of(WorkspaceId workspace) {
        return PREFIX + workspace;
    }

    static String of(WorkspaceId workspace, NoteId note) {
        return PREFIX + workspace + NOTE_PART + note;
    }
}
