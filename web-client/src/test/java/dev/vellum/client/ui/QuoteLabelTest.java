package dev.vellum.client.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class QuoteLabelTest {
    @Test
    void aShortQuote_isTheName() {
        assertEquals("quick", QuoteLabel.of("quick"));
    }

    @Test
    void aQuoteOverSeveralLines_isNamedOnOneLine() {
        assertEquals("lazy dog. Second line", QuoteLabel.of("  lazy dog.\n\nSecond   line \n"));
    }

    @Test
    void aLongQuote_isCutAfterFortyCharacters() {
        String label = QuoteLabel.of("a".repeat(39) + " and then much more text");
        assertEquals("a".repeat(39) + "…", label);
    }

    @Test
    void aCut_neverSplitsASurrogatePair() {
        String label = QuoteLabel.of("a".repeat(39) + "😀 rest of it");
        assertEquals("a".repeat(39) + "…", label);
    }

    @Test
    void oneLine_collapsesEveryAsciiWhitespaceRunAsTheRegexDid() {
        String text = " a\t\tb\r\nc\u000Bd\fe  f \u00A0g\u2003h ";
        assertEquals(text.strip().replaceAll("\\s+", " "), QuoteLabel.oneLine(text));
        assertEquals("a b c d e f \u00A0g\u2003h", QuoteLabel.oneLine(text));
    }
}
