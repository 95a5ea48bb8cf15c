package dev.vellum.client.keys;

import dev.vellum.crypto.key.SymmetricKey;
import dev.vellum.protocol.NoteId;

/**
 * Where the client finds the key of a note. The editor asks only this, so moving from keys carried in links to
 * keys derived from a workspace's epoch key changes the implementation, not the editor.
 */
public interface NoteKeyStore {
    /** @throws MissingNoteKeyException if this client holds no key for the note */
    SymmetricKey keyFor(NoteId noteId) throws MissingNoteKeyException;
}
