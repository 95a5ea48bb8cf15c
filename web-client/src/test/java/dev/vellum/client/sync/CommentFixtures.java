package dev.vellum.client.sync;

import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.error.InvalidSignatureException;
import dev.vellum.protocol.comment.CommentAnchor;
import dev.vellum.protocol.comment.CommentDraft;
import dev.vellum.protocol.comment.CommentRecord;
import dev.vellum.protocol.id.CommentId;
import dev.vellum.protocol.id.NoteId;

/** Signed comment records of one anonymous author in one note, for format tests that need real ones. */
final class CommentFixtures {
    private final JvmSecureRandomSource random = new JvmSecureRandomSource();
    private final IdentityKeyPair author = IdentityKeyPair.generate(random);
    private final NoteId note = NoteId.random(random);
    private CommentId lastThread;
    private long clock;

    /** A new thread on a word, by this author. */
    CommentRecord post(String text) {
        CommentAnchor anchor = new CommentAnchor(new byte[] {1}, 4, new byte[] {1}, 8, "quick");
        CommentRecord record = CommentRecord.sign(CommentDraft.post(note, anchor, text, ++clock, 1_000 + clock,
                "Dana", random), author, null);
        lastThread = record.threadId();
        return record;
    }

    /** The last posted thread, resolved. */
    CommentRecord resolve() {
        return CommentRecord.sign(CommentDraft.resolve(note, lastThread, ++clock, 1_000 + clock, "Dana", random),
                author, null);
    }

    /** The last posted thread, reopened. */
    CommentRecord reopen() {
        return CommentRecord.sign(CommentDraft.reopen(note, lastThread, ++clock, 1_000 + clock, "Dana", random),
                author, null);
    }

    /** The author's next version of {@code previous}. */
    CommentRecord edit(CommentRecord previous, String text) {
        return CommentRecord.sign(CommentDraft.edit(previous, text, ++clock, 1_000 + clock), author, null);
    }

    boolean verifies(CommentRecord record) {
        try {
            record.verify();
            return true;
        } catch (InvalidSignatureException e) {
            return false;
        }
    }
}
