package dev.vellum.protocol.seal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.key.SymmetricKey;
import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.error.AuthenticationFailedException;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidSignatureException;
import dev.vellum.error.UnsupportedVersionException;
import dev.vellum.protocol.id.IdentityKeyId;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.protocol.item.UpdateEnvelope;
import dev.vellum.protocol.item.UpdateHash;
import dev.vellum.protocol.item.UpdateHeader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class UpdateEnvelopeCipherTest {
    private final JvmSecureRandomSource random = new JvmSecureRandomSource();
    private final IdentityKeyPair alice = IdentityKeyPair.generate(random);
    private final IdentityKeyPair mallory = IdentityKeyPair.generate(random);
    private final SymmetricKey contentKey = SymmetricKey.generate(random);
    private final UpdateHeader header = new UpdateHeader(WorkspaceId.fromBytes(random.randomBytes(16)),
            NoteId.random(random), 3, IdentityKeyId.of(alice.publicIdentity()), 1, UpdateHash.NONE);
    private final byte[] plaintext = "insert 'hello' at 0".getBytes(StandardCharsets.UTF_8);

    private UpdateEnvelope seal() {
        return UpdateEnvelopeCipher.seal(header, plaintext, contentKey, alice, random);
    }

    @Test
    void sealParseOpen_roundTripsWithAllHeaderFields() throws Exception {
        UpdateEnvelope parsed = UpdateEnvelope.parse(seal().encode());

        assertEquals(header, parsed.header());
        assertArrayEquals(plaintext, UpdateEnvelopeCipher.open(parsed, contentKey, alice.publicIdentity()));
    }

    @Test
    void signature_verifiesWithPublicIdentityAlone() throws Exception {
        UpdateEnvelope.parse(seal().encode()).verifySignature(alice.publicIdentity());
    }

    @Test
    void everyTamperedByte_isRejected() throws Exception {
        byte[] encoded = seal().encode();
        for (int i = 0; i < encoded.length; i++) {
            byte[] tampered = encoded.clone();
            tampered[i] ^= 0x01;
            int index = i;
            Exception e = assertThrows(Exception.class,
                    () -> UpdateEnvelopeCipher.open(UpdateEnvelope.parse(tampered), contentKey, alice.publicIdentity()),
                    "byte " + index);
            assertTrue(e instanceof InvalidSignatureException || e instanceof InvalidMessageException,
                    "byte " + index + " gave " + e);
        }
    }

    @Test
    void forgedSignature_byAnotherIdentity_isRejected() throws Exception {
        // Mallory signs an update that claims Alice as its author.
        byte[] encoded = seal().encode();
        byte[] signed = Arrays.copyOf(encoded, encoded.length - 64);
        byte[] forged = mallory.signingKey().sign(dev.vellum.crypto.hash.Label.UPDATE_SIGNATURE.prefix(signed));
        System.arraycopy(forged, 0, encoded, encoded.length - 64, 64);

        assertThrows(InvalidSignatureException.class,
                () -> UpdateEnvelope.parse(encoded).verifySignature(alice.publicIdentity()));
    }

    @Test
    void verifyWithIdentityOtherThanNamedAuthor_isRejected() throws Exception {
        UpdateEnvelope envelope = UpdateEnvelope.parse(seal().encode());

        assertThrows(InvalidSignatureException.class, () -> envelope.verifySignature(mallory.publicIdentity()));
    }

    @Test
    void wrongContentKey_isRejected() throws Exception {
        UpdateEnvelope envelope = UpdateEnvelope.parse(seal().encode());

        assertThrows(AuthenticationFailedException.class,
                () -> UpdateEnvelopeCipher.open(envelope, SymmetricKey.generate(random), alice.publicIdentity()));
    }

    @Test
    void truncatedOversizedOrEmpty_isRejected() {
        byte[] encoded = seal().encode();

        assertThrows(InvalidMessageException.class, () -> UpdateEnvelope.parse(Arrays.copyOf(encoded, 50)));
        assertThrows(InvalidMessageException.class,
                () -> UpdateEnvelope.parse(Arrays.copyOf(encoded, encoded.length - 1)));
        assertThrows(InvalidMessageException.class,
                () -> UpdateEnvelope.parse(Arrays.copyOf(encoded, encoded.length + 1)));
        assertThrows(InvalidMessageException.class, () -> UpdateEnvelope.parse(new byte[0]));
    }

    @Test
    void unknownVersion_isRejectedAsUnsupported() {
        byte[] encoded = seal().encode();
        encoded[0] = 2;

        assertThrows(UnsupportedVersionException.class, () -> UpdateEnvelope.parse(encoded));
    }

    @Test
    void hugeDeclaredBodyLength_isRejectedBeforeAllocation() {
        byte[] encoded = seal().encode();
        encoded[93] = 0x7f;

        assertThrows(InvalidMessageException.class, () -> UpdateEnvelope.parse(encoded));
    }

    @Test
    void firstUpdateWithPredecessor_isRejected() {
        byte[] encoded = seal().encode();
        encoded[70] = 1; // inside the previous-hash field of a sequence-1 update

        assertThrows(InvalidMessageException.class, () -> UpdateEnvelope.parse(encoded));
    }

    @Test
    void hashChain_nextUpdateNamesPreviousHash() throws Exception {
        UpdateEnvelope first = seal();
        UpdateHeader secondHeader = new UpdateHeader(header.workspaceId(), header.documentId(), 3,
                header.authorKeyId(), 2, first.hash());
        UpdateEnvelope second = UpdateEnvelopeCipher.seal(secondHeader, plaintext, contentKey, alice, random);

        assertEquals(first.hash(), UpdateEnvelope.parse(second.encode()).header().previousHash());
        assertNotEquals(first.hash(), second.hash());
    }

    @Test
    void bodyLength_isPaddedSoSimilarLengthsLookAlike() {
        int a = UpdateEnvelopeCipher.seal(header, new byte[1000], contentKey, alice, random).length();
        int b = UpdateEnvelopeCipher.seal(header, new byte[1010], contentKey, alice, random).length();

        assertEquals(a, b);
    }

    @Test
    void sealWithHeaderNamingAnotherAuthor_isRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> UpdateEnvelopeCipher.seal(header, plaintext, contentKey, mallory, random));
    }

    @Test
    void encoding_containsNoPlaintext() {
        byte[] encoded = seal().encode();
        String asText = new String(encoded, StandardCharsets.ISO_8859_1);

        assertFalse(asText.contains("hello"));
    }
}
