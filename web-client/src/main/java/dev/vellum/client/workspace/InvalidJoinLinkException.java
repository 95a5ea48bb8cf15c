package dev.vellum.client.workspace;

/** The page's URL is not a complete invite link; the message is written for the person holding it. */
public final class InvalidJoinLinkException extends Exception {
    public InvalidJoinLinkException(String message) {
        super(message);
    }
}
