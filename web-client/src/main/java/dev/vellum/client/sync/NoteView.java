package dev.vellum.client.sync;

/** The editor as {@link NoteSync} sees it; the browser implementation lives in the ui package. */
public interface NoteView {
    String text();

    /** Replaces the whole text with a newer remote revision, keeping the person's caret where it belongs. */
    void replaceText(String text);

    void setEditable(boolean editable);

    void showStatus(SyncStatus status, String detail);
}
