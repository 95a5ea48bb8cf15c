package dev.vellum.client.sync;

/**
 * Where the sealed local copy goes (IndexedDB in the browser), so edits not yet stored by the server survive a
 * reload. {@link NoteSync} decides when to write; the store only keeps the newest bytes it was given.
 */
public interface LocalCopyStore {
    /** Keeps {@code sealed} as the note's copy in this browser, replacing the one before. */
    void keep(byte[] sealed);
}
