package dev.vellum.protocol.comment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.protocol.id.CommentId;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.testing.FixedRandomSource;
import org.junit.jupiter.api.Test;

class CommentDraftTest {
    private static final RandomSource RANDOM = new JvmSecureRandomSource();
    private static final long NOW = 1_790_000_000_000L;

    private final NoteId noteId = NoteId.random(RANDOM);
    private final IdentityKeyPair author = IdentityKeyPair.generate(RANDOM);
    private final CommentAnchor anchor = new CommentAnchor(new byte[] {1}, 0, new byte[] {1}, 4, "hello");
    private final CommentId thread = CommentId.random(RANDOM);

    @Test
    void post_startsAThreadNamedByItsFirstComment() {
        CommentDraft post = CommentDraft.post(noteId, anchor, "text", 7, NOW, "Ann", RANDOM);

        assertEquals(CommentType.COMMENT, post.type());
        assertEquals(post.recordId(), post.threadId());
        assertTrue(post.parentId().isZero());
        assertEquals(anchor, post.anchor());
        assertEquals(0, post.edit());
        assertEquals(7, post.clock());
        assertEquals(NOW, post.createdAtMillis());
        assertEquals("Ann", post.authorName());
    }

    @Test
    void reply_hasAFreshIdInItsThread_andNoAnchor() {
        CommentDraft reply = CommentDraft.reply(noteId, thread, thread, "me too", 2, NOW, "", RANDOM);

        assertEquals(thread, reply.threadId());
        assertEquals(thread, reply.parentId());
        assertNotEquals(thread, reply.recordId());
        assertNull(reply.anchor());
        assertThrows(IllegalArgumentException.class,
                () -> CommentDraft.reply(noteId, thread, CommentId.ZERO, "x", 2, NOW, "", RANDOM));
    }

    @Test
    void editAndDelete_keepIdsParentAnchorAndName_andCountEdits() {
        CommentRecord first = CommentRecord.sign(CommentDraft.post(noteId, anchor, "v1", 1, NOW, "Ann", RANDOM),
                author, null);
        CommentDraft edit = CommentDraft.edit(first, "v2", 5, NOW + 10);
        CommentRecord edited = CommentRecord.sign(edit, author, null);
        CommentDraft delete = CommentDraft.delete(edited, 6, NOW + 20);

        assertEquals(first.recordId(), edit.recordId());
        assertEquals(first.threadId(), edit.threadId());
        assertEquals(anchor, edit.anchor());
        assertEquals("Ann", edit.authorName());
        assertEquals(1, edit.edit());
        assertEquals("v2", edit.text());
        assertEquals(5, edit.clock());
        assertEquals(2, delete.edit());
        assertTrue(delete.deleted());
        assertEquals("", delete.text());
        assertEquals(anchor, delete.anchor());
        CommentRecord deleted = CommentRecord.sign(delete, author, null);
        assertThrows(IllegalArgumentException.class, () -> CommentDraft.edit(deleted, "back", 7, NOW));
        assertThrows(IllegalArgumentException.class, () -> CommentDraft.delete(deleted, 7, NOW));
    }

    @Test
    void resolveAndReopen_areThreadStatesWithIdsOfTheirOwn() {
        CommentDraft resolve = CommentDraft.resolve(noteId, thread, 3, NOW, "", RANDOM);
        CommentDraft reopen = CommentDraft.reopen(noteId, thread, 4, NOW, "", RANDOM);

        assertEquals(CommentType.THREAD_STATE, resolve.type());
        assertTrue(resolve.resolved());
        assertFalse(reopen.resolved());
        assertEquals(thread, resolve.threadId());
        assertNotEquals(thread, resolve.recordId());
        assertNotEquals(resolve.recordId(), reopen.recordId());
        assertTrue(resolve.parentId().isZero());
        CommentRecord state = CommentRecord.sign(resolve, author, null);
        assertThrows(IllegalArgumentException.class, () -> CommentDraft.edit(state, "x", 5, NOW));
    }

    @Test
    void anchorPresence_isRequiredOnAThreadsFirstCommentAndRefusedElsewhere() {
        assertThrows(IllegalArgumentException.class, () -> comment(thread, thread, CommentId.ZERO, null, "x"));
        CommentId reply = CommentId.random(RANDOM);
        assertThrows(IllegalArgumentException.class, () -> comment(thread, reply, thread, anchor, "x"));
        assertThrows(IllegalArgumentException.class, () -> new CommentDraft(CommentType.THREAD_STATE, noteId, thread,
                reply, CommentId.ZERO, 0, 1, NOW, false, true, anchor, "", ""));
        comment(thread, thread, CommentId.ZERO, anchor, "x");
        comment(thread, reply, thread, null, "x");
    }

    @Test
    void idsThatContradictTheThread_areRefused() {
        CommentId other = CommentId.random(RANDOM);
        assertThrows(IllegalArgumentException.class, () -> comment(other, thread, CommentId.ZERO, anchor, "x"));
        assertThrows(IllegalArgumentException.class, () -> comment(thread, thread, other, null, "x"));
        assertThrows(IllegalArgumentException.class, () -> comment(thread, other, other, null, "x"));
        assertThrows(IllegalArgumentException.class, () -> comment(CommentId.ZERO, CommentId.ZERO, CommentId.ZERO,
                anchor, "x"));
        assertThrows(IllegalArgumentException.class, () -> new CommentDraft(CommentType.THREAD_STATE, noteId, thread,
                thread, CommentId.ZERO, 0, 1, NOW, false, true, null, "", ""));
    }

    @Test
    void countersAndFlags_followTheRules() {
        assertThrows(IllegalArgumentException.class, () -> new CommentDraft(CommentType.COMMENT, noteId, thread,
                thread, CommentId.ZERO, 0, 0, NOW, false, false, anchor, "x", ""));
        assertThrows(IllegalArgumentException.class, () -> new CommentDraft(CommentType.COMMENT, noteId, thread,
                thread, CommentId.ZERO, -1, 1, NOW, false, false, anchor, "x", ""));
        assertThrows(IllegalArgumentException.class, () -> new CommentDraft(CommentType.COMMENT, noteId, thread,
                thread, CommentId.ZERO, 0, 1, -1, false, false, anchor, "x", ""));
        assertThrows(IllegalArgumentException.class, () -> new CommentDraft(CommentType.COMMENT, noteId, thread,
                thread, CommentId.ZERO, 0, 1, NOW, false, true, anchor, "x", ""));
        assertThrows(IllegalArgumentException.class, () -> new CommentDraft(CommentType.COMMENT, noteId, thread,
                thread, CommentId.ZERO, 0, 1, NOW, true, false, anchor, "", ""));
        assertThrows(IllegalArgumentException.class, () -> new CommentDraft(CommentType.COMMENT, noteId, thread,
                thread, CommentId.ZERO, 1, 1, NOW, true, false, anchor, "still here", ""));
        assertThrows(IllegalArgumentException.class, () -> new CommentDraft(CommentType.THREAD_STATE, noteId, thread,
                CommentId.random(RANDOM), CommentId.ZERO, 0, 1, NOW, true, false, null, "", ""));
        assertThrows(IllegalArgumentException.class, () -> new CommentDraft(CommentType.THREAD_STATE, noteId, thread,
                CommentId.random(RANDOM), CommentId.ZERO, 1, 1, NOW, false, true, null, "", ""));
        assertThrows(IllegalArgumentException.class, () -> new CommentDraft(CommentType.THREAD_STATE, noteId, thread,
                CommentId.random(RANDOM), CommentId.ZERO, 0, 1, NOW, false, true, null, "why", ""));
    }

    @Test
    void aCommentSaysSomething() {
        assertThrows(IllegalArgumentException.class,
                () -> CommentDraft.post(noteId, anchor, "", 1, NOW, "", RANDOM));
    }

    @Test
    void textAndNameLimits_areInBytesOfUtf8() {
        CommentDraft.post(noteId, anchor, "é".repeat(10_000), 1, NOW, "ü".repeat(30), RANDOM);
        assertThrows(IllegalArgumentException.class,
                () -> CommentDraft.post(noteId, anchor, "é".repeat(10_000) + "a", 1, NOW, "", RANDOM));
        assertThrows(IllegalArgumentException.class,
                () -> CommentDraft.post(noteId, anchor, "x", 1, NOW, "ü".repeat(30) + "a", RANDOM));
    }

    @Test
    void unpairedSurrogates_becomeReplacementCharacters_soTheTextSurvivesSigning() throws Exception {
        CommentDraft draft = CommentDraft.post(noteId, anchor, "bye " + "👋".charAt(0), 1, NOW,
                "👋".charAt(1) + "Ann", RANDOM);

        assertEquals("bye \uFFFD", draft.text());
        assertEquals("\uFFFDAnn", draft.authorName());
        CommentRecord parsed = CommentRecord.parse(CommentRecord.sign(draft, author, null).encode());
        assertEquals("bye \uFFFD", parsed.text());
        assertEquals("\uFFFDAnn", parsed.authorName());
    }

    @Test
    void freshIds_areNeverZero() {
        byte[] zeroThenOne = new byte[32];
        zeroThenOne[31] = 1;

        CommentId id = CommentId.random(new FixedRandomSource(zeroThenOne));
        assertFalse(id.isZero());
        assertEquals("00000000000000000000000000000001", id.toHex());
    }

    @Test
    void toString_namesIdsAndNotTheText() {
        CommentDraft draft = CommentDraft.post(noteId, anchor, "confidential remark", 1, NOW, "", RANDOM);

        assertFalse(draft.toString().contains("confidential"));
        assertFalse(CommentRecord.sign(draft, author, null).toString().contains("confidential"));
    }

    private CommentDraft comment(CommentId threadId, CommentId recordId, CommentId parentId, CommentAnchor a,
                                 String text) {
        return new CommentDraft(CommentType.COMMENT, noteId, threadId, recordId, parentId, 0, 1, NOW, false, false,
                a, text, "");
    }
}
