package dev.vellum.client.sync;

/** The editor without a browser: its text is whatever the test types, with the caret at the end of the edit. */
final class FakeNoteView implements NoteView {
    String text = "";
    int caret;
    boolean editable = true;
    SyncStatus status;
    String detail = "";
    java.util.List<PeerCursor> peers = java.util.List.of();
    final java.util.List<SyncWarning> warnings = new java.util.ArrayList<>();
    java.util.List<HistoryVersion> history;
    boolean moreHistory;
    /** The comment threads last shown, and how many were open; how many times they were shown. */
    java.util.List<dev.vellum.client.comment.CommentThread> threads = java.util.List.of();
    int openThreads;
    int commentsShown;

    @Override
    public void showComments(java.util.List<dev.vellum.client.comment.CommentThread> newThreads, int openCount) {
        threads = newThreads;
        openThreads = openCount;
        commentsShown++;
    }

    @Override
    public void showWarning(SyncWarning warning) {
        warnings.add(warning);
    }

    /** Warnings taken back, in order; {@link #warnings} keeps every warning ever shown. */
    final java.util.List<SyncWarning> withdrawn = new java.util.ArrayList<>();

    @Override
    public void withdrawWarning(SyncWarning warning) {
        withdrawn.add(warning);
    }

    /** The warnings on the page now: shown and not taken back. */
    java.util.List<SyncWarning> standing() {
        java.util.List<SyncWarning> standing = new java.util.ArrayList<>(warnings);
        withdrawn.forEach(standing::remove);
        return standing;
    }

    @Override
    public void showHistory(java.util.List<HistoryVersion> versions, boolean more) {
        history = versions;
        moreHistory = more;
    }

    /** The kinds of warning shown so far, in order. */
    java.util.List<SyncWarning.Kind> warningKinds() {
        return warnings.stream().map(SyncWarning::kind).toList();
    }

    /** Types {@code insert} at {@code position}, as a person would: the caret ends after it. */
    void type(int position, String insert) {
        text = text.substring(0, position) + insert + text.substring(position);
        caret = position + insert.length();
    }

    @Override
    public void replaceText(String newText, int selectionStart, int selectionEnd) {
        text = newText;
        caret = selectionEnd;
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
