package dev.vellum.error;

/** A username that breaks the rule in {@code Username}: the message says which part, for the person typing it. */
public final class InvalidUsernameException extends InvalidMessageException {
    public InvalidUsernameException(String message) {
        super(message);
    }
}
