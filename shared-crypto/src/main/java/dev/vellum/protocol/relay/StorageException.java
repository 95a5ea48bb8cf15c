package dev.vellum.protocol.relay;

/**
 * The relay's storage failed (a database error, or a stored item that no longer parses): nothing was decided about
 * the item, and the client may retry. The cause says what went wrong underneath.
 */
public final class StorageException extends Exception {
    /** A stored state that cannot be (such as a revision gone that no snapshot covers), with nothing underneath. */
    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
