package dev.vellum.protocol.seal;

import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.protocol.workspace.EpochKey;
import dev.vellum.protocol.workspace.EpochKeyring;
import dev.vellum.protocol.workspace.MissingEpochKeyException;
import java.util.HashMap;
import java.util.Map;

/**
 * A workspace note's keys for each epoch, derived from the workspace's epoch keys as they are needed and kept, since
 * a history holds many items of few epochs and each derivation costs five HKDF calls and an Ed25519 key.
 */
final class WorkspaceNoteKeyring implements NoteKeyring {
    private final EpochKeyring epochs;
    private final NoteId noteId;
    private final Map<Integer, NoteKeys> byEpoch = new HashMap<>();

    WorkspaceNoteKeyring(EpochKeyring epochs, NoteId noteId) {
        this.epochs = epochs;
        this.noteId = noteId;
    }

    @Override
    public NoteId noteId() {
        return noteId;
    }

    @Override
    public WorkspaceId workspaceId() {
        return epochs.workspaceId();
    }

    @Override
    public NoteKeys current() throws MissingEpochKeyException {
        return keysOf(epochs.current());
    }

    @Override
    public NoteKeys forEpoch(int epoch) throws MissingEpochKeyException {
        return keysOf(epochs.forEpoch(epoch));
    }

    private NoteKeys keysOf(EpochKey epochKey) {
        NoteKeys keys = byEpoch.get(epochKey.epoch());
        if (keys == null) {
            keys = NoteKeys.forWorkspaceNote(epochKey, noteId);
            byEpoch.put(epochKey.epoch(), keys);
        }
        return keys;
    }

    @Override
    public String toString() {
        return "WorkspaceNoteKeyring[" + epochs.workspaceId() + ", " + noteId + ", redacted]";
    }
}
