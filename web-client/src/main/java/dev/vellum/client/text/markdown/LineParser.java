package dev.vellum.client.text.markdown;

import dev.vellum.client.text.markdown.MarkdownBlock.Blank;
import dev.vellum.client.text.markdown.MarkdownBlock.Heading;
import dev.vellum.client.text.markdown.MarkdownBlock.ListItem;
import dev.vellum.client.text.markdown.MarkdownBlock.Paragraph;
import dev.vellum.client.text.markdown.MarkdownBlock.Quote;
import dev.vellum.client.text.markdown.MarkdownBlock.Rule;
import dev.vellum.client.text.markdown.MarkdownBlock.Task;
import java.util.List;

/**
 * Decides what one line is by looking at its first characters only, so a line's kind never depends on its
 * neighbours: an edit re-renders predictably, and every check is a short forward look from the indentation.
 * Markers may be indented; the indentation gives list and task depth and is otherwise ignored.
 */
final class LineParser {
    private LineParser() {
    }

    /** The block for {@code text[start, end)}, the line's characters without its line ending. */
    static MarkdownBlock parse(String text, int line, int start, int end) {
        int i = start;
        int columns = 0;
        while (i < end) {
            char c = text.charAt(i);
            if (c == ' ') {
                columns++;
            } else if (c == '\t') {
                // A tab moves to the next level, so "  \t" is two levels, as it looks in the editor.
                columns = columns / 2 * 2 + 2;
            } else {
                break;
            }
            i++;
        }
        if (isBlank(text, i, end)) {
            return new Blank(line, start);
        }
        int depth = columns / 2;
        char c = text.charAt(i);
        if ((c == '-' || c == '*' || c == '_') && isRule(text, i, end, c)) {
            return new Rule(line, start);
        }
        if (c == '#') {
            int hashes = i;
            while (hashes < end && text.charAt(hashes) == '#') {
                hashes++;
            }
            int level = hashes - i;
            if (level <= 6 && isSpaceAt(text, hashes, end)) {
                return new Heading(line, start, level, content(text, hashes + 1, end));
            }
        }
        if (c == '>' && isSpaceAt(text, i + 1, end)) {
            return new Quote(line, start, content(text, i + 2, end));
        }
        if ((c == '-' || c == '*' || c == '+') && isSpaceAt(text, i + 1, end)) {
            int after = skipSpaces(text, i + 2, end);
            if (isCheckbox(text, after, end)) {
                char mark = text.charAt(after + 1);
                return new Task(line, start, depth, mark != ' ', after + 1, content(text, after + 4, end));
            }
            return new ListItem(line, start, depth, false, "•", content(text, after, end));
        }
        if (c >= '0' && c <= '9') {
            int digits = i;
            while (digits < end && text.charAt(digits) >= '0' && text.charAt(digits) <= '9') {
                digits++;
            }
            if (digits < end && (text.charAt(digits) == '.' || text.charAt(digits) == ')')
                    && isSpaceAt(text, digits + 1, end)) {
                String marker = text.substring(i, digits + 1);
                return new ListItem(line, start, depth, true, marker, content(text, digits + 2, end));
            }
        }
        return new Paragraph(line, start, InlineParser.parse(text.substring(start, end)));
    }

    /** {@code [ ]}, {@code [x]} or {@code [X]} followed by a space: a box with nothing after it is still text. */
    private static boolean isCheckbox(String text, int i, int end) {
        if (i + 3 >= end || text.charAt(i) != '[' || text.charAt(i + 2) != ']') {
            return false;
        }
        char mark = text.charAt(i + 1);
        return (mark == ' ' || mark == 'x' || mark == 'X') && isSpaceAt(text, i + 3, end);
    }

    /** Stops at the first other character, so the common case (a line of words) costs one comparison. */
    private static boolean isRule(String text, int i, int end, char marker) {
        int count = 0;
        for (; i < end; i++) {
            char c = text.charAt(i);
            if (c == marker) {
                count++;
            } else if (c != ' ' && c != '\t') {
                return false;
            }
        }
        return count >= 3;
    }

    private static boolean isBlank(String text, int i, int end) {
        while (i < end && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i == end;
    }

    private static boolean isSpaceAt(String text, int i, int end) {
        return i < end && (text.charAt(i) == ' ' || text.charAt(i) == '\t');
    }

    private static int skipSpaces(String text, int i, int end) {
        while (isSpaceAt(text, i, end)) {
            i++;
        }
        return i;
    }

    /** The text after a marker; extra spaces after the marker are padding, not content. */
    private static List<Span> content(String text, int from, int end) {
        int i = skipSpaces(text, Math.min(from, end), end);
        return InlineParser.parse(text.substring(i, end));
    }
}
