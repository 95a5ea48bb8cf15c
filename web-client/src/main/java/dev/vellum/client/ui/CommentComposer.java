package dev.vellum.client.ui;

import java.util.function.BooleanSupplier;
import org.teavm.jso.dom.events.KeyboardEvent;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.html.HTMLTextAreaElement;

/**
 * Starting a thread: the "Comment" button beside a selection in the editor (also Ctrl+Alt+M), and the form in the
 * comments panel where the comment is written. The selected range is held while the comment is written and moves
 * with the text meanwhile (others keep typing); its anchor is taken from the CRDT when "Post" is pressed. If the
 * selected text is deleted before that, the form says so instead of commenting on nothing.
 */
final class CommentComposer {
    /** Sends a new thread's first comment, about {@code [start, end)} of the editor's text. */
    interface Post {
        void post(int start, int end, String text);
    }

    private static final int QUOTE_CHARS = 200;

    private final HTMLTextAreaElement editor;
    private final CommentHighlights highlights;
    private final BooleanSupplier canComment;
    private final Post post;
    private final HTMLElement start;
    private final HTMLElement compose;
    private final HTMLElement quote;
    private final HTMLElement problem;
    private final TextForm form;
    private Runnable showPanel = () -> { };
    /** The range being commented on while the form is open, or null. */
    private CommentMark pending;

    CommentComposer(Page page, HTMLTextAreaElement editor, CommentHighlights highlights, BooleanSupplier canComment,
                    Post post) {
        this.editor = editor;
        this.highlights = highlights;
        this.canComment = canComment;
        this.post = post;
        this.start = page.element("comment-start");
        this.compose = page.element("comment-compose");
        this.quote = page.element("comment-compose-quote");
        this.problem = page.element("comment-compose-problem");
        this.form = new TextForm("Comment", "Post", this::send).onClose(this::closed);
        compose.appendChild(form.element());
    }

    /** @param showPanel shows the comments panel, where the comment is written */
    void wire(Runnable showPanel) {
        this.showPanel = showPanel;
        HTMLDocument.current().addEventListener("selectionchange", event -> refresh());
        editor.addEventListener("scroll", event -> refresh());
        start.addEventListener("click", event -> begin());
        editor.addEventListener("keydown", event -> {
            KeyboardEvent key = (KeyboardEvent) event;
            if (key.isCtrlKey() && key.isAltKey() && "KeyM".equals(code(key))) {
                event.preventDefault();
                begin();
            }
        });
    }

    /** Shows the "Comment" button beside a selection in the editor, when the person may comment. */
    void refresh() {
        boolean selected = editor.getSelectionStart() != editor.getSelectionEnd()
                && HTMLDocument.current().getActiveElement() == editor && !editor.isHidden();
        if (!selected || !canComment.getAsBoolean()) {
            if (HTMLDocument.current().getActiveElement() != start) {
                start.setHidden(true);
            }
            return;
        }
        int top = highlights.lineTop(Math.min(editor.getSelectionStart(), editor.getSelectionEnd()))
                - editor.getScrollTop();
        int lowest = Math.max(0, editor.getClientHeight() - 40);
        start.getStyle().setProperty("top", Math.max(4, Math.min(top, lowest)) + "px");
        start.setHidden(false);
    }

    /** The text changed: the range being commented on moves with it. */
    void shift(TextShift shift) {
        if (pending != null) {
            CommentMark moved = pending.shifted(shift);
            pending = moved != null ? moved : new CommentMark(0, 0, null);
            highlights.setPending(moved);
            if (moved == null) {
                problem.setTextContent("The text you selected was deleted meanwhile. Cancel, and select the text "
                        + "again.");
                problem.setHidden(false);
            }
        }
    }

    private void begin() {
        int from = Math.min(editor.getSelectionStart(), editor.getSelectionEnd());
        int to = Math.max(editor.getSelectionStart(), editor.getSelectionEnd());
        if (from == to || !canComment.getAsBoolean()) {
            return;
        }
        pending = new CommentMark(from, to, null);
        highlights.setPending(pending);
        String selected = QuoteLabel.oneLine(editor.getValue().substring(from, to));
        quote.setTextContent("“" + (selected.length() > QUOTE_CHARS ? selected.substring(0, QUOTE_CHARS) + "…"
                : selected) + "”");
        problem.setHidden(true);
        compose.setHidden(false);
        start.setHidden(true);
        showPanel.run();
        form.open("");
    }

    private boolean send(String text) {
        CommentMark range = pending;
        if (range == null || range.start() >= range.end()) {
            return false; // the form already says the text is gone
        }
        try {
            post.post(range.start(), range.end(), text);
            return true;
        } catch (IllegalStateException | IllegalArgumentException e) {
            problem.setTextContent("This comment could not be posted: " + e.getMessage());
            problem.setHidden(false);
            return false;
        }
    }

    /** Posted or cancelled: the person goes on in the text where they were. */
    private void closed(boolean hadFocus) {
        pending = null;
        highlights.setPending(null);
        compose.setHidden(true);
        if (hadFocus) {
            editor.focus();
        }
    }

    @org.teavm.jso.JSBody(params = "event", script = "return event.code || '';")
    private static native String code(KeyboardEvent event);
}
