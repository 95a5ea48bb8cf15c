package dev.vellum.error;

/**
 * Base of every checked failure raised by Vellum's cryptography and wire formats.
 *
 * <p>Callers catch the specific subclasses; each names one cause, in libsignal's style, so that a
 * forged message is never confused with a malformed one.
 */
public abstract class VellumCryptoException extends Exception {
    protected VellumCryptoException(String message) {
        super(message);
    }

    protected VellumCryptoException(String message, Throwable cause) {
        super(message, cause);
    }
}
