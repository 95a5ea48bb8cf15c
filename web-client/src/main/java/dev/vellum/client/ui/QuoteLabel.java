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
        String oneLine = oneLine(quote);
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

    /**
     * The text stripped, each run of whitespace ({@code \s}: space, tab, line feed, vertical tab, form feed, carriage
     * return) made one space. Written out because {@code replaceAll} would compile java.util.regex into the app.
     */
    static String oneLine(String text) {
        String stripped = text.strip();
        StringBuilder line = new StringBuilder(stripped.length());
        boolean inRun = false;
        for (int i = 0; i < stripped.length(); i++) {
            char c = stripped.charAt(i);
            boolean space = c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
            if (!space) {
                line.append(c);
            } else if (!inRun) {
                line.append(' ');
            }
            inRun = space;
        }
        return line.toString();
    }
}
