package dev.vellum.client.text.markdown;

import dev.vellum.client.text.markdown.MarkdownBlock.Task;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Light Markdown-style rendering of a plain-text note: one block per source line, styled spans inside. The note
 * itself stays plain text (that is what is encrypted and merged); this is only a way of looking at it, so it
 * never fails, never produces HTML, and keeps every line so offsets map straight back to the source.
 */
public final class MarkdownBlocks {
    private MarkdownBlocks() {
    }

    /**
     * The blocks of {@code text}, one per line, in order. Lines end at {@code \n} or {@code \r\n}; a final line
     * ending does not start another, empty line, so {@code "a\n"} is one block and {@code ""} none.
     */
    public static List<MarkdownBlock> parse(String text) {
        List<MarkdownBlock> blocks = new ArrayList<>();
        int start = 0;
        int line = 0;
        while (start < text.length()) {
            int newline = text.indexOf('\n', start);
            int next = newline < 0 ? text.length() : newline + 1;
            blocks.add(LineParser.parse(text, line, start, lineEnd(text, start, newline)));
            start = next;
            line++;
        }
        return Collections.unmodifiableList(blocks);
    }

    /**
     * {@code text} with the task checkbox at {@code checkboxOffset} (a {@link Task#checkboxOffset()}) ticked or
     * cleared. The line is checked again rather than trusted, because the text may have changed since it was
     * rendered (a remote edit): flipping whatever character now sits there could corrupt the note.
     *
     * @throws IllegalArgumentException if {@code checkboxOffset} is not the inside of a task's checkbox
     */
    public static String toggleTask(String text, int checkboxOffset) {
        if (checkboxOffset < 0 || checkboxOffset >= text.length()) {
            throw new IllegalArgumentException("offset " + checkboxOffset + " is outside the text");
        }
        int start = text.lastIndexOf('\n', checkboxOffset - 1) + 1;
        int end = lineEnd(text, start, text.indexOf('\n', checkboxOffset));
        // The line number does not matter here, only where the checkbox is.
        MarkdownBlock block = LineParser.parse(text, 0, start, end);
        if (!(block instanceof Task task) || task.checkboxOffset() != checkboxOffset) {
            throw new IllegalArgumentException("offset " + checkboxOffset + " is not a task checkbox");
        }
        char flipped = task.checked() ? ' ' : 'x';
        return text.substring(0, checkboxOffset) + flipped + text.substring(checkboxOffset + 1);
    }

    /** Where the line starting at {@code start} ends, given its {@code \n} (or -1), leaving out a {@code \r}. */
    private static int lineEnd(String text, int start, int newline) {
        int end = newline < 0 ? text.length() : newline;
        if (end > start && text.charAt(end - 1) == '\r') {
            end--;
        }
        return end;
    }
}
