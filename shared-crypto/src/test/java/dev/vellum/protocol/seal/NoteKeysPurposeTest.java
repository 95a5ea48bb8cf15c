package dev.vellum.protocol.seal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.vellum.crypto.key.SymmetricKey;
import java.util.Arrays;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

/**
 * Each purpose has its own key. Known answers for the secret 00 01 02 ... 1f: computed on the JVM with this code and
 * pinned here, and checked against Node's independent {@code crypto.hkdfSync("sha256", secret, "", label, 32)}, which
 * gave the same bytes.
 */
class NoteKeysPurposeTest {
    private static final NoteKeys KEYS = NoteKeys.fromSecret(SymmetricKey.fromBytes(sequence()));

    @Test
    void presenceKey_isHkdfOfTheSecretUnderItsOwnLabel() {
        assertArrayEquals(Hex.decode("f0e02ba16836bcfb565d08489a2bdd5178cce7f3df341fe6a39cea90bfdf8e99"),
                KEYS.presenceKey().exportBytes());
    }

    @Test
    void localCopyKey_isHkdfOfTheSecretUnderItsOwnLabel() {
        assertArrayEquals(Hex.decode("8ac568b0016a2da208d2742ec2b000d53130b4e05fcbfbac4bd50607aabc134d"),
                KEYS.localCopyKey().exportBytes());
    }

    @Test
    void encryptionKey_isUnchanged() {
        assertArrayEquals(Hex.decode("66347c199f5aba92856e0c47c3f5889ba7839480cbd46ec844f7fa3b4b42b0c9"),
                KEYS.encryptionKey().exportBytes());
    }

    @Test
    void noTwoPurposesShareAKey() {
        byte[][] keys = {KEYS.encryptionKey().exportBytes(), KEYS.presenceKey().exportBytes(),
                KEYS.localCopyKey().exportBytes(), KEYS.secret().exportBytes()};
        for (int i = 0; i < keys.length; i++) {
            for (int j = i + 1; j < keys.length; j++) {
                // Key bytes, so compared as the code compares them: in constant time.
                assertFalse(org.bouncycastle.util.Arrays.constantTimeAreEqual(keys[i], keys[j]),
                        "keys " + i + " and " + j);
            }
        }
    }

    private static byte[] sequence() {
        byte[] bytes = new byte[32];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }
}
