package dev.vellum.client.text.markdown;

import java.util.List;

/**
 * How one line of a note is shown. Every block keeps its source {@code line} (0-based) and the {@code start} offset
 * of that line in the text, so the UI can map a click or a caret back to the note without parsing it again.
 */
public sealed interface MarkdownBlock {
    int line();

    int start();

    /** {@code # Title} .. {@code ###### Title}: the hashes must be followed by a space, so {@code #tag} stays text. */
    record Heading(int line, int start, int level, List<Span> content) implements MarkdownBlock {
        public Heading {
            if (level < 1 || level > 6) {
                throw new IllegalArgumentException("a heading level is 1 to 6");
            }
            content = List.copyOf(content);
        }
    }

    /**
     * {@code - item}, {@code * item}, {@code + item} (marker {@code "•"}) or {@code 3. item} / {@code 3) item}
     * (marker as written, {@code "3."} or {@code "3)"}, so the note's own numbering is shown, not a recount).
     * {@code depth} counts indentation levels: two spaces or one tab each.
     */
    record ListItem(int line, int start, int depth, boolean ordered, String marker, List<Span> content)
            implements MarkdownBlock {
        public ListItem {
            if (depth < 0 || marker == null || marker.isEmpty()) {
                throw new IllegalArgumentException("a list item has a depth and a marker");
            }
            content = List.copyOf(content);
        }
    }

    /**
     * {@code - [ ] todo} or {@code - [x] done} (also with {@code *} or {@code +}). {@code checkboxOffset} is the
     * absolute offset in the whole text of the character between the brackets, which is what
     * {@link MarkdownBlocks#toggleTask} flips when the reader clicks the box.
     */
    record Task(int line, int start, int depth, boolean checked, int checkboxOffset, List<Span> content)
            implements MarkdownBlock {
        public Task {
            if (depth < 0 || checkboxOffset < start) {
                throw new IllegalArgumentException("a task has a depth and a checkbox on its own line");
            }
            content = List.copyOf(content);
        }
    }

    /** {@code > quoted}. One level only: a nested {@code >} is shown as text. */
    record Quote(int line, int start, List<Span> content) implements MarkdownBlock {
        public Quote {
            content = List.copyOf(content);
        }
    }

    /** A line of three or more of the same {@code -}, {@code *} or {@code _}, spaces allowed between them. */
    record Rule(int line, int start) implements MarkdownBlock {
    }

    /** Any other line with text, kept whole, indentation included, so plain notes look the way they were typed. */
    record Paragraph(int line, int start, List<Span> content) implements MarkdownBlock {
        public Paragraph {
            content = List.copyOf(content);
        }
    }

    /** An empty or whitespace-only line; it is kept so the rendered note has the same lines as the source. */
    record Blank(int line, int start) implements MarkdownBlock {
    }
}
