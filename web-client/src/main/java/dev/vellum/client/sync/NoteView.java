package dev.vellum.client.sync;

/** The editor as {@link NoteSync} sees it; the browser implementation lives in the ui package. */
public interface NoteView {
    String text();

    /** Where the selection starts in {@link #text()} (the caret, when nothing is selected). */
    int selectionStart();

    /** Where the selection ends: the caret, which places an ambiguous insert where the person typed it. */
    int selectionEnd();

    /** Replaces the whole text after a remote change, with the selection on the same characters as before. */
    void replaceText(String text, int selectionStart, int selectionEnd);

    void setEditable(boolean editable);

    void showStatus(SyncStatus status, String detail);

    /** Shows the other people in the note and where their carets are; an empty list when alone. */
    void showPresence(java.util.List<PeerCursor> peers);

    /** Tells the person that something in the note's history failed a check; stays until they dismiss it. */
    void showWarning(SyncWarning warning);

    /**
     * Lists versions answering {@link NoteSync#requestHistory()}, newest first; {@code more} says whether older ones
     * may exist. Versions that failed their checks are left out (and warned about).
     */
    void showHistory(java.util.List<HistoryVersion> versions, boolean more);
}
