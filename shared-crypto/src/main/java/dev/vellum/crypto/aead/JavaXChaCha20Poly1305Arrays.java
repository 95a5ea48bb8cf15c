package dev.vellum.crypto.aead;

import dev.vellum.crypto.aead.internal.InsecureNonceXChaCha20Poly1305;
import dev.vellum.crypto.key.SymmetricKey;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.error.AuthenticationFailedException;
import dev.vellum.error.InvalidMessageException;
import java.util.Arrays;

/** {@link XChaCha20Poly1305Arrays} in Java arrays, as {@link XChaCha20Poly1305} seals them: the JVM's kind. */
public final class JavaXChaCha20Poly1305Arrays implements XChaCha20Poly1305Arrays<byte[]> {
    private final RandomSource random;

    public JavaXChaCha20Poly1305Arrays(RandomSource random) {
        this.random = random;
    }

    @Override
    public byte[] seal(SymmetricKey key, byte[] clearPrefix, byte[] plaintext, byte[] associatedData) {
        byte[] nonce = random.randomBytes(InsecureNonceXChaCha20Poly1305.NONCE_LENGTH);
        // Sealed in place after prefix and nonce: the message is copied once.
        byte[] out = new byte[clearPrefix.length + XChaCha20Poly1305.OVERHEAD + plaintext.length];
        System.arraycopy(clearPrefix, 0, out, 0, clearPrefix.length);
        System.arraycopy(nonce, 0, out, clearPrefix.length, nonce.length);
        new InsecureNonceXChaCha20Poly1305(key).encrypt(nonce, plaintext, associatedData, out,
                clearPrefix.length + nonce.length);
        return out;
    }

    @Override
    public byte[] clearPrefix(byte[] sealed, int length) throws InvalidMessageException {
        if (sealed.length < length) {
            throw new InvalidMessageException("message shorter than its " + length + "-byte prefix");
        }
        return Arrays.copyOf(sealed, length);
    }

    @Override
    public byte[] open(SymmetricKey key, byte[] sealed, int clearPrefixLength, byte[] associatedData)
            throws InvalidMessageException, AuthenticationFailedException {
        if (sealed.length < clearPrefixLength) {
            throw new InvalidMessageException("message shorter than its " + clearPrefixLength + "-byte prefix");
        }
        return new XChaCha20Poly1305(key, random).decrypt(sealed, clearPrefixLength,
                sealed.length - clearPrefixLength, associatedData);
    }
}
