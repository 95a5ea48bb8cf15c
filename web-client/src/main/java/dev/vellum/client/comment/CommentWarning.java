package dev.vellum.client.comment;

import dev.vellum.client.people.PersonName;
import dev.vellum.protocol.id.CommentId;
import dev.vellum.protocol.id.IdentityKeyId;

/**
 * A comment record every reader refuses (or, for an equivocation, settles the same way), to be shown to the person
 * in words: someone tried to change a comment that is not theirs, an author sent two versions of one edit, or a
 * record names another note or thread than where it came.
 *
 * @param kind what was wrong
 * @param commentId the comment (or thread state) concerned
 * @param sender the key that signed the refused record
 * @param senderName how that key's owner is named
 * @param holder the key that signed the comment's version in force, for a forged edit; otherwise the sender again
 * @param holderName how the holder is named
 */
public record CommentWarning(Kind kind, CommentId commentId, IdentityKeyId sender, PersonName senderName,
                             IdentityKeyId holder, PersonName holderName) {
    /** Why a record was refused. */
    public enum Kind {
        /**
         * A record for an existing comment by another author than the comment's ({@link CommentOwner}: another
         * account, or another key for an anonymous comment): refused.
         */
        FORGED_EDIT,
        /**
         * The comment's own key signed two different records as the same edit, or its author moved the comment to
         * another thread or parent: the encoding that sorts first is kept (everywhere alike), or the move is refused.
         */
        EQUIVOCATION,
        /** A record for another note: refused. */
        WRONG_NOTE,
        /** A reply whose parent is in another thread, or a thread state for a comment that starts no thread. */
        WRONG_THREAD
    }

    /** What to tell the person, naming both sides where there are two. */
    public String message() {
        switch (kind) {
            case FORGED_EDIT:
                return forger() + " tried to change a comment by " + holderName.label() + ". The change was refused.";
            case EQUIVOCATION:
                return senderName.label() + " sent two different versions of the same comment. Everyone keeps the"
                        + " same one.";
            case WRONG_NOTE:
                return "A comment by " + senderName.label() + " belongs to another note. It was refused.";
            default:
                return "A comment by " + senderName.label() + " names a thread it is not part of. It was refused.";
        }
    }

    /**
     * Who sent a forged edit. A forged edit is by another author than the comment's (see {@link CommentOwner}), yet
     * its name may read the same: a visitor's name is only a claim, and a forged edit naturally carries the name of
     * the comment it copies; and an account's username is only as good as its identity keys, which another account
     * (or a self-made certificate) does not share. Named by the name alone, the warning would say the author tried to
     * change their own comment, blaming the victim.
     */
    private String forger() {
        String label = senderName.label();
        if (label.equals(holderName.label())) {
            return "Someone else, using the name " + label + ",";
        }
        return label;
    }
}
