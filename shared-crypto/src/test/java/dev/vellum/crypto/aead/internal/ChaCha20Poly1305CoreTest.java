package dev.vellum.crypto.aead.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vellum.crypto.key.SymmetricKey;
import dev.vellum.error.AuthenticationFailedException;
import java.util.Random;
import java.util.stream.IntStream;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

/**
 * The hand-written ChaCha20-Poly1305 against BouncyCastle's, on random keys, nonces, messages and associated data of
 * many lengths: every length up to two KiB (all remainders mod 64 and 16), the chunk edges, and a few larger ones.
 * The known-answer vectors (RFC 8439, the XChaCha draft, Wycheproof) are in their own tests.
 */
class ChaCha20Poly1305CoreTest {
    private static final long SEED = 0x5eed_c4a_c4aL;

    private static int[] lengths() {
        return IntStream.concat(IntStream.rangeClosed(0, 2048),
                IntStream.of(4031, 4032, 4095, 4096, 4097, 4159, 8191, 8192, 8193, 12345, 65536, 65537, 100_003))
                .toArray();
    }

    @Test
    void sealsAsBouncyCastleDoesForEveryLength() throws InvalidCipherTextException {
        Random random = new Random(SEED);
        for (int length : lengths()) {
            byte[] key = bytes(random, 32);
            byte[] nonce = bytes(random, 12);
            byte[] ad = bytes(random, random.nextInt(50));
            byte[] plaintext = bytes(random, length);

            byte[] ours = new InsecureNonceChaCha20Poly1305(key).encrypt(nonce, plaintext, ad);

            assertArrayEquals(bouncyCastle(true, key, nonce, ad, plaintext), ours, "length " + length);
        }
    }

    @Test
    void opensWhatBouncyCastleSealedForEveryLength() throws Exception {
        Random random = new Random(SEED + 1);
        for (int length : lengths()) {
            byte[] key = bytes(random, 32);
            byte[] nonce = bytes(random, 12);
            byte[] ad = bytes(random, random.nextInt(50));
            byte[] plaintext = bytes(random, length);
            byte[] sealed = bouncyCastle(true, key, nonce, ad, plaintext);

            assertArrayEquals(plaintext,
                    new InsecureNonceChaCha20Poly1305(key).decrypt(nonce, sealed, 0, sealed.length, ad),
                    "length " + length);
        }
    }

    @Test
    void xchachaSealsAsBouncyCastleOverTheHChaCha20SubkeyForEveryLength() throws InvalidCipherTextException {
        Random random = new Random(SEED + 2);
        for (int length : lengths()) {
            byte[] key = bytes(random, 32);
            byte[] nonce = bytes(random, 24);
            byte[] ad = bytes(random, random.nextInt(50));
            byte[] plaintext = bytes(random, length);
            byte[] chachaNonce = new byte[12];
            System.arraycopy(nonce, 16, chachaNonce, 4, 8);

            byte[] ours = new InsecureNonceXChaCha20Poly1305(SymmetricKey.fromBytes(key.clone()))
                    .encrypt(nonce, plaintext, ad);

            assertArrayEquals(bouncyCastle(true, HChaCha20.deriveSubkey(key, nonce, 0), chachaNonce, ad, plaintext),
                    ours, "length " + length);
        }
    }

    @Test
    void rejectsAnyFlippedBitOfCiphertextOrTag() {
        Random random = new Random(SEED + 3);
        for (int length : new int[] {0, 1, 15, 16, 17, 63, 64, 65, 4097}) {
            byte[] key = bytes(random, 32);
            byte[] nonce = bytes(random, 12);
            byte[] ad = bytes(random, 7);
            InsecureNonceChaCha20Poly1305 cipher = new InsecureNonceChaCha20Poly1305(key);
            byte[] sealed = cipher.encrypt(nonce, bytes(random, length), ad);
            for (int bit = 0; bit < sealed.length * 8; bit += length > 100 ? 61 : 1) {
                byte[] tampered = sealed.clone();
                tampered[bit / 8] ^= (byte) (1 << (bit % 8));
                assertThrows(AuthenticationFailedException.class,
                        () -> cipher.decrypt(nonce, tampered, 0, tampered.length, ad), "length " + length + " bit " + bit);
            }
        }
    }

    @Test
    void wipesTheDecryptedBytesWhenTheTagDoesNotMatch() {
        byte[] key = new byte[32];
        byte[] plaintext = new byte[100];
        java.util.Arrays.fill(plaintext, (byte) 0x55);
        byte[] sealed = new InsecureNonceChaCha20Poly1305(key).encrypt(new byte[12], plaintext, new byte[0]);
        sealed[sealed.length - 1] ^= 1;
        byte[] out = new byte[plaintext.length];
        java.util.Arrays.fill(out, (byte) 0x77);

        boolean opened = ChaCha20Poly1305Core.open(ChaCha20Poly1305Core.keyWords(key), 0, 0, 0, new byte[0], sealed, 0,
                plaintext.length, out, 0);

        org.junit.jupiter.api.Assertions.assertFalse(opened);
        assertArrayEquals(new byte[plaintext.length], out);
    }

    private static byte[] bouncyCastle(boolean encrypt, byte[] key, byte[] nonce, byte[] ad, byte[] input)
            throws InvalidCipherTextException {
        ChaCha20Poly1305 cipher = new ChaCha20Poly1305();
        cipher.init(encrypt, new AEADParameters(new KeyParameter(key), 128, nonce, ad));
        byte[] out = new byte[cipher.getOutputSize(input.length)];
        int n = cipher.processBytes(input, 0, input.length, out, 0);
        cipher.doFinal(out, n);
        return out;
    }

    private static byte[] bytes(Random random, int length) {
        byte[] b = new byte[length];
        random.nextBytes(b);
        return b;
    }
}
