package dev.vellum.error;

/** A signature does not verify under the expected public key, or was made by another key than the one named. */
public final class InvalidSignatureException extends VellumCryptoException {
    public InvalidSignatureException(String message) {
        super(message);
    }
}
