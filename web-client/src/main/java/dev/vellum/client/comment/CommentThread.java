package dev.vellum.client.comment;

import dev.vellum.client.crdt.AnchoredRange;
import dev.vellum.protocol.id.CommentId;
import java.util.List;

/**
 * One thread as the panel shows it: where its anchored text is now (or that it is detached), the text it was
 * started on, whether it is resolved, and its comments in reply order (each comment followed by the replies to it).
 *
 * @param threadId the thread's id (its first comment's)
 * @param range where the anchored text is in the current text, or {@link AnchoredRange#detached()}
 * @param quote the selected text when the thread was started, as a detached thread shows it
 * @param resolved whether the thread's latest state is resolved
 * @param comments the thread's comments, its first comment first
 */
public record CommentThread(CommentId threadId, AnchoredRange range, String quote, boolean resolved,
                            List<CommentView> comments) {
    public CommentThread {
        comments = List.copyOf(comments);
    }

    /** Whether the anchored text is gone: the thread is kept and shown with its quote. */
    public boolean detached() {
        return range.isDetached();
    }
}
