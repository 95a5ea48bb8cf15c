package dev.vellum.client.sync;

import dev.vellum.client.comment.CommentWarning;

/**
 * Something wrong with the history the server sent, shown to the person until they dismiss it. Apart from a gap,
 * the item concerned was not applied. Authors are named by their username when the item carries a device certificate
 * that verifies, else by the first hex digits of their key id.
 */
public record SyncWarning(Kind kind, String message) {
    public enum Kind {
        BAD_SIGNATURE, UNREADABLE, REPLAY, GAP, BROKEN_CHAIN, SERVER_BEHIND, HISTORY_REWRITTEN,
        /** Someone present says the note has more than the server sent this reader; taken back once it arrives. */
        WITHHELD,
        /** The same change, or the same characters, came in two versions: different people see different texts. */
        EQUIVOCATION,
        /** A snapshot's text is not the merge of the changes it says it covers. */
        FORGED_SNAPSHOT,
        /** Not about the history's integrity: the server could not list the note's versions just now. */
        VERSIONS_UNAVAILABLE,
        /** A workspace note's change by someone the membership log does not let write (a viewer, a stranger). */
        NOT_A_WRITER,
        /** A change's author saw another membership log than this browser at the same position. */
        MEMBERSHIP_FORK,
        /** A change's author saw membership changes the server does not show this browser. */
        MEMBERSHIP_WITHHELD,
        /**
         * A comment that is not what it claims: an edit of someone else's comment, a record that does not verify, is
         * not signed by the change that carries it, or names another note. It was not applied.
         */
        FORGED_COMMENT
    }

    private static final String RELOAD_ADVICE = "Reloading fetches the note again; if this keeps happening, the "
            + "server is not passing on what others wrote as they wrote it.";

    static SyncWarning badSignature(String author) {
        return new SyncWarning(Kind.BAD_SIGNATURE, "A change claiming to be from author " + author
                + " has a bad signature. It was not applied. " + RELOAD_ADVICE);
    }

    static SyncWarning forgedCredential(String author) {
        return new SyncWarning(Kind.BAD_SIGNATURE, "A change from author " + author + " claims an account whose "
                + "certificate does not verify. It was not applied. " + RELOAD_ADVICE);
    }

    static SyncWarning unreadable(String author) {
        return new SyncWarning(Kind.UNREADABLE, "A change from author " + author
                + " failed its integrity check. It was not applied. " + RELOAD_ADVICE);
    }

    static SyncWarning replay(long sequence, String author) {
        return new SyncWarning(Kind.REPLAY, "The server sent change " + sequence + " of author " + author
                + " again. The repeat was not applied.");
    }

    static SyncWarning brokenChain(long sequence, String author) {
        return new SyncWarning(Kind.BROKEN_CHAIN, "Change " + sequence + " of author " + author
                + " does not follow their previous change: their history was altered. It was not applied.");
    }

    static SyncWarning gap(long missing, String author) {
        boolean one = missing == 1;
        return new SyncWarning(Kind.GAP, (one ? "1 change" : missing + " changes") + " of author " + author
                + (one ? " is" : " are") + " missing: the server withheld or lost " + (one ? "it" : "them")
                + ". Their later changes are applied; what builds on the missing ones shows once they arrive. "
                + RELOAD_ADVICE);
    }

    static SyncWarning badVersion(String author) {
        return new SyncWarning(Kind.BAD_SIGNATURE, "A version in the history claiming to be from author " + author
                + " failed its checks and is not shown.");
    }

    static SyncWarning serverBehind(long seen, long serverHas) {
        return new SyncWarning(Kind.SERVER_BEHIND, "The server has " + serverHas + " changes of this note, but this "
                + "browser had seen " + seen + ": it lost some, or was restored from an older backup. This browser's "
                + "copy is being sent back to it and the note fetched again, so nothing is lost.");
    }

    static SyncWarning historyRewritten(long revision) {
        return new SyncWarning(Kind.HISTORY_REWRITTEN, "The server now has another change under number " + revision
                + " than the one this browser applied: it lost changes (after a crash, or a restore from an older "
                + "backup) and has since given their numbers to new ones. This browser is fetching the note again "
                + "and sending its copy back to the server, so nothing is lost and everyone ends with the same text.");
    }

    static SyncWarning withheldChanges(String person, long theirs, long mine) {
        long missing = theirs - mine;
        return new SyncWarning(Kind.WITHHELD, "The server is holding back changes by " + person + ": they have "
                + "stored " + theirs + (theirs == 1 ? " change" : " changes") + " in this note, and this browser has "
                + "received " + mine + " of them (" + missing + " missing). This warning goes once they arrive.");
    }

    static SyncWarning notSentLatest(String person, long theirs, long mine) {
        return new SyncWarning(Kind.WITHHELD, "The server has not sent you the latest changes: " + person
                + " has been sent changes up to number " + theirs + ", and this browser only up to " + mine
                + ". This warning goes once they arrive.");
    }

    static SyncWarning skippedButServed(String person, long revision) {
        return new SyncWarning(Kind.WITHHELD, "The server has not sent you the latest changes: it never sent this "
                + "browser change number " + revision + ", which " + person + " was sent. Reloading asks for the "
                + "note again.");
    }

    static SyncWarning equivocatingAuthor(String person, long sequence) {
        return new SyncWarning(Kind.EQUIVOCATION, "Change " + sequence + " of " + person + " is not the one they "
                + "say they wrote: the server or " + person + " showed different versions of it to different "
                + "people, so your texts may differ. Reloading will not fix this; tell the others.");
    }

    static SyncWarning differentHistories(String person, long revision) {
        return new SyncWarning(Kind.EQUIVOCATION, "The server showed " + person + " another change under number "
                + revision + " than it showed this browser: it shows different histories to different people, so "
                + "your texts may differ.");
    }

    static SyncWarning conflictingText(String author, long sequence) {
        return new SyncWarning(Kind.EQUIVOCATION, "Change " + sequence + " of author " + author + " gives "
                + "characters this browser already has another text: someone with the link sent different versions "
                + "of the same text to different people. This browser keeps the version it received first.");
    }

    static SyncWarning forgedSnapshot(String author, String name) {
        return new SyncWarning(Kind.FORGED_SNAPSHOT, "A saved version by author " + author + " (\"" + name
                + "\") does not match the changes it says it covers: its text was altered. This browser ignores it; "
                + "anyone who opens the note from it may see the altered text.");
    }

    static SyncWarning snapshotsDisagree(String author, String name) {
        return new SyncWarning(Kind.FORGED_SNAPSHOT, "A saved version by author " + author + " (\"" + name
                + "\") and the one this note opened from do not agree on the changes they cover: one of them was "
                + "altered. Compare the text with someone who had the note open before either was made.");
    }

    static SyncWarning openedFromForged(String person, String author) {
        return new SyncWarning(Kind.FORGED_SNAPSHOT, "The saved version this note opened from (by author " + author
                + ") was checked by " + person + ", who has the changes it covers, and does not match them: the "
                + "text shown here may have been altered. Compare with " + person + " before relying on it.");
    }

    static SyncWarning versionsUnavailable() {
        return new SyncWarning(Kind.VERSIONS_UNAVAILABLE, "The note's earlier versions could not be listed just "
                + "now. Try again in a moment.");
    }

    static SyncWarning notAWriter(String author) {
        return new SyncWarning(Kind.NOT_A_WRITER, "A change from " + author + " was refused: the workspace's "
                + "membership list does not let them write in it (a viewer, or someone who is not a member). It was "
                + "not applied.");
    }

    static SyncWarning membershipFork(String author) {
        return new SyncWarning(Kind.MEMBERSHIP_FORK, "A change from " + author + " was written with another "
                + "membership list of this workspace than the one this browser verified: the server shows different "
                + "people different members. It was not applied. Compare the members list with " + author + ".");
    }

    static SyncWarning notAMember(String author) {
        return new SyncWarning(Kind.NOT_A_WRITER, "A comment from " + author + " was refused: the workspace's "
                + "membership list does not let them comment in it (they are not a member for its key). It was not "
                + "applied.");
    }

    /** A comment record every reader refuses (or settles alike), as the comment model words it. */
    static SyncWarning fromComment(CommentWarning warning) {
        return new SyncWarning(warning.kind() == CommentWarning.Kind.EQUIVOCATION ? Kind.EQUIVOCATION
                : Kind.FORGED_COMMENT, warning.message());
    }

    static SyncWarning badComment(String author, String why) {
        return new SyncWarning(Kind.FORGED_COMMENT, "Comments sent by " + author + " were refused: " + why + ". "
                + "They were not applied. " + RELOAD_ADVICE);
    }

    static SyncWarning badCommentInVersion(String author, String why) {
        return new SyncWarning(Kind.FORGED_COMMENT, "A saved version by author " + author + " carries comments that "
                + "were left out: " + why + ". The other comments and the text are not affected.");
    }

    static SyncWarning forgedSnapshotComments(String author, String name) {
        return new SyncWarning(Kind.FORGED_SNAPSHOT, "A saved version by author " + author + " (\"" + name
                + "\") leaves out comments, or holds older versions of them, than the changes it says it covers: its "
                + "comments were altered. This browser ignores it; anyone who opens the note from it may miss those "
                + "comments.");
    }

    static SyncWarning membershipWithheld(String author) {
        return new SyncWarning(Kind.MEMBERSHIP_WITHHELD, "A change from " + author + " was written after "
                + "membership changes that the server does not show this browser, even when asked again: it is "
                + "withholding them. Changes that depend on them are not applied.");
    }
}
