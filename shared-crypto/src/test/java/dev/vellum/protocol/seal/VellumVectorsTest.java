package dev.vellum.protocol.seal;

import static dev.vellum.testing.TestVectors.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vellum.crypto.aead.CommittingXChaCha20Poly1305;
import dev.vellum.crypto.agree.X25519PrivateKey;
import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.identity.SafetyNumber;
import dev.vellum.crypto.internal.KeyAccess;
import dev.vellum.crypto.key.SymmetricKey;
import dev.vellum.crypto.padding.Padme;
import dev.vellum.crypto.sign.Ed25519PrivateKey;
import dev.vellum.protocol.id.IdentityKeyId;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.item.NoteItemKind;
import dev.vellum.protocol.item.UpdateEnvelope;
import dev.vellum.protocol.item.UpdateHash;
import dev.vellum.protocol.item.UpdateHeader;
import dev.vellum.testing.FixedRandomSource;
import dev.vellum.testing.TestVectors;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Vellum's own constructions against vectors from an independent implementation: {@code testvectors/vellum/
 * generate.mjs}, written in JavaScript from docs/protocol.md alone. Agreement shows the document is enough to
 * re-implement the formats, and that the Java code does what the document says.
 */
class VellumVectorsTest {
    private static final JsonNode VECTORS = TestVectors.load("vellum/vellum-v1.json");

    @Test
    void identities_publicKeysKeyIdsAndFingerprints() {
        for (JsonNode v : VECTORS.get("identities")) {
            IdentityKeyPair identity = identity(v);
            String id = v.get("tcId").asText();
            assertArrayEquals(hex(v, "signingPublic"), identity.publicIdentity().signingKey().toBytes(), id);
            assertArrayEquals(hex(v, "agreementPublic"), identity.publicIdentity().agreementKey().toBytes(), id);
            assertArrayEquals(hex(v, "keyId"), identity.publicIdentity().keyId(), id);
            assertArrayEquals(hex(v, "fingerprint"), identity.publicIdentity().fingerprint(), id);
        }
    }

    @Test
    void safetyNumbers() {
        List<IdentityKeyPair> identities = identities();
        for (JsonNode v : VECTORS.get("safetyNumbers")) {
            SafetyNumber number = SafetyNumber.of(identities.get(v.get("first").asInt()).publicIdentity(),
                    identities.get(v.get("second").asInt()).publicIdentity());
            assertEquals(v.get("digits").asText(), number.digits(), v.get("tcId").asText());
        }
    }

    @Test
    void noteKeys_derivedFromTheLinkSecret() {
        for (JsonNode v : VECTORS.get("noteKeys")) {
            NoteKeys keys = NoteKeys.fromSecret(SymmetricKey.fromBytes(hex(v, "secret")));
            String id = v.get("tcId").asText();
            assertArrayEquals(hex(v, "encryptionKey"), keys.encryptionKey().exportBytes(), id);
            assertArrayEquals(hex(v, "writeSeed"), keys.writeKey().exportSeed(KeyAccess.get()), id);
            assertArrayEquals(hex(v, "writePublic"), keys.writeKey().publicKey().toBytes(), id);
            assertArrayEquals(hex(v, "noteId"), keys.noteId().toBytes(), id);
            assertEquals(v.get("noteIdText").asText(), keys.noteId().toString(), id);
        }
    }

    @Test
    void committingAead() throws Exception {
        for (JsonNode v : VECTORS.get("committingAead")) {
            SymmetricKey key = SymmetricKey.fromBytes(hex(v, "key"));
            byte[] sealed = new CommittingXChaCha20Poly1305(key, new FixedRandomSource(hex(v, "nonce")))
                    .encrypt(hex(v, "plaintext"), hex(v, "aad"));
            assertArrayEquals(hex(v, "ciphertext"), sealed, v.get("tcId").asText());
            assertArrayEquals(hex(v, "plaintext"),
                    CommittingXChaCha20Poly1305.decryptOnly(key).decrypt(sealed, hex(v, "aad")));
        }
    }

    @Test
    void padme() {
        for (JsonNode v : VECTORS.get("padme")) {
            assertEquals(v.get("paddedLength").asInt(), Padme.pad(new byte[v.get("dataLength").asInt()]).length,
                    v.get("tcId").asText());
        }
    }

    @Test
    void updateEnvelopes_andTheirChainHashes() throws Exception {
        List<IdentityKeyPair> identities = identities();
        for (JsonNode v : VECTORS.get("updateEnvelopes")) {
            IdentityKeyPair author = identities.get(v.get("author").asInt());
            UpdateHeader header = new UpdateHeader(WorkspaceId.fromBytes(hex(v, "workspaceId")),
                    NoteId.fromBytes(hex(v, "documentId")), v.get("keyEpoch").asInt(),
                    IdentityKeyId.of(author.publicIdentity()), v.get("sequence").asLong(),
                    UpdateHash.fromBytes(hex(v, "previousHash")));
            SymmetricKey contentKey = SymmetricKey.fromBytes(hex(v, "contentKey"));
            UpdateEnvelope envelope = UpdateEnvelopeCipher.seal(header, hex(v, "plaintext"), contentKey, author,
                    new FixedRandomSource(hex(v, "nonce")));
            String id = v.get("tcId").asText();

            assertArrayEquals(hex(v, "envelope"), envelope.encode(), id);
            assertArrayEquals(hex(v, "chainHash"), envelope.hash().toBytes(), id);
            assertArrayEquals(hex(v, "plaintext"),
                    UpdateEnvelopeCipher.open(UpdateEnvelope.parse(hex(v, "envelope")), contentKey,
                            author.publicIdentity()), id);
        }
    }

    @Test
    void noteItems() throws Exception {
        List<IdentityKeyPair> identities = identities();
        for (JsonNode v : VECTORS.get("noteItems")) {
            NoteKeys keys = NoteKeys.fromSecret(SymmetricKey.fromBytes(hex(v, "secret")));
            IdentityKeyPair author = identities.get(v.get("author").asInt());
            NoteItemKind kind = NoteItemKind.fromCode(v.get("kind").asInt());
            long covers = v.get("covers").asLong();
            String id = v.get("tcId").asText();
            // Sealing draws exactly one 24-byte nonce (the committing AEAD's); building the cipher draws nothing.
            NoteItem sealed = new NoteItemCipher(keys, author, new FixedRandomSource(hex(v, "nonce")))
                    .seal(kind, covers, v.get("sequence").asLong(), UpdateHash.fromBytes(hex(v, "previousHash")),
                            hex(v, "body"));
            assertArrayEquals(hex(v, "encoded"), sealed.encode(), id);

            NoteItem parsed = NoteItem.parse(hex(v, "encoded"));
            parsed.verifyForStorage();
            assertEquals(kind, parsed.kind(), id);
            assertEquals(covers, parsed.covers(), id);
            assertEquals(keys.noteId(), parsed.header().documentId(), id);
            assertArrayEquals(hex(v, "chainHash"), parsed.hash().toBytes(), id);
            assertArrayEquals(hex(v, "body"), new NoteItemCipher(keys, author, bytes -> {
                throw new AssertionError("opening needs no randomness");
            }).open(parsed), id);
        }
    }

    private static List<IdentityKeyPair> identities() {
        List<IdentityKeyPair> identities = new ArrayList<>();
        for (JsonNode v : VECTORS.get("identities")) {
            identities.add(identity(v));
        }
        return identities;
    }

    private static IdentityKeyPair identity(JsonNode v) {
        return IdentityKeyPair.of(Ed25519PrivateKey.fromSeed(hex(v, "signingSeed")),
                X25519PrivateKey.fromBytes(hex(v, "agreementPrivate")));
    }
}
