package dev.vellum.client.account;

/**
 * Keys that did not open, or that opened but do not belong together (a certificate for another device, an identity
 * other than the one the server announced). They are never used: the person sees why, in words.
 */
public final class KeysDoNotMatchException extends Exception {
    public KeysDoNotMatchException(String message) {
        super(message);
    }
}
