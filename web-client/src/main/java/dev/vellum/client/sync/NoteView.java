package dev.vellum.client.sync;

import dev.vellum.client.comment.CommentThread;
import java.util.List;

/**
 * The editor as {@link NoteSync} sees it: a place to push changes to, never one it reads from. The editor tells sync
 * its text and selection after every input and selection change ({@link NoteSync#onLocalEdit},
 * {@link NoteSync#onSelectionChange}); the browser implementation lives in the ui package.
 */
public interface NoteView {
    /** Replaces the whole text after a remote change, with the selection on the same characters as before. */
    void replaceText(String text, int selectionStart, int selectionEnd);

    void setEditable(boolean editable);

    void showStatus(SyncStatus status, String detail);

    /** Shows the other people in the note and where their carets are; an empty list when alone. */
    void showPresence(List<PeerCursor> peers);

    /** Tells the person that something in the note's history failed a check; stays until they dismiss it. */
    void showWarning(SyncWarning warning);

    /** Takes back a warning shown before, once what it said is no longer so (the withheld changes arrived). */
    void withdrawWarning(SyncWarning warning);

    /**
     * Shows the note's comment threads, in text order (detached ones after), and how many are open. Called once the
     * note is shown and whenever a thread, a comment or an anchored range changes (after the person's and others'
     * edits too, since ranges move with the text); not when nothing changed. A view that shows no comments (a test's,
     * a benchmark's) may ignore it.
     */
    default void showComments(List<CommentThread> threads, int openCount) {
    }

    /**
     * Lists versions answering {@link NoteSync#requestHistory()}, newest first; {@code more} says whether older ones
     * may exist. Versions that failed their checks are left out (and warned about).
     */
    void showHistory(List<HistoryVersion> versions, boolean more);
}
