package dev.vellum.crypto.aead;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vellum.crypto.key.SymmetricKey;
import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.error.AuthenticationFailedException;
import dev.vellum.error.InvalidMessageException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class JavaXChaCha20Poly1305ArraysTest {
    private static final RandomSource RANDOM = new JvmSecureRandomSource();
    private static final byte[] PREFIX = {0, 0, 0, 7};

    private final JavaXChaCha20Poly1305Arrays arrays = new JavaXChaCha20Poly1305Arrays(RANDOM);
    private final SymmetricKey key = SymmetricKey.fromBytes(RANDOM.randomBytes(32));
    private final byte[] ad = RANDOM.randomBytes(12);
    private final byte[] plaintext = RANDOM.randomBytes(100);

    @Test
    void sealedMessage_isThePrefixThenWhatXChaCha20Poly1305Opens() throws Exception {
        byte[] sealed = arrays.seal(key, PREFIX, plaintext, ad);

        assertArrayEquals(PREFIX, arrays.clearPrefix(sealed, PREFIX.length));
        assertArrayEquals(plaintext, arrays.open(key, sealed, PREFIX.length, ad));
        assertArrayEquals(plaintext, new XChaCha20Poly1305(key, RANDOM)
                .decrypt(Arrays.copyOfRange(sealed, PREFIX.length, sealed.length), ad));
    }

    @Test
    void open_refusesAnotherKeyOrAssociatedDataOrAShiftedPrefix() {
        byte[] sealed = arrays.seal(key, PREFIX, plaintext, ad);

        assertThrows(AuthenticationFailedException.class,
                () -> arrays.open(SymmetricKey.fromBytes(RANDOM.randomBytes(32)), sealed, PREFIX.length, ad));
        assertThrows(AuthenticationFailedException.class, () -> arrays.open(key, sealed, PREFIX.length, new byte[0]));
        assertThrows(AuthenticationFailedException.class, () -> arrays.open(key, sealed, PREFIX.length - 1, ad));
    }

    @Test
    void tooShortMessages_areInvalidNotOutOfBounds() {
        byte[] sealed = arrays.seal(key, PREFIX, plaintext, ad);
        byte[] shorterThanPrefix = Arrays.copyOf(sealed, 3);
        byte[] shorterThanNonceAndTag = Arrays.copyOf(sealed, PREFIX.length + XChaCha20Poly1305.OVERHEAD - 1);

        assertThrows(InvalidMessageException.class, () -> arrays.clearPrefix(shorterThanPrefix, PREFIX.length));
        assertThrows(InvalidMessageException.class, () -> arrays.open(key, shorterThanPrefix, PREFIX.length, ad));
        assertThrows(InvalidMessageException.class, () -> arrays.open(key, shorterThanNonceAndTag, PREFIX.length, ad));
    }
}
