package dev.vellum.client.keys;

import dev.vellum.crypto.key.SymmetricKey;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.seal.NoteKeys;

/**
 * A note's link: {@code /n/<note id>#<secret>}. The secret sits in the fragment, which browsers never send to a
 * server, not in a request line or a Referer header. The note id is derived from the secret (see
 * {@link NoteKeys}), so a link whose two halves do not belong together is caught here, before anything is fetched.
 */
public final class NoteLink implements NoteKeyStore {
    public static final String PATH_PREFIX = "/n/";

    private final NoteKeys keys;

    private NoteLink(NoteKeys keys) {
        this.keys = keys;
    }

    public static NoteLink of(NoteKeys keys) {
        return new NoteLink(keys);
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
        String secretText = fragment.startsWith("#") ? fragment.substring(1) : fragment;
        if (secretText.isEmpty()) {
            throw new InvalidNoteLinkException("This link has no key: the part after # is missing.");
        }
        NoteKeys keys;
        try {
            keys = NoteKeys.fromSecret(SymmetricKey.fromBase64Url(secretText));
        } catch (InvalidMessageException e) {
            throw new InvalidNoteLinkException("This link's key is damaged: the part after # is incomplete.");
        }
        if (!keys.noteId().equals(noteId)) {
            throw new InvalidNoteLinkException(
                    "This link's key does not belong to its note: the part after # is damaged or from another link.");
        }
        return new NoteLink(keys);
    }

    public NoteId noteId() {
        return keys.noteId();
    }

    public String path() {
        return PATH_PREFIX + keys.noteId();
    }

    /** The path and fragment, to append to the site's origin. */
    public String pathWithKey() {
        return path() + "#" + keys.secret().toBase64Url();
    }

    @Override
    public NoteKeys keysFor(NoteId requested) throws MissingNoteKeyException {
        if (!keys.noteId().equals(requested)) {
            throw new MissingNoteKeyException("this link holds the keys of another note");
        }
        return keys;
    }

    @Override
    public String toString() {
        return "NoteLink[" + path() + "#redacted]";
    }
}
