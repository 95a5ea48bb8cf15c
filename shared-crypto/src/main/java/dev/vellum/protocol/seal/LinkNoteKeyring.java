package dev.vellum.protocol.seal;

import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.protocol.workspace.MissingEpochKeyException;

/** A note shared by link: one set of keys, from the link's secret, at epoch 0 for good. */
final class LinkNoteKeyring implements NoteKeyring {
    private final NoteKeys keys;

    LinkNoteKeyring(NoteKeys keys) {
        if (keys.isWorkspaceNote()) {
            throw new IllegalArgumentException("these are a workspace note's keys");
        }
        this.keys = keys;
    }

    @Override
    public NoteId noteId() {
        return keys.noteId();
    }

    @Override
    public WorkspaceId workspaceId() {
        return WorkspaceId.LINK_SHARED;
    }

    @Override
    public NoteKeys current() {
        return keys;
    }

    @Override
    public NoteKeys forEpoch(int epoch) throws MissingEpochKeyException {
        if (epoch != 0) {
            throw new MissingEpochKeyException(epoch, "a note shared by link has only epoch 0");
        }
        return keys;
    }

    @Override
    public String toString() {
        return "LinkNoteKeyring[" + keys + "]";
    }
}
