package dev.vellum.crypto.aead;

import dev.vellum.error.AuthenticationFailedException;
import dev.vellum.error.InvalidMessageException;

/**
 * Authenticated encryption with associated data.
 *
 * <h2>Security guarantees</h2>
 * Confidentiality and integrity of the plaintext, and integrity of the associated data, against an adversary who
 * can see and change every ciphertext. The associated data is not encrypted: it binds context (which note, which
 * revision) so that a ciphertext cannot be replayed into another place.
 *
 * <p>Neither argument may be null; pass an empty array for "no associated data".
 */
public interface Aead {
    /** Encrypts with a fresh random nonce; the output carries everything {@link #decrypt} needs but the key. */
    byte[] encrypt(byte[] plaintext, byte[] associatedData);

    /**
     * Decrypts and authenticates.
     *
     * @throws InvalidMessageException if the ciphertext is too short to be one
     * @throws AuthenticationFailedException if the key, the associated data or any byte does not match
     */
    byte[] decrypt(byte[] ciphertext, byte[] associatedData)
            throws InvalidMessageException, AuthenticationFailedException;
}
