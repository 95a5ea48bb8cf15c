package dev.vellum.client.ui;

import java.util.function.Predicate;
import org.teavm.jso.JSBody;
import org.teavm.jso.dom.events.KeyboardEvent;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.html.HTMLTextAreaElement;

/**
 * A small form for writing a comment, a reply or an edit: a named textbox, a submit button and "Cancel". The button
 * does nothing while the box is blank; Ctrl+Enter (or Cmd+Enter) submits and Escape cancels, as in chat boxes.
 */
final class TextForm {
    /** The most a comment may hold, in UTF-16 units (the record allows 20,000 bytes of UTF-8; this stays below). */
    static final int MAX_CHARS = 5_000;

    private final HTMLElement form;
    private final HTMLTextAreaElement box;
    /** Takes the text; true when it was sent, so the form closes. */
    private final Predicate<String> submit;
    private Closed onClose = hadFocus -> { };

    /** Told when the form closes, sent or cancelled. */
    interface Closed {
        /** @param hadFocus the focus was in the form, so the caller should put it somewhere sensible */
        void closed(boolean hadFocus);
    }

    /**
     * @param name the textbox's accessible name ("Reply", "Edit comment")
     * @param action the submit button's text ("Post", "Save")
     */
    TextForm(String name, String action, Predicate<String> submit) {
        this.submit = submit;
        HTMLDocument document = HTMLDocument.current();
        this.form = document.createElement("form");
        form.setClassName("comment-form");
        form.setAttribute("novalidate", "");
        form.setHidden(true);
        this.box = (HTMLTextAreaElement) document.createElement("textarea");
        box.setAttribute("aria-label", name);
        box.setAttribute("rows", "2");
        box.setAttribute("maxlength", String.valueOf(MAX_CHARS));
        HTMLElement send = document.createElement("button");
        send.setAttribute("type", "submit");
        send.setClassName("primary small");
        send.setTextContent(action);
        HTMLElement cancel = document.createElement("button");
        cancel.setAttribute("type", "button");
        cancel.setClassName("small");
        cancel.setTextContent("Cancel");
        HTMLElement buttons = document.createElement("div");
        buttons.setClassName("comment-form-actions");
        buttons.appendChild(send);
        buttons.appendChild(cancel);
        form.appendChild(box);
        form.appendChild(buttons);
        form.addEventListener("submit", event -> {
            event.preventDefault();
            send();
        });
        cancel.addEventListener("click", event -> close());
        box.addEventListener("keydown", event -> {
            KeyboardEvent key = (KeyboardEvent) event;
            if ("Enter".equals(key.getKey()) && (key.isCtrlKey() || key.isMetaKey())) {
                event.preventDefault();
                send();
            } else if ("Escape".equals(key.getKey())) {
                event.preventDefault();
                close();
            }
        });
    }

    HTMLElement element() {
        return form;
    }

    void open(String text) {
        if (form.isHidden()) {
            box.setValue(text);
        }
        form.setHidden(false);
        box.focus();
    }

    void close() {
        boolean wasOpen = !form.isHidden();
        // Asked before hiding: a browser moves the focus off a hidden element only at its next layout.
        boolean hadFocus = contains(form, HTMLDocument.current().getActiveElement());
        form.setHidden(true);
        box.setValue("");
        if (wasOpen) {
            onClose.closed(hadFocus);
        }
    }

    /** What to do when the form closes, sent or cancelled. */
    TextForm onClose(Closed action) {
        this.onClose = action;
        return this;
    }

    boolean isOpen() {
        return !form.isHidden();
    }

    private void send() {
        String text = box.getValue().strip();
        if (text.isEmpty()) {
            box.focus();
            return;
        }
        if (submit.test(text)) {
            close();
        }
    }

    @JSBody(params = {"parent", "child"}, script = "return !!child && parent.contains(child);")
    private static native boolean contains(HTMLElement parent, HTMLElement child);
}
