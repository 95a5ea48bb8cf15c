package dev.vellum.client.ui;

import dev.vellum.client.comment.CommentThread;
import dev.vellum.client.crdt.AnchoredRange;
import dev.vellum.client.sync.NoteSync;
import dev.vellum.protocol.id.CommentId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.teavm.jso.JSBody;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.html.HTMLTextAreaElement;

/**
 * The note's comments: the side panel listing its threads in text order, the toolbar button that shows and hides
 * it with the number of open threads, the highlights of their ranges in the editor and the preview, and the way
 * between them: a click in highlighted text brings its thread into view, a click on a thread selects its text.
 * Every action goes to {@link NoteSync}, which signs, keeps and sends it; what the panel shows comes back from sync
 * ({@link #show}), never from the panel's own guess, so everyone's panel shows the same merged threads.
 */
final class CommentsPanel implements ThreadCard.Host {
    private final HTMLTextAreaElement editor;
    private final HTMLElement body;
    private final HTMLElement panel;
    private final HTMLElement list;
    private final HTMLElement empty;
    private final HTMLElement toggle;
    private final HTMLElement problem;
    private final PreviewPane preview;
    private final CommentHighlights highlights;
    private final CommentComposer composer;
    private final Map<CommentId, ThreadCard> cards = new HashMap<>();
    private List<CommentThread> threads = List.of();
    private int openCount;
    private NoteSync sync;
    /** The person showed or hid the panel themselves: from then on it stays as they chose. */
    private boolean chosenByPerson;
    private CommentId active;
    /** The editor's text when last seen, to tell how a change moved the highlighted ranges. */
    private String lastText = "";

    CommentsPanel(Page page, HTMLTextAreaElement editor, PreviewPane preview) {
        this.editor = editor;
        this.preview = preview;
        this.body = page.element("editor-body");
        this.panel = page.element("comments-panel");
        this.list = page.element("comment-threads");
        this.empty = page.element("comments-empty");
        this.toggle = page.element("comments-toggle");
        this.problem = page.element("comments-problem");
        this.highlights = new CommentHighlights(page, editor);
        this.composer = new CommentComposer(page, editor, highlights, this::canComment, this::post);
    }

    void wire(NoteSync noteSync) {
        this.sync = noteSync;
        highlights.wire();
        composer.wire(() -> setShown(true));
        toggle.addEventListener("click", event -> {
            chosenByPerson = true;
            setShown(panel.isHidden());
        });
        editor.addEventListener("input", event -> followText());
        editor.addEventListener("vellum-remote-change", event -> followText());
        editor.addEventListener("click", event -> {
            if (editor.getSelectionStart() == editor.getSelectionEnd()) {
                CommentId thread = highlights.threadAt(editor.getSelectionStart());
                if (thread != null) {
                    activate(thread);
                    ThreadCard card = cards.get(thread);
                    if (card != null) {
                        setShown(true);
                        card.reveal(false); // the person clicked to write here: the focus stays in the text
                    }
                }
            }
        });
        preview.onMarkClicked(thread -> {
            activate(thread);
            ThreadCard card = cards.get(thread);
            if (card != null) {
                setShown(true);
                card.reveal(true);
            }
        });
    }

    /** The threads as sync merged them, in text order (detached ones last), and how many are open. */
    void show(List<CommentThread> newThreads, int newOpenCount) {
        this.threads = List.copyOf(newThreads);
        this.openCount = newOpenCount;
        lastText = editor.getValue();
        if (!chosenByPerson && !threads.isEmpty()) {
            setShown(true);
        }
        drawList();
        drawMarks();
        toggle.setTextContent(openCount > 0 ? "Comments (" + openCount + ")" : "Comments");
    }

    /** Whether the person may comment changed (the note loaded, or became read-only): draw the controls again. */
    void permissionsChanged() {
        drawList();
        composer.refresh();
    }

    private void drawList() {
        HTMLElement focused = HTMLDocument.current().getActiveElement();
        boolean canComment = canComment();
        Set<CommentId> present = new HashSet<>();
        List<ThreadCard> ordered = new ArrayList<>();
        for (CommentThread thread : threads) {
            present.add(thread.threadId());
            ThreadCard card = cards.computeIfAbsent(thread.threadId(), id -> new ThreadCard(this, thread));
            card.update(thread, canComment);
            card.setActive(thread.threadId().equals(active));
            ordered.add(card);
        }
        for (CommentId gone : new ArrayList<>(cards.keySet())) {
            if (!present.contains(gone)) {
                HTMLElement element = cards.remove(gone).element();
                if (element.getParentNode() != null) {
                    element.getParentNode().removeChild(element);
                }
            }
        }
        for (int i = 0; i < ordered.size(); i++) {
            HTMLElement wanted = ordered.get(i).element();
            HTMLElement there = childAt(list, i);
            if (there != wanted) {
                list.insertBefore(wanted, there);
            }
        }
        empty.setHidden(!threads.isEmpty());
        if (focused != null && focused != HTMLDocument.current().getActiveElement() && isConnected(focused)) {
            focused.focus(); // a thread moved in the list with the person's focus inside it
        }
    }

    /** The open, attached threads' ranges, in the editor and the preview. */
    private void drawMarks() {
        List<CommentMark> marks = new ArrayList<>();
        for (CommentThread thread : threads) {
            AnchoredRange range = thread.range();
            if (!thread.resolved() && !range.isDetached()) {
                marks.add(new CommentMark(range.start(), range.end(), thread.threadId()));
            }
        }
        highlights.show(marks);
        preview.showMarks(marks, active);
    }

    /** The text changed: the highlights and a comment being written move with it until sync says where. */
    private void followText() {
        String text = editor.getValue();
        TextShift shift = TextShift.between(lastText, text);
        lastText = text;
        highlights.shift(shift);
        composer.shift(shift);
    }

    private void setShown(boolean shown) {
        panel.setHidden(!shown);
        toggle.setAttribute("aria-pressed", shown ? "true" : "false");
        body.setAttribute("data-comments", shown ? "on" : "off");
    }

    private void activate(CommentId thread) {
        if (thread.equals(active)) {
            return;
        }
        active = thread;
        for (ThreadCard card : cards.values()) {
            card.setActive(card.threadId().equals(thread));
        }
        highlights.setActive(thread);
        preview.setActiveMark(thread);
    }

    private void post(int start, int end, String text) {
        sync.postComment(start, end, text); // the composer says why, should sync refuse
    }

    // --- ThreadCard.Host ----------------------------------------------------------------------------------------

    @Override
    public boolean canComment() {
        return sync != null && sync.canComment();
    }

    @Override
    public void reply(CommentId thread, CommentId parent, String text) {
        attempt(() -> sync.reply(thread, parent, text));
    }

    @Override
    public void edit(CommentId comment, String text) {
        attempt(() -> sync.editComment(comment, text));
    }

    @Override
    public void delete(CommentId comment) {
        attempt(() -> sync.deleteComment(comment));
    }

    @Override
    public void resolve(CommentId thread, boolean resolved) {
        attempt(() -> {
            if (resolved) {
                sync.resolveThread(thread);
            } else {
                sync.reopenThread(thread);
            }
        });
    }

    /**
     * Runs a comment action; one that sync refuses (the note became read-only meanwhile, the comment is too long)
     * is said in the panel instead of being lost silently.
     */
    private void attempt(Runnable action) {
        problem.setHidden(true);
        try {
            action.run();
        } catch (IllegalStateException | IllegalArgumentException e) {
            problem.setTextContent("That did not work: " + e.getMessage());
            problem.setHidden(false);
        }
    }

    @Override
    public void select(CommentId thread) {
        activate(thread);
        CommentMark mark = highlights.markOf(thread);
        if (mark == null) {
            mark = resolvedRange(thread);
        }
        if (mark == null) {
            return; // detached: nothing in the text to select
        }
        editor.focus();
        editor.setSelectionRange(mark.start(), mark.end());
        int top = highlights.lineTop(mark.start());
        if (top < editor.getScrollTop() || top > editor.getScrollTop() + editor.getClientHeight() - 40) {
            editor.setScrollTop(Math.max(0, top - editor.getClientHeight() / 3));
        }
        scrollIntoViewIfNeeded(editor);
    }

    /** A resolved thread is not highlighted, but its text can still be shown. */
    private CommentMark resolvedRange(CommentId thread) {
        for (CommentThread t : threads) {
            if (t.threadId().equals(thread) && !t.detached()) {
                return new CommentMark(t.range().start(), t.range().end(), thread);
            }
        }
        return null;
    }

    @JSBody(params = {"parent", "index"}, script = "return parent.children[index] || null;")
    private static native HTMLElement childAt(HTMLElement parent, int index);

    @JSBody(params = "element", script = "return element.isConnected;")
    private static native boolean isConnected(HTMLElement element);

    @JSBody(params = "element", script = "element.scrollIntoView({block: 'nearest'});")
    private static native void scrollIntoViewIfNeeded(HTMLElement element);
}
