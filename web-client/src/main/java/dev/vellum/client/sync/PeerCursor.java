package dev.vellum.client.sync;

import dev.vellum.client.people.PersonName;

/**
 * Another person in the note, as the editor shows them: who they are, a colour, and their selection in the current
 * text ({@code start == end} for a plain caret).
 */
public record PeerCursor(PersonName person, int color, int start, int end) {
}
