package dev.vellum.client.ui;

/**
 * How a thread is named by the start of the text it is about: as its region's accessible name, and on the folded
 * line of a resolved thread. One line, at most {@link #CHARS} characters, never cut inside a surrogate pair.
 */
final class QuoteLabel {
    static final int CHARS = 40;

    private QuoteLabel() {
    }

    static String of(String quote) {
        String oneLine = quote.strip().replaceAll("\\s+", " ");
        if (oneLine.isEmpty()) {
            return "Comment on an empty selection";
        }
        if (oneLine.length() <= CHARS) {
            return oneLine;
        }
        int cut = CHARS;
        if (Character.isLowSurrogate(oneLine.charAt(cut))) {
            cut--;
        }
        return oneLine.substring(0, cut).stripTrailing() + "…";
    }
}
