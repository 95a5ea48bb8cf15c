package dev.vellum.client.comment;

import dev.vellum.client.people.PersonName;
import dev.vellum.protocol.id.CommentId;
import dev.vellum.protocol.id.IdentityKeyId;

/**
 * One comment as the panel shows it: its current version (after edits), who wrote it and whether it is the
 * reader's own (which only its author can edit or delete: on any device of their account, or, for an anonymous
 * visitor, with the key of the visit that posted it; see {@link CommentOwner}).
 *
 * @param id the comment's id
 * @param parentId the comment it answers, or {@link CommentId#ZERO} for a thread's first comment
 * @param authorKeyId the key that signed its current version
 * @param author how its author is named ({@link PersonName#label()} is what to show)
 * @param text its current text; empty once deleted
 * @param deleted whether its author took it back
 * @param edited whether its text was changed after posting (a deletion is not counted as an edit)
 * @param postedAtMillis when it was posted, by its author's clock, as far as this reader knows (its first version
 *                       held; a reader who only holds a later version, from a snapshot, sees that version's time)
 * @param mine whether this reader is its author ({@link CommentOwner#owns}): then this reader may edit and delete it
 */
public record CommentView(CommentId id, CommentId parentId, IdentityKeyId authorKeyId, PersonName author,
                          String text, boolean deleted, boolean edited, long postedAtMillis, boolean mine) {
    /** The author's username or chosen name, unmarked; use {@link PersonName#label()} to show it. */
    public String authorName() {
        return author.text();
    }
}
