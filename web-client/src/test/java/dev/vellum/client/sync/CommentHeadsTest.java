package dev.vellum.client.sync;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.protocol.comment.CommentAnchor;
import dev.vellum.protocol.comment.CommentDraft;
import dev.vellum.protocol.comment.CommentRecord;
import dev.vellum.protocol.id.NoteId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The comment side of a snapshot audit: a snapshot must keep each comment, by its author, or a later edit of it. */
class CommentHeadsTest {
    private final JvmSecureRandomSource random = new JvmSecureRandomSource();
    private final IdentityKeyPair dana = IdentityKeyPair.generate(random);
    private final IdentityKeyPair mallory = IdentityKeyPair.generate(random);
    private final NoteId note = NoteId.random(random);
    private final CommentRecord post = CommentRecord.sign(CommentDraft.post(note,
            new CommentAnchor(new byte[] {1}, 4, new byte[] {1}, 8, "quick"), "Dana's point", 1, 1_000, "Dana",
            random), dana, null);

    @Test
    void snapshotWithTheCommentOrALaterEditByItsAuthor_passes() {
        CommentHeads heads = new CommentHeads(List.of(post));

        assertTrue(heads.allHeldOrSupersededIn(List.of(post)));
        assertTrue(heads.allHeldOrSupersededIn(List.of(CommentRecord.sign(CommentDraft.edit(post, "better", 2, 2_000),
                dana, null))));
    }

    @Test
    void snapshotReplacingTheCommentByAnotherKeysRecordUnderItsId_fails() {
        CommentHeads heads = new CommentHeads(List.of(post));
        CommentRecord substitute = CommentRecord.sign(CommentDraft.edit(post, "Mallory's words", 2, 2_000), mallory,
                null);

        assertFalse(heads.allHeldOrSupersededIn(List.of(substitute)));
        assertFalse(heads.allHeldOrSupersededIn(List.of()));
    }
}
