package dev.vellum.client.ui;

import dev.vellum.client.text.markdown.MarkdownBlocks;
import dev.vellum.protocol.id.CommentId;
import java.util.List;
import java.util.function.Consumer;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.html.HTMLTextAreaElement;

/**
 * The editor's Markdown preview: shown or hidden by its toggle, drawn from the editor's text while shown, and a task
 * checkbox clicked in it flips the box in the text as if the person had typed the x.
 */
final class PreviewPane {
    private final Page page;
    private final HTMLTextAreaElement editor;
    private final Runnable afterLocalEdit;
    private final HTMLElement preview;
    private final MarkdownPreview markdown;
    private List<CommentMark> marks = List.of();
    private CommentId activeMark;

    /** @param afterLocalEdit what the editor does after the person changed the text (a ticked box is such a change) */
    PreviewPane(Page page, HTMLTextAreaElement editor, Runnable afterLocalEdit) {
        this.page = page;
        this.editor = editor;
        this.afterLocalEdit = afterLocalEdit;
        this.preview = page.element("preview");
        this.markdown = new MarkdownPreview(preview, this::toggleTask);
    }

    void wire() {
        HTMLElement toggle = page.element("preview-toggle");
        toggle.addEventListener("click", event -> {
            boolean show = preview.isHidden();
            preview.setHidden(!show);
            toggle.setAttribute("aria-pressed", show ? "true" : "false");
            page.element("editor-body").setAttribute("data-preview", show ? "on" : "off");
            render();
        });
    }

    /** Draws the editor's text again, if the preview is shown. */
    void render() {
        if (!preview.isHidden()) {
            markdown.render(editor.getValue(), marks, activeMark);
        }
    }

    /** Highlights the open threads' ranges (offsets in the editor's text); {@code active} is marked apart. */
    void showMarks(List<CommentMark> newMarks, CommentId active) {
        this.marks = List.copyOf(newMarks);
        this.activeMark = active;
        render();
    }

    void setActiveMark(CommentId active) {
        this.activeMark = active;
        render();
    }

    /** What a click on a highlight does, with its thread. */
    void onMarkClicked(Consumer<CommentId> action) {
        preview.addEventListener("click", event -> {
            String thread = threadOfMark(event.getTarget());
            for (CommentMark mark : marks) {
                if (mark.thread().toString().equals(thread)) {
                    action.accept(mark.thread());
                    return;
                }
            }
        });
    }

    @JSBody(params = "target", script = "const mark = target && target.closest && target.closest('mark[data-thread]');"
            + " return mark ? mark.getAttribute('data-thread') : null;")
    private static native String threadOfMark(JSObject target);

    /** A checkbox in the preview was clicked: flip it in the text, as if the person had typed the x. */
    private void toggleTask(int checkboxOffset) {
        if (editor.isReadOnly()) {
            render();
            return;
        }
        try {
            editor.setValue(MarkdownBlocks.toggleTask(editor.getValue(), checkboxOffset));
        } catch (IllegalArgumentException e) {
            render(); // the text moved under the click: show it as it is now
            return;
        }
        editor.setSelectionRange(checkboxOffset + 1, checkboxOffset + 1);
        afterLocalEdit.run();
    }
}
