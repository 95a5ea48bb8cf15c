package dev.vellum.client.keys;

/** The client has no key for the note it was asked to open. */
public final class MissingNoteKeyException extends Exception {
    public MissingNoteKeyException(String message) {
        super(message);
    }
}
