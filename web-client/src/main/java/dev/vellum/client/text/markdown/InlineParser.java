package dev.vellum.client.text.markdown;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a line's text into styled spans: {@code **bold**}, {@code *italic*} or {@code _italic_}, and
 * {@code `code`}. It is one forward scan: whether an opening marker is used is only known when its closer is met,
 * so markers are collected as tokens and the few still-open ones are tracked in two slots (one bold, one italic).
 * An opener that is never closed, or is overtaken by another of its kind, is shown as the characters typed.
 * Nothing is searched for twice, so a line full of unclosed {@code *} or {@code `} still costs time in proportion
 * to its length, where a look-ahead from every marker would be quadratic.
 *
 * <p>The rules follow CommonMark where it matters for notes and are simpler elsewhere: code binds first and its
 * inside is literal; a marker opens only before a non-space and closes only after one, so {@code 2 * 3 * 4} stays
 * as typed; {@code _} does not work inside a word, so {@code snake_case_name} stays as typed; {@code __} is bold
 * like {@code **}, and a closer must use the opener's character; runs of four or more are plain text.
 */
final class InlineParser {
    private final String s;
    private final List<Token> tokens = new ArrayList<>();
    /** The bold and italic openers still waiting for a closer; the later one is nested in the earlier one. */
    private Token openBold;
    private Token openItalic;

    private InlineParser(String s) {
        this.s = s;
    }

    static List<Span> parse(String s) {
        InlineParser parser = new InlineParser(s);
        parser.tokenize();
        return parser.spans();
    }

    private void tokenize() {
        int n = s.length();
        boolean noMoreCode = false;
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '`' && !noMoreCode) {
                int close = s.indexOf('`', i + 1);
                if (close < 0) {
                    // No backtick after this one, so none of the later ones can close either: stop looking.
                    noMoreCode = true;
                    i++;
                } else if (close == i + 1) {
                    // "``" has nothing to show as code; both stay as typed.
                    i += 2;
                } else {
                    tokens.add(Token.code(i, close + 1));
                    i = close + 1;
                }
            } else if (c == '*' || c == '_') {
                int runEnd = i + 1;
                while (runEnd < n && s.charAt(runEnd) == c) {
                    runEnd++;
                }
                delimiterRun(i, runEnd);
                i = runEnd;
            } else {
                i++;
            }
        }
        // Whatever is still open was never closed: its characters are shown as typed.
        if (openBold != null) {
            openBold.opensBold = false;
            openBold = null;
        }
        if (openItalic != null) {
            openItalic.opensItalic = false;
            openItalic = null;
        }
    }

    /** A run of one to three {@code *} or {@code _} closes what it can, then opens with what is left of it. */
    private void delimiterRun(int start, int end) {
        Token run = Token.delimiter(start, end);
        tokens.add(run);
        int length = end - start;
        if (length > 3) {
            return;
        }
        char c = s.charAt(start);
        char before = start > 0 ? s.charAt(start - 1) : ' ';
        char after = end < s.length() ? s.charAt(end) : ' ';
        boolean canOpen = !Character.isWhitespace(after) && (c == '*' || !Character.isLetterOrDigit(before));
        boolean canClose = !Character.isWhitespace(before) && (c == '*' || !Character.isLetterOrDigit(after));
        int left = length;
        if (canClose) {
            left -= close(run, c, length);
        }
        if (canOpen && left > 0) {
            if (left >= 2) {
                openBold(run);
            }
            if (left != 2) {
                openItalic(run);
            }
        }
    }

    /** Returns how many of the run's characters were used to close bold or italic. */
    private int close(Token run, char c, int length) {
        if (length == 1) {
            return openItalic != null && openItalic.marker(s) == c ? closeItalic(run) : 0;
        }
        if (length == 2) {
            return openBold != null && openBold.marker(s) == c ? closeBold(run) : 0;
        }
        // "***" ends bold and italic together, the inner one first.
        int used = 0;
        for (int pass = 0; pass < 2; pass++) {
            boolean italicInner = openItalic != null && (openBold == null || italicNestedInBold());
            Token inner = italicInner ? openItalic : openBold;
            if (inner == null || inner.marker(s) != c) {
                break;
            }
            used += italicInner ? closeItalic(run) : closeBold(run);
        }
        return used;
    }

    private boolean italicNestedInBold() {
        return openItalic.start > openBold.start || openItalic == openBold;
    }

    private int closeItalic(Token run) {
        if (openBold != null && !italicNestedInBold()) {
            // Bold opened inside this italic and never closed: its markers are plain text.
            openBold.opensBold = false;
            openBold = null;
        }
        run.closesItalic = true;
        openItalic = null;
        return 1;
    }

    private int closeBold(Token run) {
        if (openItalic != null && italicNestedInBold()) {
            openItalic.opensItalic = false;
            openItalic = null;
        }
        run.closesBold = true;
        openBold = null;
        return 2;
    }

    /** A second opener of the same kind replaces the first, which then shows as typed: the nearest one pairs up. */
    private void openBold(Token run) {
        if (openBold != null) {
            openBold.opensBold = false;
        }
        run.opensBold = true;
        openBold = run;
    }

    private void openItalic(Token run) {
        if (openItalic != null) {
            openItalic.opensItalic = false;
        }
        run.opensItalic = true;
        openItalic = run;
    }

    /** Everything between tokens is shown as typed, in the style the tokens before it left. */
    private List<Span> spans() {
        SpanBuilder out = new SpanBuilder(s);
        int shown = 0;
        for (Token token : tokens) {
            out.text(shown, token.start);
            shown = token.end;
            if (token.code) {
                out.code(token.start + 1, token.end - 1);
                continue;
            }
            // Closing markers come first in a run and opening ones last, so literal leftovers sit between.
            out.bold &= !token.closesBold;
            out.italic &= !token.closesItalic;
            int used = (token.closesBold ? 2 : 0) + (token.closesItalic ? 1 : 0)
                    + (token.opensBold ? 2 : 0) + (token.opensItalic ? 1 : 0);
            out.text(token.start, token.end - used);
            out.bold |= token.opensBold;
            out.italic |= token.opensItalic;
        }
        out.text(shown, s.length());
        return out.finish();
    }

    /**
     * A code span, backticks included, or a run of {@code *} or {@code _} whose flags say which of its characters
     * became markup. Opener flags are set tentatively and cleared if the opener is never closed. Plain text needs
     * no token: it is whatever lies between them, which keeps a long line's working set small.
     */
    private static final class Token {
        final boolean code;
        final int start;
        final int end;
        boolean closesBold;
        boolean closesItalic;
        boolean opensBold;
        boolean opensItalic;

        private Token(boolean code, int start, int end) {
            this.code = code;
            this.start = start;
            this.end = end;
        }

        static Token code(int start, int end) {
            return new Token(true, start, end);
        }

        static Token delimiter(int start, int end) {
            return new Token(false, start, end);
        }

        char marker(String s) {
            return s.charAt(start);
        }
    }

    /** Collects shown text into spans, merging neighbours of the same style so the UI makes as few nodes as it can. */
    private static final class SpanBuilder {
        private final String s;
        private final List<Span> spans = new ArrayList<>();
        private final StringBuilder pending = new StringBuilder();
        private boolean pendingBold;
        private boolean pendingItalic;
        boolean bold;
        boolean italic;

        SpanBuilder(String s) {
            this.s = s;
        }

        void text(int from, int to) {
            if (from >= to) {
                return;
            }
            if (pending.length() > 0 && (pendingBold != bold || pendingItalic != italic)) {
                flush();
            }
            pendingBold = bold;
            pendingItalic = italic;
            pending.append(s, from, to);
        }

        void code(int from, int to) {
            flush();
            spans.add(new Span(s.substring(from, to), bold, italic, true));
        }

        List<Span> finish() {
            flush();
            return spans;
        }

        private void flush() {
            if (pending.length() > 0) {
                spans.add(new Span(pending.toString(), pendingBold, pendingItalic, false));
                pending.setLength(0);
            }
        }
    }
}
