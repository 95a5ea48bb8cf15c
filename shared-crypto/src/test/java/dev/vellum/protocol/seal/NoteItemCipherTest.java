package dev.vellum.protocol.seal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.error.AuthenticationFailedException;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidSignatureException;
import dev.vellum.error.UnsupportedVersionException;
import dev.vellum.protocol.id.IdentityKeyId;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.id.WorkspaceId;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.item.NoteItemKind;
import dev.vellum.protocol.item.UpdateEnvelope;
import dev.vellum.protocol.item.UpdateHash;
import dev.vellum.protocol.item.UpdateHeader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NoteItemCipherTest {
    private static final RandomSource RANDOM = new JvmSecureRandomSource();

    private final NoteKeys keys = NoteKeys.generate(RANDOM);
    private final NoteId noteId = keys.noteId();
    private final IdentityKeyPair author = IdentityKeyPair.generate(RANDOM);
    private final NoteItemCipher cipher = new NoteItemCipher(keys, author, RANDOM);

    @Test
    void sealThenParseThenOpen_returnsTheBodyAndTheChainFields() throws Exception {
        NoteItem first = update(1, UpdateHash.NONE, "Grüße");
        NoteItem second = update(2, first.hash(), "世界 ✓");
        NoteItem received = NoteItem.parse(second.encode());

        received.verifyForStorage();
        assertEquals(noteId, received.header().documentId());
        assertEquals(IdentityKeyId.of(author.publicIdentity()), received.header().authorKeyId());
        assertEquals(2, received.header().sequence());
        assertEquals(first.hash(), received.header().previousHash());
        assertEquals(NoteItemKind.UPDATE, received.kind());
        assertEquals("世界 ✓", text(cipher.open(received)));
    }

    @Test
    void snapshot_carriesWhatItCovers() throws Exception {
        NoteItem snapshot = NoteItem.parse(cipher.seal(NoteItemKind.SNAPSHOT, 500, 1, UpdateHash.NONE,
                utf8("state")).encode());

        assertEquals(NoteItemKind.SNAPSHOT, snapshot.kind());
        assertEquals(500, snapshot.covers());
        assertEquals("state", text(cipher.open(snapshot)));
    }

    @Test
    void anotherReaderWithTheSameLink_opensIt() throws Exception {
        NoteItemCipher reader = new NoteItemCipher(NoteKeys.fromSecret(keys.secret()),
                IdentityKeyPair.generate(RANDOM), RANDOM);

        assertEquals("same secret", text(reader.open(update(1, UpdateHash.NONE, "same secret"))));
        assertTrue(keys.toString().contains("redacted"));
    }

    @Test
    void everyTamperedByte_isRejectedByParsingSignatureOrAuthentication() throws Exception {
        byte[] encoded = update(1, UpdateHash.NONE, "hello").encode();
        for (int i = 0; i < encoded.length; i++) {
            byte[] tampered = encoded.clone();
            tampered[i] ^= 0x01;
            int index = i;
            Exception e = assertThrows(Exception.class, () -> {
                NoteItem parsed = NoteItem.parse(tampered);
                parsed.verifyForStorage();
                cipher.open(parsed);
            }, "byte " + index);
            assertTrue(e instanceof InvalidSignatureException || e instanceof InvalidMessageException,
                    "byte " + index + " gave " + e);
        }
    }

    @Test
    void itemSignedByAnotherNotesWriteKey_isRefusedForStorage() throws Exception {
        // A stranger who knows only the note id names it in an envelope and signs with a write key of their own.
        NoteKeys stranger = NoteKeys.generate(RANDOM);
        UpdateEnvelope envelope = UpdateEnvelopeCipher.seal(new UpdateHeader(WorkspaceId.LINK_SHARED, noteId, 0,
                        IdentityKeyId.of(author.publicIdentity()), 1, UpdateHash.NONE), utf8("vandalism"),
                stranger.encryptionKey(), author, RANDOM);
        NoteItem theirs = NoteItemCipher.sign(NoteItemKind.UPDATE, 0, author.publicIdentity(), null, envelope,
                stranger.writeKey());

        assertThrows(InvalidSignatureException.class, theirs::verifyForStorage);
        assertThrows(AuthenticationFailedException.class, () -> cipher.open(theirs));
    }

    @Test
    void clearFieldsChangedAndResignedByALinkHolder_failTheSealedCopyCheck() throws Exception {
        // A holder of the write key can re-sign the outer item, but not the author's envelope inside it.
        NoteItem update = update(1, UpdateHash.NONE, "hello");
        NoteItem relabelled = NoteItemCipher.sign(NoteItemKind.SNAPSHOT, 9, author.publicIdentity(), null,
                update.envelope(),
                keys.writeKey());

        relabelled.verifyForStorage();
        assertThrows(InvalidMessageException.class, () -> cipher.open(relabelled));
    }

    @Test
    void itemClaimingAnotherAuthor_failsTheAuthorSignature() throws Exception {
        IdentityKeyPair impostor = IdentityKeyPair.generate(RANDOM);
        NoteItem update = update(1, UpdateHash.NONE, "hello");
        NoteItem swapped = NoteItemCipher.sign(NoteItemKind.UPDATE, 0, impostor.publicIdentity(), null,
                update.envelope(),
                keys.writeKey());

        assertThrows(InvalidSignatureException.class, swapped::verifyForStorage);
        assertThrows(InvalidSignatureException.class, () -> cipher.open(swapped));
    }

    @Test
    void parse_unknownVersion_throwsUnsupportedVersion_evenWhenShort() {
        byte[] encoded = update(1, UpdateHash.NONE, "hello").encode();
        encoded[0] = 1;

        UnsupportedVersionException e = assertThrows(UnsupportedVersionException.class, () -> NoteItem.parse(encoded));
        assertEquals(1, e.version());
        assertThrows(UnsupportedVersionException.class, () -> NoteItem.parse(new byte[] {4, 0}));
    }

    @Test
    void parse_tooShortEmptyOrBadCoverage_throwsInvalidMessage() {
        byte[] tooShort = new byte[NoteItem.MIN_LENGTH - 1];
        tooShort[0] = NoteItem.VERSION;
        assertThrows(InvalidMessageException.class, () -> NoteItem.parse(tooShort));
        assertThrows(InvalidMessageException.class, () -> NoteItem.parse(new byte[0]));

        byte[] updateCovering = update(1, UpdateHash.NONE, "hello").encode();
        updateCovering[9] = 1;
        assertThrows(InvalidMessageException.class, () -> NoteItem.parse(updateCovering));
        byte[] unknownKind = update(1, UpdateHash.NONE, "hello").encode();
        unknownKind[1] = 9;
        assertThrows(InvalidMessageException.class, () -> NoteItem.parse(unknownKind));
    }

    @Test
    void sealingASnapshotThatCoversNothing_isRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> cipher.seal(NoteItemKind.SNAPSHOT, 0, 1, UpdateHash.NONE, utf8("state")));
    }

    private NoteItem update(long sequence, UpdateHash previous, String text) {
        return cipher.seal(NoteItemKind.UPDATE, 0, sequence, previous, utf8(text));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
