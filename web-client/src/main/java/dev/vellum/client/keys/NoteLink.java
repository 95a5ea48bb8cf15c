package dev.vellum.client.keys;

import dev.vellum.crypto.InvalidMessageException;
import dev.vellum.crypto.key.SymmetricKey;
import dev.vellum.protocol.NoteId;

/**
 * A note's link: {@code /n/<note id>#<key>}. The key sits in the fragment, which browsers never send to a
 * server, not in a request line or a Referer header.
 */
public final class NoteLink implements NoteKeyStore {
    public static final String PATH_PREFIX = "/n/";

    private final NoteId noteId;
    private final SymmetricKey key;

    private NoteLink(NoteId noteId, SymmetricKey key) {
        this.noteId = noteId;
        this.key = key;
    }

    public static NoteLink of(NoteId noteId, SymmetricKey key) {
        return new NoteLink(noteId, key);
    }

    public static boolean isNotePath(String path) {
        return path.startsWith(PATH_PREFIX);
    }

    /**
     * @param path the URL's path, such as {@code /n/AbC...}
     * @param fragment the URL's fragment with or without its leading {@code #}
     */
    public static NoteLink parse(String path, String fragment) throws InvalidNoteLinkException {
        NoteId noteId;
        try {
            noteId = NoteId.parse(path.substring(PATH_PREFIX.length()));
        } catch (InvalidMessageException | IndexOutOfBoundsException e) {
            throw new InvalidNoteLinkException("This link does not name a note.");
        }
        String keyText = fragment.startsWith("#") ? fragment.substring(1) : fragment;
        if (keyText.isEmpty()) {
            throw new InvalidNoteLinkException("This link has no key: the part after # is missing.");
        }
        try {
            return new NoteLink(noteId, SymmetricKey.fromBase64Url(keyText));
        } catch (InvalidMessageException e) {
            throw new InvalidNoteLinkException("This link's key is damaged: the part after # is incomplete.");
        }
    }

    public NoteId noteId() {
        return noteId;
    }

    public String path() {
        return PATH_PREFIX + noteId;
    }

    /** The path and fragment, to append to the site's origin. */
    public String pathWithKey() {
        return path() + "#" + key.toBase64Url();
    }

    @Override
    public SymmetricKey keyFor(NoteId requested) throws MissingNoteKeyException {
        if (!noteId.equals(requested)) {
            throw new MissingNoteKeyException("this link holds the key of another note");
        }
        return key;
    }

    @Override
    public String toString() {
        return "NoteLink[" + path() + "#redacted]";
    }
}
