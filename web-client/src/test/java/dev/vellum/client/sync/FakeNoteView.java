package dev.vellum.client.sync;

/** The editor without a browser: its text is whatever the test types. */
final class FakeNoteView implements NoteView {
    String text = "";
    boolean editable = true;
    SyncStatus status;
    String detail = "";

    @Override
    public String text() {
        return text;
    }

    @Override
    public void replaceText(String newText) {
        text = newText;
    }

    @Override
    public void setEditable(boolean value) {
        editable = value;
    }

    @Override
    public void showStatus(SyncStatus newStatus, String newDetail) {
        status = newStatus;
        detail = newDetail;
    }
}
