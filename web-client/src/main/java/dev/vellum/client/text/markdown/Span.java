package dev.vellum.client.text.markdown;

/**
 * A run of a line's text with one style. The text is exactly what the reader sees, markers removed, and is never
 * HTML: the UI puts it into the page with {@code textContent}, so a note cannot inject markup into the editor.
 * Code is never bold or italic on the inside, but a code span inside bold text carries {@code bold} too.
 */
public record Span(String text, boolean bold, boolean italic, boolean code) {
    public Span {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("a span has some text");
        }
    }
}
