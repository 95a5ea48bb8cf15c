package dev.vellum.protocol.seal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.comment.CommentAnchor;
import dev.vellum.protocol.comment.CommentBatch;
import dev.vellum.protocol.comment.CommentDraft;
import dev.vellum.protocol.comment.CommentRecord;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.item.NoteItemKind;
import dev.vellum.protocol.item.UpdateHash;
import dev.vellum.testing.TestAccount;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Comment records signed by a note's cipher, travelling in COMMENT items (kind 3) like updates. */
class NoteItemCommentTest {
    private static final long NOW = 1_790_000_000_000L;

    private final TestAccount alice = new TestAccount("alice", "correct horse battery staple");
    private final NoteKeys keys = NoteKeys.generate(alice.random);
    private final NoteItemCipher visitor = new NoteItemCipher(keys, IdentityKeyPair.generate(alice.random),
            alice.random);
    private final NoteItemCipher device = new NoteItemCipher(keys, alice.device, alice.certificate, alice.random);
    private final CommentAnchor anchor = new CommentAnchor(new byte[] {7}, 1, new byte[] {7}, 5, "hello");

    @Test
    void kind3_isComment() throws Exception {
        assertEquals(NoteItemKind.COMMENT, NoteItemKind.fromCode(3));
        assertEquals(3, NoteItemKind.COMMENT.code());
        assertThrows(InvalidMessageException.class, () -> NoteItemKind.fromCode(4));
    }

    @Test
    void signComment_signsWithTheCiphersAuthor_andItsCertificate() throws Exception {
        CommentRecord anonymous = visitor.signComment(
                CommentDraft.post(keys.noteId(), anchor, "first", 1, NOW, "Visitor", alice.random));
        CommentRecord account = device.signComment(CommentDraft.reply(keys.noteId(), anonymous.threadId(),
                anonymous.recordId(), "second", 2, NOW, "", alice.random));

        CommentRecord.parse(anonymous.encode()).verify();
        CommentRecord.parse(account.encode()).verify();
        assertEquals(visitor.authorIdentity(), anonymous.author());
        assertEquals(visitor.authorKeyId(), anonymous.authorKeyId());
        assertNull(anonymous.credential());
        assertEquals(alice.device.publicIdentity(), account.author());
        assertEquals(alice.certificate, account.credential());
    }

    @Test
    void signComment_refusesADraftForAnotherNote_orAnAccountsChosenName() {
        CommentDraft otherNote = CommentDraft.post(NoteId.random(alice.random), anchor, "x", 1, NOW, "", alice.random);
        assertThrows(IllegalArgumentException.class, () -> visitor.signComment(otherNote));

        CommentDraft named = CommentDraft.post(keys.noteId(), anchor, "x", 1, NOW, "Alice", alice.random);
        assertThrows(IllegalArgumentException.class, () -> device.signComment(named));
    }

    @Test
    void aCommentItem_sealsParsesAndOpens_likeAnUpdate() throws Exception {
        CommentRecord first = device.signComment(
                CommentDraft.post(keys.noteId(), anchor, "looks good", 1, NOW, "", alice.random));
        CommentRecord resolved = device.signComment(
                CommentDraft.resolve(keys.noteId(), first.threadId(), 2, NOW, "", alice.random));
        NoteItem item = NoteItem.parse(device.seal(NoteItemKind.COMMENT, 0, 1, UpdateHash.NONE,
                CommentBatch.encode(List.of(first, resolved))).encode());

        item.verifyForStorage();
        assertEquals(NoteItemKind.COMMENT, item.kind());
        assertEquals(0, item.covers());
        NoteItemCipher reader = new NoteItemCipher(NoteKeys.fromSecret(keys.secret()),
                IdentityKeyPair.generate(alice.random), alice.random);
        List<CommentRecord> records = CommentBatch.parse(reader.open(item));
        assertEquals(List.of(first, resolved), records);
    }

    @Test
    void aCommentItem_coversNothing() {
        byte[] body = CommentBatch.encode(List.of(visitor.signComment(
                CommentDraft.post(keys.noteId(), anchor, "x", 1, NOW, "", alice.random))));
        assertThrows(IllegalArgumentException.class,
                () -> visitor.seal(NoteItemKind.COMMENT, 1, 1, UpdateHash.NONE, body));

        byte[] covering = visitor.seal(NoteItemKind.COMMENT, 0, 1, UpdateHash.NONE, body).encode();
        covering[9] = 1;
        InvalidMessageException e = assertThrows(InvalidMessageException.class, () -> NoteItem.parse(covering));
        assertEquals("a comment item covers no revisions", e.getMessage());
    }

    @Test
    void anUpdateRelabelledAsComments_doesNotOpen() {
        NoteItem update = visitor.seal(NoteItemKind.UPDATE, 0, 1, UpdateHash.NONE, new byte[] {1, 2, 3});
        NoteItem relabelled = NoteItemCipher.sign(NoteItemKind.COMMENT, 0, visitor.authorIdentity(), null,
                update.envelope(), keys.writeKey());

        assertThrows(InvalidMessageException.class, () -> visitor.open(relabelled));
    }
}
