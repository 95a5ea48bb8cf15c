package dev.vellum.client.sync;

/** The editor without a browser: its text is whatever the test types, with the caret at the end of the edit. */
final class FakeNoteView implements NoteView {
    String text = "";
    int caret;
    boolean editable = true;
    SyncStatus status;
    String detail = "";
    java.util.List<PeerCursor> peers = java.util.List.of();

    /** Types {@code insert} at {@code position}, as a person would: the caret ends after it. */
    void type(int position, String insert) {
        text = text.substring(0, position) + insert + text.substring(position);
        caret = position + insert.length();
    }

    @Override
    public String text() {
        return text;
    }

    @Override
    public int caret() {
        return caret;
    }

    @Override
    public void replaceText(String newText) {
        text = newText;
        caret = Math.min(caret, newText.length());
    }

    @Override
    public void setEditable(boolean value) {
        editable = value;
    }

    @Override
    public void showPresence(java.util.List<PeerCursor> newPeers) {
        peers = newPeers;
    }

    @Override
    public void showStatus(SyncStatus newStatus, String newDetail) {
        status = newStatus;
        detail = newDetail;
    }
}
