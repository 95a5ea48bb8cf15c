package dev.vellum.client.keys;

/** The page's URL is not a complete note link; the message is written for the person holding it. */
public final class InvalidNoteLinkException extends Exception {
    public InvalidNoteLinkException(String message) {
        super(message);
    }
}
