package dev.vellum.error;

/**
 * A public key that must not be used: the wrong length, or an X25519 point of small order that would make the
 * shared secret all zeros (RFC 7748, section 6.1).
 */
public final class InvalidPublicKeyException extends VellumCryptoException {
    public InvalidPublicKeyException(String message) {
        super(message);
    }
}
