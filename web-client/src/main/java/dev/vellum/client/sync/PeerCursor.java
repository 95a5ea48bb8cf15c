package dev.vellum.client.sync;

/**
 * Another person in the note, as the editor shows them: a name, a colour, and their selection in the current text
 * ({@code start == end} for a plain caret).
 */
public record PeerCursor(String name, int color, int start, int end) {
}
