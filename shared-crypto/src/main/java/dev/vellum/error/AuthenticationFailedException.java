package dev.vellum.error;

/**
 * A ciphertext did not authenticate: wrong key, wrong associated data, or bytes changed in transit.
 *
 * <p>Deliberately says nothing about which of these happened, so it cannot serve as an oracle.
 */
public final class AuthenticationFailedException extends VellumCryptoException {
    public AuthenticationFailedException(String message) {
        super(message);
    }
}
