package dev.vellum.client.ui;

import dev.vellum.client.jso.BrowserPage;
import dev.vellum.protocol.id.CommentId;
import java.util.ArrayList;
import java.util.List;
import org.teavm.jso.JSBody;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.html.HTMLTextAreaElement;

/**
 * The open threads' anchored ranges, highlighted in the editor. A textarea cannot style its own text, so the
 * highlights are boxes on a layer behind it (the textarea is transparent over the layer's paper): a hidden mirror
 * with the textarea's metrics lays the text out, as for others' carets, and each highlighted piece's line boxes
 * give the rectangles. Scrolling only slides the layer; a change of text, ranges or size lays it out again, at most
 * once a frame. The layer never takes clicks: a click lands in the text, and {@link #threadAt} says whose range it
 * is in.
 */
final class CommentHighlights {
    private final HTMLTextAreaElement editor;
    private final HTMLElement mirror;
    private final HTMLElement marksLayer;
    private List<CommentMark> marks = List.of();
    private CommentId active;
    /** The range a comment is being written about, highlighted while the editor has no selection to show it. */
    private CommentMark pending;
    private boolean drawQueued;

    CommentHighlights(Page page, HTMLTextAreaElement editor) {
        this.editor = editor;
        this.mirror = page.element("comment-mirror");
        this.marksLayer = page.element("comment-marks");
    }

    void wire() {
        editor.addEventListener("scroll", event -> slide(editor, marksLayer));
        observeSize(editor, this::redraw);
    }

    void show(List<CommentMark> newMarks) {
        if (newMarks.equals(marks)) {
            return; // a reply or a resolve elsewhere: the ranges are drawn already
        }
        this.marks = List.copyOf(newMarks);
        redraw();
    }

    /**
     * Moves every mark with a change of the text, until sync says where the anchors are now. A change after every
     * mark leaves them where they are (a later word never moves an earlier one), so typing below the commented
     * text costs no layout.
     */
    void shift(TextShift shift) {
        List<CommentMark> moved = new ArrayList<>();
        int lastEnd = -1;
        for (CommentMark mark : marks) {
            lastEnd = Math.max(lastEnd, mark.end());
            CommentMark after = mark.shifted(shift);
            if (after != null) {
                moved.add(after);
            }
        }
        if (moved.equals(marks) && shift.from() > lastEnd) {
            return;
        }
        marks = moved;
        redraw();
    }

    void setActive(CommentId thread) {
        this.active = thread;
        redraw();
    }

    void setPending(CommentMark range) {
        this.pending = range;
        redraw();
    }

    /** The thread whose range holds this offset (the narrowest, where ranges overlap), or null. */
    CommentId threadAt(int offset) {
        CommentMark best = null;
        for (CommentMark mark : marks) {
            if (mark.contains(offset) && (best == null || mark.end() - mark.start() < best.end() - best.start())) {
                best = mark;
            }
        }
        return best == null ? null : best.thread();
    }

    CommentMark markOf(CommentId thread) {
        for (CommentMark mark : marks) {
            if (mark.thread().equals(thread)) {
                return mark;
            }
        }
        return null;
    }

    /** How far below the top of the editor's text (unscrolled) the line holding {@code offset} starts, in px. */
    int lineTop(int offset) {
        return lineTop(editor, mirror, Math.min(offset, editor.getValue().length()));
    }

    private void redraw() {
        if (drawQueued) {
            return;
        }
        drawQueued = true;
        beforeNextPaint(() -> {
            drawQueued = false;
            draw(editor, mirror, marksLayer, spec());
        });
    }

    /** The marks as "start,end,classes" separated by ";" (one string crosses into JavaScript cheaply). */
    private String spec() {
        StringBuilder spec = new StringBuilder();
        for (CommentMark mark : marks) {
            append(spec, mark, mark.thread().equals(active) ? "hl-active" : "hl-open");
        }
        if (pending != null) {
            append(spec, pending, "hl-pending");
        }
        return spec.toString();
    }

    private static void append(StringBuilder spec, CommentMark mark, String classes) {
        if (spec.length() > 0) {
            spec.append(';');
        }
        spec.append(mark.start()).append(',').append(mark.end()).append(',').append(classes);
    }

    @JSBody(params = {"textarea", "layer"}, script = ""
            + "layer.style.transform = 'translateY(' + (-textarea.scrollTop) + 'px)';")
    private static native void slide(HTMLTextAreaElement textarea, HTMLElement layer);

    @JSBody(params = "task", script = "requestAnimationFrame(() => task());")
    private static native void beforeNextPaint(BrowserPage.Callback task);

    @JSBody(params = {"element", "callback"}, script = "new ResizeObserver(() => callback()).observe(element);")
    private static native void observeSize(HTMLElement element, BrowserPage.Callback callback);

    /**
     * Lays the text out in the mirror with each highlighted piece (between any two range boundaries) in a span of
     * its own, and puts a box on the layer for each line box of each span. The mirror is emptied afterwards, so a
     * long note's hidden copy does not stretch the page.
     */
    @JSBody(params = {"textarea", "mirror", "layer", "spec"}, script = ""
            + "layer.replaceChildren();"
            + "if (textarea.hidden || !spec) { return; }"
            + "const style = getComputedStyle(textarea);"
            + "for (const p of ['fontFamily','fontSize','fontWeight','lineHeight','letterSpacing','paddingTop',"
            + "  'paddingRight','paddingBottom','paddingLeft','borderTopWidth','borderLeftWidth','borderRightWidth',"
            + "  'borderStyle','boxSizing','tabSize']) { mirror.style[p] = style[p]; }"
            + "mirror.style.width = textarea.clientWidth + parseFloat(style.borderLeftWidth)"
            + "  + parseFloat(style.borderRightWidth) + 'px';"
            + "const text = textarea.value;"
            + "const clamp = (n) => Math.max(0, Math.min(n, text.length));"
            + "const items = spec.split(';').map(s => { const f = s.split(',');"
            + "  return [clamp(+f[0]), clamp(+f[1]), f[2]]; });"
            + "const cuts = new Set([0, text.length]);"
            + "for (const it of items) { cuts.add(it[0]); cuts.add(it[1]); }"
            + "const points = [...cuts].sort((x, y) => x - y);"
            + "const pieces = document.createDocumentFragment();"
            + "const spans = [];"
            + "for (let i = 0; i + 1 < points.length; i++) {"
            + "  const a = points[i], b = points[i + 1];"
            + "  const classes = new Set(); let n = 0;"
            + "  for (const it of items) { if (it[0] <= a && it[1] >= b) { n++; classes.add(it[2]); } }"
            + "  const piece = text.substring(a, b);"
            + "  if (n === 0) { pieces.appendChild(document.createTextNode(piece)); continue; }"
            + "  const span = document.createElement('span'); span.textContent = piece; pieces.appendChild(span);"
            + "  spans.push([span, [...classes].join(' ') + (n > 1 ? ' hl-overlap' : '')]);"
            + "}"
            + "mirror.replaceChildren(pieces);"
            + "const origin = mirror.getBoundingClientRect();"
            + "const boxes = document.createDocumentFragment();"
            + "for (const [span, classes] of spans) {"
            + "  for (const r of span.getClientRects()) {"
            + "    if (r.width < 1) { continue; }"
            + "    const box = document.createElement('div'); box.className = 'hl ' + classes;"
            + "    box.style.left = (r.left - origin.left) + 'px'; box.style.top = (r.top - origin.top) + 'px';"
            + "    box.style.width = r.width + 'px'; box.style.height = r.height + 'px';"
            + "    boxes.appendChild(box);"
            + "  }"
            + "}"
            + "mirror.replaceChildren();"
            + "layer.appendChild(boxes);"
            + "layer.style.transform = 'translateY(' + (-textarea.scrollTop) + 'px)';")
    private static native void draw(HTMLTextAreaElement textarea, HTMLElement mirror, HTMLElement layer, String spec);

    @JSBody(params = {"textarea", "mirror", "position"}, script = ""
            + "const style = getComputedStyle(textarea);"
            + "for (const p of ['fontFamily','fontSize','fontWeight','lineHeight','letterSpacing','paddingTop',"
            + "  'paddingRight','paddingBottom','paddingLeft','borderTopWidth','borderLeftWidth','borderRightWidth',"
            + "  'borderStyle','boxSizing','tabSize']) { mirror.style[p] = style[p]; }"
            + "mirror.style.width = textarea.clientWidth + parseFloat(style.borderLeftWidth)"
            + "  + parseFloat(style.borderRightWidth) + 'px';"
            + "mirror.textContent = textarea.value.substring(0, position);"
            + "const marker = document.createElement('span'); marker.textContent = '\\u200b';"
            + "mirror.appendChild(marker);"
            + "const top = marker.offsetTop;"
            + "mirror.replaceChildren();"
            + "return top;")
    private static native int lineTop(HTMLTextAreaElement textarea, HTMLElement mirror, int position);
}
