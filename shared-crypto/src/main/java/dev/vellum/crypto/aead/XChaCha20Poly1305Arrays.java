package dev.vellum.crypto.aead;

import dev.vellum.crypto.key.SymmetricKey;
import dev.vellum.error.AuthenticationFailedException;
import dev.vellum.error.InvalidMessageException;

/**
 * {@link XChaCha20Poly1305} whose sealed messages live in arrays of type {@code A}: Java arrays
 * ({@link JavaXChaCha20Poly1305Arrays}), or, in the browser build, the JavaScript arrays that IndexedDB keeps, so that
 * a large message is not copied between the two kinds on its way. The layout is the same in every kind:
 * {@code clear prefix || nonce (24) || ciphertext || tag (16)}, where the clear prefix (possibly empty) is read
 * before opening, e.g. to choose the key, and should also be bound in the associated data.
 *
 * <p>Neither the associated data nor the prefix may be null; pass an empty array for none.
 */
public interface XChaCha20Poly1305Arrays<A> {
    /** Seals {@code plaintext} under {@code key} with a fresh random nonce, after {@code clearPrefix}. */
    A seal(SymmetricKey key, byte[] clearPrefix, byte[] plaintext, byte[] associatedData);

    /**
     * The first {@code length} bytes of {@code sealed}, unauthenticated until the message is opened.
     *
     * @throws InvalidMessageException if {@code sealed} is shorter than that
     */
    byte[] clearPrefix(A sealed, int length) throws InvalidMessageException;

    /**
     * Opens what follows the first {@code clearPrefixLength} bytes of {@code sealed}.
     *
     * @throws InvalidMessageException if that is too short to be a message
     * @throws AuthenticationFailedException if the key, the associated data or any byte does not match
     */
    byte[] open(SymmetricKey key, A sealed, int clearPrefixLength, byte[] associatedData)
            throws InvalidMessageException, AuthenticationFailedException;
}
