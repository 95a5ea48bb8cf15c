package dev.vellum.client.ui;

import dev.vellum.client.comment.CommentThread;
import dev.vellum.client.comment.CommentView;
import dev.vellum.client.jso.BrowserPage;
import dev.vellum.protocol.id.CommentId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.teavm.jso.JSBody;
import org.teavm.jso.dom.events.Event;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.html.HTMLTextAreaElement;

/**
 * One thread in the comments panel: a region named after the start of its anchored text, its comments in reply
 * order, and its controls ("Reply", "Resolve" / "Reopen", and "Edit" / "Delete" on the person's own comments). A
 * resolved thread folds to one line that unfolds on a click, so it stays readable; a detached one (its text was
 * deleted) says so and quotes what it was about.
 *
 * <p>Drawn again only when what it shows changed, and the person's half-written reply or edit survives that: the
 * forms are kept and put back, with the focus and the caret where they were, so a reply arriving from someone else
 * never eats what the person is typing.
 */
final class ThreadCard {
    /** What the card asks of the page: the sync engine's comment actions, and the editor. */
    interface Host {
        boolean canComment();

        void reply(CommentId thread, CommentId parent, String text);

        void edit(CommentId comment, String text);

        void delete(CommentId comment);

        void resolve(CommentId thread, boolean resolved);

        /** Selects the thread's range in the editor (the person clicked the thread). */
        void select(CommentId thread);
    }

    private final Host host;
    private final CommentId threadId;
    private final HTMLElement item;
    private final HTMLElement card;
    private final TextForm replyForm;
    /** The open edit forms, by comment. */
    private final Map<CommentId, TextForm> editForms = new HashMap<>();
    private CommentThread thread;
    private boolean unfolded;
    /** The comment whose "Delete" was pressed and waits for its confirmation ({@code null} if none). */
    private CommentId confirmingDelete;
    /** Its "Delete comment" button, as last drawn. */
    private HTMLElement deleteButton;
    /** What was drawn last, to skip drawing the same again. */
    private String drawn = "";

    ThreadCard(Host host, CommentThread thread) {
        this.host = host;
        this.threadId = thread.threadId();
        this.thread = thread;
        HTMLDocument document = HTMLDocument.current();
        this.item = document.createElement("li");
        item.setClassName("thread");
        this.card = document.createElement("section");
        card.setClassName("thread-card");
        card.setAttribute("tabindex", "-1");
        item.appendChild(card);
        card.addEventListener("click", this::clickedCard);
        this.replyForm = new TextForm("Reply", "Post", text -> {
            List<CommentView> comments = this.thread.comments();
            CommentId parent = comments.isEmpty() ? threadId : comments.get(comments.size() - 1).id();
            host.reply(threadId, parent, text);
            return true;
        });
        replyForm.onClose(this::keepFocusHere);
    }

    HTMLElement element() {
        return item;
    }

    CommentId threadId() {
        return threadId;
    }

    CommentThread thread() {
        return thread;
    }

    /** Shows the thread as it is now; draws only if something shown changed. */
    void update(CommentThread newThread, boolean canComment) {
        this.thread = newThread;
        String state = fingerprint(newThread, canComment);
        if (state.equals(drawn)) {
            return;
        }
        drawn = state;
        HTMLElement focused = HTMLDocument.current().getActiveElement();
        boolean focusInside = focused != null && contains(card, focused);
        int[] caret = focusInside && focused instanceof HTMLTextAreaElement
                ? new int[] {((HTMLTextAreaElement) focused).getSelectionStart(),
                    ((HTMLTextAreaElement) focused).getSelectionEnd()}
                : null;
        draw(canComment);
        if (focusInside && contains(card, focused)) {
            focused.focus();
            if (caret != null) {
                ((HTMLTextAreaElement) focused).setSelectionRange(caret[0], caret[1]);
            }
        }
    }

    /** Opens a folded thread (its highlight or its line was clicked). */
    void unfold() {
        if (thread.resolved() && !unfolded) {
            unfolded = true;
            redraw();
        }
    }

    void setActive(boolean active) {
        item.setAttribute("data-active", active ? "true" : "false");
    }

    /**
     * Brings the card into view. With {@code focus} it takes the focus too (and the page scrolls to it), so the
     * keyboard goes on from there; without, only the panel's own list scrolls, so a click in the text never moves
     * the page away from where the person is writing (on a narrow screen the panel is below the editor).
     */
    void reveal(boolean focus) {
        unfold();
        if (focus) {
            card.focus();
        } else {
            scrollWithinPanel(card);
        }
    }

    private void draw(boolean canComment) {
        HTMLDocument document = HTMLDocument.current();
        boolean detached = thread.detached();
        boolean folded = thread.resolved() && !unfolded;
        card.setAttribute("aria-label", QuoteLabel.of(thread.quote()));
        item.setAttribute("data-state", thread.resolved() ? "resolved" : "open");
        item.setAttribute("data-detached", detached ? "true" : "false");
        card.setTextContent("");
        if (thread.resolved()) {
            HTMLElement fold = button("thread-fold", folded
                    ? "Resolved: “" + QuoteLabel.of(thread.quote()) + "” · " + count(thread.comments().size())
                    : "Resolved");
            fold.setAttribute("aria-expanded", folded ? "false" : "true");
            fold.addEventListener("click", event -> {
                unfolded = !unfolded;
                redraw();
            });
            card.appendChild(fold);
            if (folded) {
                return;
            }
        }
        HTMLElement quote = button("thread-quote", "“" + thread.quote() + "”");
        quote.setAttribute("title", detached ? "This text was deleted from the note" : "Show in the note");
        quote.addEventListener("click", event -> host.select(threadId));
        card.appendChild(quote);
        if (detached) {
            HTMLElement note = document.createElement("p");
            note.setClassName("thread-detached");
            HTMLElement badge = document.createElement("strong");
            badge.setTextContent("Detached");
            note.appendChild(badge);
            note.appendChild(document.createTextNode(": the text this thread was about was deleted from the note."));
            card.appendChild(note);
        }
        HTMLElement list = document.createElement("ol");
        list.setClassName("thread-comments");
        for (CommentView comment : thread.comments()) {
            list.appendChild(commentItem(comment, canComment));
        }
        card.appendChild(list);
        if (canComment) {
            HTMLElement actions = document.createElement("div");
            actions.setClassName("thread-actions");
            HTMLElement reply = button("", "Reply");
            reply.addEventListener("click", event -> replyForm.open(""));
            HTMLElement state = button("", thread.resolved() ? "Reopen" : "Resolve");
            boolean resolve = !thread.resolved();
            state.addEventListener("click", event -> {
                if (resolve) {
                    unfolded = false;
                }
                host.resolve(threadId, resolve);
            });
            actions.appendChild(reply);
            actions.appendChild(state);
            card.appendChild(actions);
            card.appendChild(replyForm.element());
        } else {
            replyForm.close();
        }
    }

    private HTMLElement commentItem(CommentView comment, boolean canComment) {
        HTMLDocument document = HTMLDocument.current();
        HTMLElement li = document.createElement("li");
        li.setClassName("comment");
        HTMLElement meta = document.createElement("div");
        meta.setClassName("comment-meta");
        HTMLElement author = document.createElement("strong");
        author.setTextContent(comment.author().label());
        if (!comment.author().hasAccount()) {
            author.setClassName(PeerNames.ANONYMOUS_CLASS);
        }
        meta.appendChild(author);
        HTMLElement time = document.createElement("span");
        time.setClassName("comment-time");
        time.setTextContent(BrowserPage.localTimeMillis(comment.postedAtMillis()) + (comment.edited() && !comment.deleted()
                ? " · edited" : ""));
        meta.appendChild(time);
        li.appendChild(meta);
        HTMLElement text = document.createElement("p");
        if (comment.deleted()) {
            text.setClassName("comment-deleted");
            text.setTextContent("Comment deleted.");
        } else {
            text.setClassName("comment-text");
            text.setTextContent(comment.text());
        }
        li.appendChild(text);
        if (comment.mine() && !comment.deleted() && canComment) {
            HTMLElement actions = document.createElement("div");
            actions.setClassName("comment-actions");
            TextForm form = editForms.computeIfAbsent(comment.id(), id -> new TextForm("Edited text", "Save",
                    newText -> {
                        host.edit(id, newText);
                        return true;
                    }).onClose(this::keepFocusHere));
            HTMLElement edit = button("", "Edit");
            edit.addEventListener("click", event -> form.open(comment.text()));
            HTMLElement delete = button("", "Delete");
            delete.addEventListener("click", event -> confirmDelete(comment.id()));
            actions.appendChild(edit);
            actions.appendChild(delete);
            meta.appendChild(actions);
            li.appendChild(form.element());
            if (comment.id().equals(confirmingDelete)) {
                li.appendChild(deleteConfirmation(comment.id()));
            }
        } else {
            TextForm form = editForms.remove(comment.id());
            if (form != null) {
                form.close();
            }
        }
        return li;
    }

    /** Deleting cannot be undone (a deleted comment cannot be edited back): "Delete" asks first, in the card. */
    private void confirmDelete(CommentId comment) {
        confirmingDelete = comment;
        redraw();
        if (deleteButton != null) {
            deleteButton.focus();
        }
    }

    private HTMLElement deleteConfirmation(CommentId comment) {
        HTMLDocument document = HTMLDocument.current();
        HTMLElement confirmation = document.createElement("div");
        confirmation.setClassName("comment-delete-confirm");
        confirmation.setAttribute("role", "group");
        confirmation.setAttribute("aria-label", "Delete this comment?");
        HTMLElement question = document.createElement("span");
        question.setTextContent("Delete this comment for everyone? This cannot be undone.");
        HTMLElement delete = button("danger", "Delete comment");
        deleteButton = delete;
        delete.addEventListener("click", event -> {
            confirmingDelete = null;
            host.delete(comment);
            redraw();
            card.focus();
        });
        HTMLElement cancel = button("", "Cancel");
        cancel.addEventListener("click", event -> {
            confirmingDelete = null;
            redraw();
            card.focus();
        });
        confirmation.appendChild(question);
        confirmation.appendChild(delete);
        confirmation.appendChild(cancel);
        return confirmation;
    }

    private void redraw() {
        drawn = "";
        update(thread, host.canComment());
    }

    /** A form in the card closed with the focus in it: the focus stays in the thread, not lost to the page. */
    private void keepFocusHere(boolean hadFocus) {
        if (hadFocus) {
            card.focus();
        }
    }

    /** A click on the thread itself (not on one of its controls) shows its text in the note. */
    private void clickedCard(Event event) {
        if (!isControl(event.getTarget()) && !(thread.resolved() && !unfolded)) {
            host.select(threadId);
        }
    }

    private static HTMLElement button(String className, String text) {
        HTMLElement button = HTMLDocument.current().createElement("button");
        button.setAttribute("type", "button");
        if (!className.isEmpty()) {
            button.setClassName(className);
        }
        button.setTextContent(text);
        return button;
    }

    private static String count(int comments) {
        return comments == 1 ? "1 comment" : comments + " comments";
    }

    private String fingerprint(CommentThread t, boolean canComment) {
        StringBuilder s = new StringBuilder();
        s.append(t.quote()).append('\u0000').append(t.resolved()).append(t.detached()).append(canComment)
                .append(unfolded).append(confirmingDelete);
        for (CommentView c : t.comments()) {
            s.append('\u0000').append(c.id()).append(c.deleted()).append(c.edited()).append(c.mine())
                    .append(c.postedAtMillis()).append(c.author().label()).append('\u0001').append(c.text());
        }
        return s.toString();
    }

    @JSBody(params = {"parent", "child"}, script = "return parent.contains(child);")
    private static native boolean contains(HTMLElement parent, HTMLElement child);

    @JSBody(params = "target", script = "return !!(target && target.closest"
            + " && target.closest('button, textarea, input, a, form'));")
    private static native boolean isControl(org.teavm.jso.JSObject target);

    @JSBody(params = "card", script = "const panel = card.closest('.comments'); if (!panel) { return; }"
            + "const top = card.getBoundingClientRect().top - panel.getBoundingClientRect().top + panel.scrollTop;"
            + "if (top < panel.scrollTop || top + card.offsetHeight > panel.scrollTop + panel.clientHeight) {"
            + "  panel.scrollTop = Math.max(0, top - 8); }")
    private static native void scrollWithinPanel(HTMLElement card);
}
