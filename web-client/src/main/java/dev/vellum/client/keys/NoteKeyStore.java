package dev.vellum.client.keys;

import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.seal.NoteKeys;

/**
 * Where the client finds the keys of a note. The editor asks only this, so moving from keys carried in links to
 * keys derived from a workspace's epoch key changes the implementation, not the editor.
 */
public interface NoteKeyStore {
    /** @throws MissingNoteKeyException if this client holds no keys for the note */
    NoteKeys keysFor(NoteId noteId) throws MissingNoteKeyException;
}
