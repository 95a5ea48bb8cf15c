package org.teavm.classlib.org.bouncycastle.crypto.digests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.util.Memoable;
import org.junit.jupiter.api.Test;

/** The browser's stand-in digests as BouncyCastle's own {@code SHA512Digest} does, which the JVM keeps using. */
class TSHA512DigestTest {
    @Test
    void digestsAsBouncyCastleDoes_andResetsAfterEach() {
        Random random = new Random(512);
        TSHA512Digest ours = new TSHA512Digest();
        for (int length : new int[] {0, 1, 111, 112, 127, 128, 129, 1000, 70_000}) {
            byte[] message = new byte[length];
            random.nextBytes(message);
            ours.update(message, 0, length);

            assertArrayEquals(digest(new SHA512Digest(), message), finish(ours), "length " + length);
        }
    }

    @Test
    void describesItselfAsBouncyCastlesDigestDoes() {
        SHA512Digest theirs = new SHA512Digest();
        TSHA512Digest ours = new TSHA512Digest();

        assertEquals(theirs.getAlgorithmName(), ours.getAlgorithmName());
        assertEquals(theirs.getDigestSize(), ours.getDigestSize());
        assertEquals(theirs.getByteLength(), ours.getByteLength());
    }

    @Test
    void copiesAndResetsToAnotherStateAsMemoablesDo() {
        TSHA512Digest prefix = new TSHA512Digest();
        prefix.update(new byte[] {1, 2, 3}, 0, 3);
        prefix.update((byte) 4);
        Memoable saved = prefix.copy();
        prefix.update((byte) 5);
        byte[] withFive = finish(prefix);

        TSHA512Digest restored = new TSHA512Digest();
        restored.reset(saved);
        restored.update((byte) 5);

        assertArrayEquals(withFive, finish(restored));
        assertArrayEquals(digest(new SHA512Digest(), new byte[] {1, 2, 3, 4, 5}), withFive);
    }

    private static byte[] digest(Digest digest, byte[] message) {
        digest.update(message, 0, message.length);
        return finish(digest);
    }

    private static byte[] finish(Digest digest) {
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return out;
    }
}
