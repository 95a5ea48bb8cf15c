package dev.vellum.client.ui;

/**
 * Where each character the Markdown preview shows came from in the note's line. The preview shows a line with its
 * markers ({@code #}, {@code **}, backticks ...) removed and nothing added, so the shown text is a subsequence of the
 * line, and matching each shown character to the next equal one in the line finds it. A marker equal to the
 * character after it could shift a match by a marker's width, which for a highlight is harmless.
 */
final class SourceAlignment {
    private SourceAlignment() {
    }

    /**
     * @return for each character of {@code shown}, its offset in {@code line}; a character with no match (which
     *         the preview never makes) takes the offset after the previous one
     */
    static int[] align(String line, String shown) {
        int[] offsets = new int[shown.length()];
        int at = 0;
        for (int i = 0; i < shown.length(); i++) {
            int found = line.indexOf(shown.charAt(i), at);
            if (found < 0) {
                offsets[i] = Math.min(at, line.length());
            } else {
                offsets[i] = found;
                at = found + 1;
            }
        }
        return offsets;
    }
}
