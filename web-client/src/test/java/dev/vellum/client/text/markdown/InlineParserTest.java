package dev.vellum.client.text.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class InlineParserTest {
    private static Span plain(String text) {
        return new Span(text, false, false, false);
    }

    private static Span bold(String text) {
        return new Span(text, true, false, false);
    }

    private static Span italic(String text) {
        return new Span(text, false, true, false);
    }

    private static Span code(String text) {
        return new Span(text, false, false, true);
    }

    private static void assertSpans(String line, Span... expected) {
        assertEquals(List.of(expected), InlineParser.parse(line), line);
    }

    @Test
    void plainTextIsOneSpan() {
        assertSpans("just words", plain("just words"));
    }

    @Test
    void emptyTextHasNoSpans() {
        assertSpans("");
    }

    @Test
    void doubleStarsMakeBold() {
        assertSpans("a **big** deal", plain("a "), bold("big"), plain(" deal"));
    }

    @Test
    void singleStarOrUnderscoreMakesItalic() {
        assertSpans("*soft*", italic("soft"));
        assertSpans("so _soft_ now", plain("so "), italic("soft"), plain(" now"));
    }

    @Test
    void doubleUnderscoresAlsoMakeBold() {
        assertSpans("__firm__", bold("firm"));
    }

    @Test
    void aLeftoverStarBeforeAPairIsLiteral() {
        assertSpans("***a*", plain("**"), italic("a"));
    }

    @Test
    void backticksMakeCode() {
        assertSpans("run `ls -l` now", plain("run "), code("ls -l"), plain(" now"));
    }

    @Test
    void markersInsideCodeAreLiteral() {
        assertSpans("`**not bold** _or_ *this*`", code("**not bold** _or_ *this*"));
    }

    @Test
    void codeInsideBoldIsBoldCode() {
        assertSpans("**use `x` here**", bold("use "), new Span("x", true, false, true), bold(" here"));
    }

    @Test
    void italicInsideBoldIsBoth() {
        assertSpans("**bold *both***",
                bold("bold "), new Span("both", true, true, false));
    }

    @Test
    void tripleStarsMakeBoldItalic() {
        assertSpans("***loud***", new Span("loud", true, true, false));
    }

    @Test
    void unclosedMarkersStayLiteral() {
        assertSpans("**never closed", plain("**never closed"));
        assertSpans("half *open", plain("half *open"));
        assertSpans("a `tick", plain("a `tick"));
        assertSpans("_lonely", plain("_lonely"));
    }

    @Test
    void literalMarkersMergeWithTheTextAroundThem() {
        assertSpans("a * b * c", plain("a * b * c"));
        assertSpans("price: 5 ** 2", plain("price: 5 ** 2"));
    }

    @Test
    void emptyBackticksAreLiteral() {
        assertSpans("say `` nothing", plain("say `` nothing"));
    }

    @Test
    void theNearestOpenerPairsWithTheCloser() {
        assertSpans("*a *b*", plain("*a "), italic("b"));
    }

    @Test
    void anUnclosedItalicInsideBoldIsLiteral() {
        assertSpans("**a *b** c", bold("a *b"), plain(" c"));
    }

    @Test
    void underscoresInsideWordsAreLiteral() {
        assertSpans("call snake_case_name now", plain("call snake_case_name now"));
    }

    @Test
    void starsInsideWordsStillWork() {
        assertSpans("un*believ*able", plain("un"), italic("believ"), plain("able"));
    }

    @Test
    void markersMustMatchToClose() {
        assertSpans("*mixed_", plain("*mixed_"));
    }

    @Test
    void fourOrMoreStarsAreLiteral() {
        assertSpans("****x****", plain("****x****"));
    }
}
