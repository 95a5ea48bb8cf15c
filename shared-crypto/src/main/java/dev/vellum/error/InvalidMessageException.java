package dev.vellum.error;

/** Bytes that are not a well-formed message of the expected format: too short, too long, or wrongly laid out. */
public class InvalidMessageException extends VellumCryptoException {
    public InvalidMessageException(String message) {
        super(message);
    }
}
