package dev.vellum.protocol.comment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidSignatureException;
import dev.vellum.error.UnsupportedVersionException;
import dev.vellum.error.VellumCryptoException;
import dev.vellum.protocol.account.DeviceCertificate;
import dev.vellum.protocol.id.CommentId;
import dev.vellum.protocol.id.IdentityKeyId;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.testing.TestAccount;
import org.junit.jupiter.api.Test;

class CommentRecordTest {
    private static final RandomSource RANDOM = new JvmSecureRandomSource();
    private static final long NOW = 1_790_000_000_000L;

    private final NoteId noteId = NoteId.random(RANDOM);
    private final IdentityKeyPair visitor = IdentityKeyPair.generate(RANDOM);
    private final TestAccount alice = new TestAccount("alice", "correct horse battery staple");
    private final CommentAnchor anchor =
            new CommentAnchor(new byte[] {1, 2, 3}, 7, new byte[] {9}, 12, "Grüße, 世界");

    @Test
    void post_signThenParse_readsBackEveryField_andVerifies() throws Exception {
        CommentDraft draft = CommentDraft.post(noteId, anchor, "Is this right? ✓", 3, NOW, "Visitor", RANDOM);
        CommentRecord parsed = CommentRecord.parse(CommentRecord.sign(draft, visitor, null).encode());

        parsed.verify();
        assertEquals(CommentType.COMMENT, parsed.type());
        assertEquals(noteId, parsed.noteId());
        assertEquals(parsed.recordId(), parsed.threadId());
        assertEquals(draft.recordId(), parsed.recordId());
        assertEquals(CommentId.ZERO, parsed.parentId());
        assertTrue(parsed.startsThread());
        assertEquals(0, parsed.edit());
        assertEquals(3, parsed.clock());
        assertEquals(NOW, parsed.createdAtMillis());
        assertFalse(parsed.deleted());
        assertFalse(parsed.resolved());
        assertEquals(anchor, parsed.anchor());
        assertEquals("Is this right? ✓", parsed.text());
        assertEquals("Visitor", parsed.authorName());
        assertEquals(visitor.publicIdentity(), parsed.author());
        assertEquals(IdentityKeyId.of(visitor.publicIdentity()), parsed.authorKeyId());
        assertNull(parsed.credential());
    }

    @Test
    void accountsReplyEditDeleteAndThreadStates_roundTrip() throws Exception {
        CommentRecord first = CommentRecord.sign(
                CommentDraft.post(noteId, anchor, "first", 1, NOW, "", RANDOM), alice.device, alice.certificate);
        CommentRecord reply = CommentRecord.sign(CommentDraft.reply(noteId, first.threadId(), first.recordId(),
                "a reply", 2, NOW + 1, "", RANDOM), alice.device, alice.certificate);
        CommentRecord edited = CommentRecord.sign(CommentDraft.edit(reply, "a better reply", 3, NOW + 2),
                alice.device, alice.certificate);
        CommentRecord deleted = CommentRecord.sign(CommentDraft.delete(edited, 4, NOW + 3), alice.device,
                alice.certificate);
        CommentRecord resolved = CommentRecord.sign(CommentDraft.resolve(noteId, first.threadId(), 5, NOW + 4, "",
                RANDOM), alice.device, alice.certificate);
        CommentRecord reopened = CommentRecord.sign(CommentDraft.reopen(noteId, first.threadId(), 6, NOW + 5,
                "", RANDOM), alice.device, alice.certificate);

        for (CommentRecord record : new CommentRecord[] {first, reply, edited, deleted, resolved, reopened}) {
            CommentRecord parsed = CommentRecord.parse(record.encode());
            parsed.verify();
            assertEquals(record, parsed);
            assertArrayEquals(record.encode(), parsed.encode());
            assertEquals(alice.certificate, parsed.credential());
        }
        assertEquals(reply.recordId(), edited.recordId());
        assertEquals(first.recordId(), edited.parentId());
        assertEquals(1, edited.edit());
        assertEquals(2, deleted.edit());
        assertTrue(deleted.deleted());
        assertEquals("", deleted.text());
        assertTrue(resolved.resolved());
        assertFalse(reopened.resolved());
        assertEquals(CommentType.THREAD_STATE, reopened.type());
    }

    @Test
    void everyChangedByte_failsParsingOrVerification() {
        CommentRecord record = CommentRecord.sign(CommentDraft.post(noteId, anchor, "flip me", 1, NOW, "", RANDOM),
                alice.device, alice.certificate);
        byte[] encoded = record.encode();
        for (int i = 0; i < encoded.length; i++) {
            for (int bit : new int[] {0x01, 0x80}) {
                byte[] tampered = encoded.clone();
                tampered[i] ^= (byte) bit;
                int at = i;
                assertThrows(VellumCryptoException.class, () -> CommentRecord.parse(tampered).verify(),
                        () -> "byte " + at + " bit " + bit);
            }
        }
    }

    @Test
    void aRecordSignedByAnotherKey_doesNotVerify() throws Exception {
        byte[] encoded = CommentRecord.sign(CommentDraft.post(noteId, anchor, "mine", 1, NOW, "", RANDOM), visitor,
                null).encode();
        byte[] otherSignature = CommentRecord.sign(CommentDraft.post(noteId, anchor, "mine", 1, NOW, "", RANDOM),
                IdentityKeyPair.generate(RANDOM), null).encode();
        System.arraycopy(otherSignature, otherSignature.length - 64, encoded, encoded.length - 64, 64);

        CommentRecord parsed = CommentRecord.parse(encoded);
        assertThrows(InvalidSignatureException.class, parsed::verify);
    }

    @Test
    void unknownVersion_isUnsupported() {
        byte[] encoded = CommentRecord.sign(CommentDraft.resolve(noteId, CommentId.random(RANDOM), 1, NOW, "",
                RANDOM), visitor, null).encode();
        encoded[0] = 2;
        UnsupportedVersionException e = assertThrows(UnsupportedVersionException.class,
                () -> CommentRecord.parse(encoded));
        assertEquals(2, e.version());
        assertThrows(InvalidMessageException.class, () -> CommentRecord.parse(new byte[0]));
    }

    @Test
    void certificateOfAnotherDevice_isRefusedWhenSigningAndParsing() {
        IdentityKeyPair otherDevice = IdentityKeyPair.generate(RANDOM);
        CommentDraft draft = CommentDraft.post(noteId, anchor, "text", 1, NOW, "", RANDOM);
        assertThrows(IllegalArgumentException.class, () -> CommentRecord.sign(draft, otherDevice, alice.certificate));

        DeviceCertificate othersCertificate = alice.newDeviceCertificate(otherDevice);
        byte[] encoded = CommentRecord.sign(draft, alice.device, alice.certificate).encode();
        byte[] swapped = swapCertificate(encoded, othersCertificate);
        InvalidMessageException e = assertThrows(InvalidMessageException.class, () -> CommentRecord.parse(swapped));
        assertTrue(e.getMessage().contains("another device"), e.getMessage());
    }

    /** The record with its certificate replaced by {@code certificate} (of the same length: same username). */
    private static byte[] swapCertificate(byte[] encoded, DeviceCertificate certificate) {
        byte[] replacement = certificate.encode();
        byte[] out = encoded.clone();
        int at = encoded.length - 64 - replacement.length;
        System.arraycopy(replacement, 0, out, at, replacement.length);
        return out;
    }
}
