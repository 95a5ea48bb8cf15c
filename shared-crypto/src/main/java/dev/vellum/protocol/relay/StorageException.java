package dev.vellum.protocol.relay;

/**
 * The relay's storage failed (a database error, or a stored item that no longer parses): nothing was decided about
 * the item, and the client may retry. The cause says what went wrong underneath.
 */
public final class StorageException extends Exception {
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
