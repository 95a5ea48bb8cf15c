package dev.vellum.client.ui;

import dev.vellum.client.text.markdown.MarkdownBlock;
import dev.vellum.client.text.markdown.MarkdownBlocks;
import dev.vellum.client.text.markdown.Span;
import java.util.List;
import java.util.function.IntConsumer;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.html.HTMLInputElement;

/**
 * Shows a note with light Markdown styling: headings, lists, task checkboxes, quotes, rules, bold, italic and code.
 * Text goes into the page only as text nodes, never as HTML, so a note (anyone's with the link) cannot inject markup.
 */
final class MarkdownPreview {
    /** The deepest list level the stylesheet indents ({@code .md-depth-0} to {@code .md-depth-8}). */
    private static final int MAX_LIST_DEPTH = 8;

    private final HTMLElement target;
    /** Called with a checkbox's offset in the text when the person ticks or unticks it. */
    private final IntConsumer onToggleTask;

    MarkdownPreview(HTMLElement target, IntConsumer onToggleTask) {
        this.target = target;
        this.onToggleTask = onToggleTask;
    }

    void render(String text) {
        HTMLDocument document = HTMLDocument.current();
        target.setTextContent("");
        HTMLElement list = null;
        for (MarkdownBlock block : MarkdownBlocks.parse(text)) {
            boolean listLine = block instanceof MarkdownBlock.ListItem || block instanceof MarkdownBlock.Task;
            if (!listLine) {
                list = null;
            } else if (list == null) {
                list = document.createElement("ul");
                list.setClassName("md-list");
                target.appendChild(list);
            }
            if (block instanceof MarkdownBlock.Heading heading) {
                target.appendChild(spans(document.createElement("h" + heading.level()), heading.content()));
            } else if (block instanceof MarkdownBlock.ListItem item) {
                HTMLElement li = document.createElement("li");
                li.setClassName(depthClass(item.depth()));
                HTMLElement marker = document.createElement("span");
                marker.setClassName("md-marker");
                marker.setTextContent(item.marker());
                li.appendChild(marker);
                list.appendChild(spans(li, item.content()));
            } else if (block instanceof MarkdownBlock.Task task) {
                list.appendChild(taskItem(document, task));
            } else if (block instanceof MarkdownBlock.Quote quote) {
                target.appendChild(spans(document.createElement("blockquote"), quote.content()));
            } else if (block instanceof MarkdownBlock.Rule) {
                target.appendChild(document.createElement("hr"));
            } else if (block instanceof MarkdownBlock.Paragraph paragraph) {
                target.appendChild(spans(document.createElement("p"), paragraph.content()));
            }
        }
    }

    /**
     * Indentation by class, never by a {@code style} attribute, which the page's Content-Security-Policy
     * ({@code style-src 'self'}) blocks. Deeper levels than the stylesheet names are shown at its deepest.
     */
    private static String depthClass(int depth) {
        return "md-depth-" + Math.min(depth, MAX_LIST_DEPTH);
    }

    private HTMLElement taskItem(HTMLDocument document, MarkdownBlock.Task task) {
        HTMLElement li = document.createElement("li");
        li.setClassName((task.checked() ? "md-task md-done " : "md-task ") + depthClass(task.depth()));
        HTMLElement label = document.createElement("label");
        HTMLInputElement box = (HTMLInputElement) document.createElement("input");
        box.setType("checkbox");
        box.setChecked(task.checked());
        int offset = task.checkboxOffset();
        box.addEventListener("change", event -> onToggleTask.accept(offset));
        label.appendChild(box);
        li.appendChild(spans(label, task.content()));
        return li;
    }

    private static HTMLElement spans(HTMLElement parent, List<Span> content) {
        HTMLDocument document = HTMLDocument.current();
        for (Span span : content) {
            HTMLElement node = document.createElement(span.code() ? "code" : "span");
            node.setTextContent(span.text());
            if (span.italic()) {
                HTMLElement em = document.createElement("em");
                em.appendChild(node);
                node = em;
            }
            if (span.bold()) {
                HTMLElement strong = document.createElement("strong");
                strong.appendChild(node);
                node = strong;
            }
            parent.appendChild(node);
        }
        return parent;
    }
}
