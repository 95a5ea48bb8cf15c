package dev.vellum.server.ws;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.error.InvalidPublicKeyException;
import dev.vellum.error.InvalidSignatureException;
import dev.vellum.protocol.account.DeviceCertificate;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.seal.NoteKeys;
import dev.vellum.testing.TestAccount;
import dev.vellum.testing.TestAuthor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DecodedKeysTest {
    private final JvmSecureRandomSource random = new JvmSecureRandomSource();
    private final DecodedKeys keys = new DecodedKeys(2);

    @Test
    void anAuthorsKeys_areDecodedOnce_andAForgedItemWithTheSameKeysIsStillRefused() throws Exception {
        NoteKeys note = NoteKeys.generate(random);
        TestAuthor author = new TestAuthor(note, random);
        NoteItem genuine = author.stored(author.nextUpdate("hello"));
        genuine.verifyForStorage(keys);
        byte[] forged = genuine.encode();
        forged[forged.length - 1] ^= 1;

        assertSame(keys.identity(genuine.authorBytes()), keys.identity(genuine.authorBytes()), "remembered");
        assertThrows(InvalidSignatureException.class, () -> NoteItem.parse(forged).verifyForStorage(keys));
        assertDoesNotThrow(() -> NoteItem.parse(genuine.encode()).verifyForStorage(keys));
    }

    @Test
    void bytesThatAreNoKey_areRefusedEveryTime() {
        byte[] notAPoint = new byte[32];
        Arrays.fill(notAPoint, (byte) 0xff);

        assertThrows(InvalidPublicKeyException.class, () -> keys.signingKey(notAPoint));
        assertThrows(InvalidPublicKeyException.class, () -> keys.signingKey(notAPoint));
        assertThrows(InvalidPublicKeyException.class, () -> keys.signingKey(new byte[31]));
    }

    @Test
    void theLeastRecentlyUsedKeyGoes_andIsDecodedAgainToTheSameKey() throws Exception {
        byte[][] signingKeys = new byte[3][];
        for (int i = 0; i < 3; i++) {
            TestAuthor author = new TestAuthor(NoteKeys.generate(random), random);
            signingKeys[i] = Arrays.copyOf(author.nextUpdate("x").authorBytes(), 32);
        }
        var first = keys.signingKey(signingKeys[0]);
        keys.signingKey(signingKeys[1]);
        keys.signingKey(signingKeys[2]);

        assertEquals(first, keys.signingKey(signingKeys[0]));
    }

    @Test
    void aCertificateThatVerified_isRemembered_andOneWithAForgedSignatureIsRefusedEveryTime() throws Exception {
        TestAccount alice = new TestAccount("alice", "correct horse battery staple");
        byte[] forgedBytes = alice.certificate.encode();
        forgedBytes[forgedBytes.length - 1] ^= 1;
        DeviceCertificate forged = DeviceCertificate.parse(forgedBytes);

        assertThrows(InvalidSignatureException.class, () -> keys.verifyCertificate(forged));
        keys.verifyCertificate(alice.certificate);
        assertDoesNotThrow(() -> keys.verifyCertificate(DeviceCertificate.parse(alice.certificate.encode())));
        assertThrows(InvalidSignatureException.class, () -> keys.verifyCertificate(forged), "never remembered");
    }
}
