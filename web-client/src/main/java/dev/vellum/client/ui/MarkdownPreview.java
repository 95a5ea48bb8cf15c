package dev.vellum.client.ui;

import dev.vellum.client.text.markdown.MarkdownBlock;
import dev.vellum.client.text.markdown.MarkdownBlocks;
import dev.vellum.client.text.markdown.Span;
import dev.vellum.protocol.id.CommentId;
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
    /** What is being drawn: the note's text, its comment marks, and where the current block's line starts. */
    private String source = "";
    private List<CommentMark> marks = List.of();
    private CommentId active;
    private int lineStart;

    MarkdownPreview(HTMLElement target, IntConsumer onToggleTask) {
        this.target = target;
        this.onToggleTask = onToggleTask;
    }

    void render(String text) {
        render(text, List.of(), null);
    }

    /**
     * Draws {@code text} with the characters of each mark (offsets in {@code text}) inside a {@code <mark>} naming
     * its thread ({@code data-thread}), the active thread's marked apart.
     */
    void render(String text, List<CommentMark> marks, CommentId active) {
        this.source = text;
        this.marks = marks;
        this.active = active;
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
            lineStart = block.start();
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

    /** Where each shown character of the current block's content is in the note's text. */
    private int[] sourceOffsets(List<Span> content) {
        StringBuilder shown = new StringBuilder();
        for (Span span : content) {
            shown.append(span.text());
        }
        int lineEnd = source.indexOf('\n', lineStart);
        String line = source.substring(lineStart, lineEnd < 0 ? source.length() : lineEnd);
        int[] offsets = SourceAlignment.align(line, shown.toString());
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] += lineStart;
        }
        return offsets;
    }

    /** Puts {@code text} into {@code node}, each run of characters inside a thread's range in a {@code <mark>}. */
    private void markPieces(HTMLElement node, String text, int[] offsets, int first) {
        HTMLDocument document = HTMLDocument.current();
        int i = 0;
        while (i < text.length()) {
            CommentMark mark = markAt(offsets[first + i]);
            int j = i + 1;
            while (j < text.length() && markAt(offsets[first + j]) == mark) {
                j++;
            }
            String piece = text.substring(i, j);
            if (mark == null) {
                node.appendChild(document.createTextNode(piece));
            } else {
                HTMLElement highlight = document.createElement("mark");
                highlight.setClassName(mark.thread().equals(active) ? "comment-mark active" : "comment-mark");
                highlight.setAttribute("data-thread", mark.thread().toString());
                highlight.setTextContent(piece);
                node.appendChild(highlight);
            }
            i = j;
        }
    }

    /** The narrowest mark holding this offset of the note's text, or null. */
    private CommentMark markAt(int offset) {
        CommentMark best = null;
        for (CommentMark mark : marks) {
            if (mark.start() <= offset && offset < mark.end()
                    && (best == null || mark.end() - mark.start() < best.end() - best.start())) {
                best = mark;
            }
        }
        return best;
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

    private HTMLElement spans(HTMLElement parent, List<Span> content) {
        HTMLDocument document = HTMLDocument.current();
        int[] offsets = marks.isEmpty() ? null : sourceOffsets(content);
        int shown = 0;
        for (Span span : content) {
            HTMLElement node = document.createElement(span.code() ? "code" : "span");
            if (offsets == null) {
                node.setTextContent(span.text());
            } else {
                markPieces(node, span.text(), offsets, shown);
            }
            shown += span.text().length();
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
