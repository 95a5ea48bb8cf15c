package dev.vellum.error;

/** Text that cannot be a recovery key: wrong length or a character outside its alphabet. */
public final class InvalidRecoveryKeyException extends InvalidMessageException {
    public InvalidRecoveryKeyException(String message) {
        super(message);
    }
}
