package dev.vellum.crypto.hash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.junit.jupiter.api.Test;

/** The hand-written SHA-512 against FIPS 180-4's examples and BouncyCastle's on random inputs fed in random pieces. */
class Sha512Test {
    @Test
    void hashesTheFipsExamples() {
        assertEquals("cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
                + "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e", hex(""));
        assertEquals("ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                + "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f", hex("abc"));
        assertEquals("8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018"
                + "501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909",
                hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrs"
                        + "mnopqrstnopqrstu"));
    }

    @Test
    void hashesAsBouncyCastleDoesForEveryLengthAndSplit() {
        Random random = new Random(0x5aa512L);
        for (int length = 0; length <= 1100; length++) {
            assertSameAsBouncyCastle(random, length);
        }
        for (int length : new int[] {65_535, 65_536, 100_003, 1 << 20}) {
            assertSameAsBouncyCastle(random, length);
        }
    }

    @Test
    void singleBytesAndCopiesHashAsTheWholeMessage() {
        byte[] message = new byte[300];
        new Random(7).nextBytes(message);
        Sha512 whole = new Sha512();
        whole.update(message, 0, message.length);
        Sha512 bytewise = new Sha512();
        for (int i = 0; i < 150; i++) {
            bytewise.update(message[i]);
        }
        Sha512 copy = new Sha512(bytewise);
        for (int i = 150; i < 300; i++) {
            copy.update(message[i]);
        }

        assertArrayEquals(digest(whole), digest(copy));
    }

    @Test
    void digestResetsForTheNextMessage() {
        Sha512 sha = new Sha512();
        sha.update(new byte[] {1, 2, 3}, 0, 3);
        digest(sha);
        byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
        sha.update(abc, 0, 3);

        assertEquals(hex("abc"), HexFormat.of().formatHex(digest(sha)));
    }

    @Test
    void rangesOutsideTheArrayAreRefused() {
        Sha512 sha = new Sha512();
        assertThrows(IndexOutOfBoundsException.class, () -> sha.update(new byte[4], 2, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> sha.update(new byte[4], -1, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> sha.update(new byte[4], 5, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> sha.doFinal(new byte[70], 7));
        assertThrows(IndexOutOfBoundsException.class, () -> sha.doFinal(new byte[70], -1));
    }

    private static void assertSameAsBouncyCastle(Random random, int length) {
        byte[] message = new byte[length];
        random.nextBytes(message);
        Sha512 ours = new Sha512();
        for (int offset = 0; offset < length; ) {
            int piece = Math.min(length - offset, random.nextInt(300));
            ours.update(message, offset, piece);
            offset += piece;
        }
        SHA512Digest theirs = new SHA512Digest();
        theirs.update(message, 0, length);
        byte[] expected = new byte[64];
        theirs.doFinal(expected, 0);

        assertArrayEquals(expected, digest(ours), "length " + length);
    }

    private static byte[] digest(Sha512 sha) {
        byte[] out = new byte[Sha512.DIGEST_LENGTH];
        sha.doFinal(out, 0);
        return out;
    }

    private static String hex(String ascii) {
        Sha512 sha = new Sha512();
        byte[] bytes = ascii.getBytes(StandardCharsets.US_ASCII);
        sha.update(bytes, 0, bytes.length);
        return HexFormat.of().formatHex(digest(sha));
    }
}
