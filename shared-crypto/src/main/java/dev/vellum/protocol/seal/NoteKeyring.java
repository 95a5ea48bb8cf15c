package dev.vellum.protocol.seal;

import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.protocol.workspace.EpochKeyring;
import dev.vellum.protocol.workspace.MissingEpochKeyException;

/**
 * The keys of one note for each key epoch: a {@link NoteItemCipher} seals under the current epoch's and opens each
 * item with the keys of the epoch its header names. A note shared by link has one epoch, 0, for good; a workspace
 * note has one per workspace epoch, derived from the workspace's {@link EpochKeyring}.
 */
public interface NoteKeyring {
    NoteId noteId();

    /** The note's workspace, or {@link WorkspaceId#LINK_SHARED} for a note shared by link. */
    WorkspaceId workspaceId();

    /**
     * The keys new items and presence are sealed under.
     *
     * @throws MissingEpochKeyException if this member holds no key for the workspace's current epoch (yet, or no
     *     longer)
     */
    NoteKeys current() throws MissingEpochKeyException;

    /**
     * The keys of {@code epoch}, for opening what was sealed under it.
     *
     * @throws MissingEpochKeyException if this member cannot reach that epoch's key (always for a link note's
     *     epochs other than 0)
     */
    NoteKeys forEpoch(int epoch) throws MissingEpochKeyException;

    /** The keyring of a note shared by link: its keys, at epoch 0. */
    static NoteKeyring ofLinkNote(NoteKeys keys) {
        return new LinkNoteKeyring(keys);
    }

    /** The keyring of workspace note {@code noteId}, following the workspace's epochs. */
    static NoteKeyring ofWorkspaceNote(EpochKeyring epochs, NoteId noteId) {
        return new WorkspaceNoteKeyring(epochs, noteId);
    }
}
