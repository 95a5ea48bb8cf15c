package dev.vellum.client.sync;

import dev.vellum.client.crdt.CharId;

/**
 * The editor as the person last left it (their selection, and the text it shows), told by the editor after every
 * input and selection change, so that sync never reads the view back. When others' changes arrive, the selection is
 * kept on the same characters, however many places one change touches, and the new text is pushed to the view.
 */
final class EditorMirror {
    private final SyncState state;
    /** The text the editor shows: what it last told, or what was last pushed to it. */
    private String shown = "";
    private int selectionStart;
    private int selectionEnd;
    /** The selection as the characters it follows, taken before others' changes apply; null: not known. */
    private CharId startAnchor;
    private CharId endAnchor;

    EditorMirror(SyncState state) {
        this.state = state;
    }

    /** The person typed: the editor now shows {@code text}, with this selection. */
    void onEdited(String text, int start, int end) {
        shown = text;
        onSelection(start, end);
    }

    void onSelection(int start, int end) {
        selectionStart = Math.max(0, Math.min(start, shown.length()));
        selectionEnd = Math.max(selectionStart, Math.min(end, shown.length()));
    }

    /** Where the selection starts in the note's text (the caret, when nothing is selected). */
    int selectionStart() {
        return Math.min(selectionStart, state.doc.length());
    }

    /** Where the selection ends: the caret, which places an ambiguous insert where the person typed it. */
    int selectionEnd() {
        return Math.min(selectionEnd, state.doc.length());
    }

    /** Ties the selection to its characters before others' changes move the positions. */
    void remember() {
        boolean inStep = state.loaded && shown.length() == state.doc.length();
        startAnchor = inStep ? state.doc.charBefore(selectionStart) : null;
        endAnchor = inStep ? state.doc.charBefore(selectionEnd) : null;
    }

    /** Pushes the note's text to the editor if it changed, with the selection on the characters it was on. */
    void show() {
        String text = state.doc.text();
        if (text.equals(shown)) {
            return;
        }
        int start = startAnchor == null ? Math.min(selectionStart, text.length())
                : state.doc.positionAfter(startAnchor);
        int end = endAnchor == null ? Math.min(selectionEnd, text.length()) : state.doc.positionAfter(endAnchor);
        shown = text;
        selectionStart = start;
        selectionEnd = Math.max(start, end);
        state.view.replaceText(text, selectionStart, selectionEnd);
    }
}
