package dev.vellum.client.text.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.vellum.client.text.markdown.MarkdownBlock.Blank;
import dev.vellum.client.text.markdown.MarkdownBlock.Heading;
import dev.vellum.client.text.markdown.MarkdownBlock.ListItem;
import dev.vellum.client.text.markdown.MarkdownBlock.Paragraph;
import dev.vellum.client.text.markdown.MarkdownBlock.Quote;
import dev.vellum.client.text.markdown.MarkdownBlock.Rule;
import dev.vellum.client.text.markdown.MarkdownBlock.Task;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownBlocksTest {
    /**
     * A scan that looked ahead from every marker would take hours on a megabyte (10^12 steps), where the linear parse
     * takes a few hundred ms on a cold JVM. The bound sits far from both, so a busy machine never trips it (1 s did,
     * twice) while a quadratic parser still fails, preemptively, without hanging the build.
     */
    private static final Duration QUADRATIC_WOULD_TAKE_LONGER = Duration.ofSeconds(20);

    private static List<Span> plain(String text) {
        return List.of(new Span(text, false, false, false));
    }

    private static MarkdownBlock only(String text) {
        List<MarkdownBlock> blocks = MarkdownBlocks.parse(text);
        assertEquals(1, blocks.size(), () -> "blocks of " + text + ": " + blocks);
        return blocks.get(0);
    }

    @Test
    void emptyTextHasNoBlocks() {
        assertEquals(List.of(), MarkdownBlocks.parse(""));
    }

    @Test
    void eachLineIsOneBlockWithItsLineNumberAndOffset() {
        assertEquals(List.of(
                new Paragraph(0, 0, plain("first")),
                new Paragraph(1, 6, plain("second")),
                new Blank(2, 13),
                new Paragraph(3, 14, plain("fourth"))),
                MarkdownBlocks.parse("first\nsecond\n\nfourth"));
    }

    @Test
    void aTrailingNewlineDoesNotAddABlankLine() {
        assertEquals(List.of(new Paragraph(0, 0, plain("text"))), MarkdownBlocks.parse("text\n"));
    }

    @Test
    void aNewlineAloneIsOneBlankLine() {
        assertEquals(List.of(new Blank(0, 0)), MarkdownBlocks.parse("\n"));
    }

    @Test
    void crlfLineEndingsAreNotPartOfTheContent() {
        assertEquals(List.of(
                new Heading(0, 0, 1, plain("Title")),
                new Blank(1, 9),
                new ListItem(2, 11, 0, false, "•", plain("item"))),
                MarkdownBlocks.parse("# Title\r\n\r\n- item\r\n"));
    }

    @Test
    void whitespaceOnlyLinesAreBlank() {
        assertEquals(new Blank(0, 0), only(" \t  "));
    }

    @Test
    void headingLevelIsTheNumberOfHashes() {
        assertEquals(new Heading(0, 0, 1, plain("One")), only("# One"));
        assertEquals(new Heading(0, 0, 3, plain("Three")), only("### Three"));
        assertEquals(new Heading(0, 0, 6, plain("Six")), only("###### Six"));
    }

    @Test
    void headingNeedsASpaceAfterTheHashes() {
        assertEquals(new Paragraph(0, 0, plain("#foo")), only("#foo"));
        assertEquals(new Paragraph(0, 0, plain("#")), only("#"));
    }

    @Test
    void sevenHashesAreNotAHeading() {
        assertEquals(new Paragraph(0, 0, plain("####### Seven")), only("####### Seven"));
    }

    @Test
    void headingContentHasSpans() {
        assertEquals(new Heading(0, 0, 2, List.of(
                new Span("A ", false, false, false),
                new Span("bold", true, false, false),
                new Span(" idea", false, false, false))),
                only("##   A **bold** idea"));
    }

    @Test
    void dashStarAndPlusAreBulletItems() {
        assertEquals(new ListItem(0, 0, 0, false, "•", plain("dash")), only("- dash"));
        assertEquals(new ListItem(0, 0, 0, false, "•", plain("star")), only("* star"));
        assertEquals(new ListItem(0, 0, 0, false, "•", plain("plus")), only("+ plus"));
    }

    @Test
    void numberedItemsKeepTheirNumberAsTheMarker() {
        assertEquals(new ListItem(0, 0, 0, true, "3.", plain("third")), only("3. third"));
        assertEquals(new ListItem(0, 0, 0, true, "12)", plain("twelfth")), only("12) twelfth"));
    }

    @Test
    void aNumberWithoutASpaceAfterTheDotIsText() {
        assertEquals(new Paragraph(0, 0, plain("3.14 is pi")), only("3.14 is pi"));
    }

    @Test
    void listMarkerNeedsASpace() {
        assertEquals(new Paragraph(0, 0, plain("-5 degrees")), only("-5 degrees"));
    }

    @Test
    void twoSpacesOrATabAreOneLevelOfDepth() {
        assertEquals(List.of(
                new ListItem(0, 0, 0, false, "•", plain("top")),
                new ListItem(1, 6, 1, false, "•", plain("two spaces")),
                new ListItem(2, 21, 1, false, "•", plain("tab")),
                new ListItem(3, 28, 2, true, "1.", plain("four spaces"))),
                MarkdownBlocks.parse("- top\n  - two spaces\n\t- tab\n    1. four spaces"));
    }

    @Test
    void uncheckedAndCheckedTasks() {
        assertEquals(new Task(0, 0, 0, false, 3, plain("todo")), only("- [ ] todo"));
        assertEquals(new Task(0, 0, 0, true, 3, plain("done")), only("* [x] done"));
        assertEquals(new Task(0, 0, 0, true, 3, plain("DONE")), only("+ [X] DONE"));
    }

    @Test
    void anIndentedTaskHasDepth() {
        assertEquals(new Task(0, 0, 1, false, 5, plain("sub")), only("  - [ ] sub"));
    }

    @Test
    void aCheckboxNeedsASpaceAfterIt() {
        assertEquals(new ListItem(0, 0, 0, false, "•", plain("[ ]")), only("- [ ]"));
        assertEquals(new ListItem(0, 0, 0, false, "•", plain("[y] maybe")), only("- [y] maybe"));
    }

    @Test
    void quoteLines() {
        assertEquals(new Quote(0, 0, plain("said so")), only("> said so"));
        assertEquals(new Paragraph(0, 0, plain(">no space")), only(">no space"));
    }

    @Test
    void threeOrMoreDashesStarsOrUnderscoresAreARule() {
        assertEquals(new Rule(0, 0), only("---"));
        assertEquals(new Rule(0, 0), only("* * *"));
        assertEquals(new Rule(0, 0), only("_____"));
        assertEquals(new Rule(0, 0), only("- - - -"));
    }

    @Test
    void twoDashesOrMixedMarkersAreNotARule() {
        assertEquals(new Paragraph(0, 0, plain("--")), only("--"));
        assertEquals(new Paragraph(0, 0, plain("-*-")), only("-*-"));
        assertEquals(new Paragraph(0, 0, plain("---a")), only("---a"));
    }

    @Test
    void plainLinesKeepTheirIndentation() {
        assertEquals(new Paragraph(0, 0, plain("   indented")), only("   indented"));
    }

    @Test
    void checkboxOffsetIsAbsoluteInAMultiLineText() {
        String text = "# Shopping\r\n\r\n- [ ] milk\n  * [x] eggs\n";
        List<MarkdownBlock> blocks = MarkdownBlocks.parse(text);
        Task milk = (Task) blocks.get(2);
        Task eggs = (Task) blocks.get(3);
        assertEquals(17, milk.checkboxOffset());
        assertEquals(' ', text.charAt(milk.checkboxOffset()));
        assertEquals(30, eggs.checkboxOffset());
        assertEquals('x', text.charAt(eggs.checkboxOffset()));
    }

    @Test
    void toggleTicksAnUncheckedTask() {
        String text = "intro\n- [ ] milk\n";
        Task milk = (Task) MarkdownBlocks.parse(text).get(1);
        assertEquals("intro\n- [x] milk\n", MarkdownBlocks.toggleTask(text, milk.checkboxOffset()));
    }

    @Test
    void toggleClearsACheckedTaskWhateverTheCaseOfTheX() {
        assertEquals("a\r\n- [ ] b\r\n", MarkdownBlocks.toggleTask("a\r\n- [x] b\r\n", 6));
        assertEquals("- [ ] B", MarkdownBlocks.toggleTask("- [X] B", 3));
    }

    @Test
    void toggleTwiceGivesBackTheText() {
        String text = "- [ ] one\n  - [ ] two";
        Task two = (Task) MarkdownBlocks.parse(text).get(1);
        String ticked = MarkdownBlocks.toggleTask(text, two.checkboxOffset());
        assertEquals("- [ ] one\n  - [x] two", ticked);
        assertEquals(text, MarkdownBlocks.toggleTask(ticked, two.checkboxOffset()));
    }

    @Test
    void toggleRefusesAnOffsetThatIsNotACheckbox() {
        String text = "- [ ] milk\n- plain [ ] item\n[ ] alone";
        assertThrows(IllegalArgumentException.class, () -> MarkdownBlocks.toggleTask(text, 2));
        assertThrows(IllegalArgumentException.class, () -> MarkdownBlocks.toggleTask(text, 4));
        assertThrows(IllegalArgumentException.class, () -> MarkdownBlocks.toggleTask(text, 10));
        assertThrows(IllegalArgumentException.class, () -> MarkdownBlocks.toggleTask(text, 20));
        assertThrows(IllegalArgumentException.class, () -> MarkdownBlocks.toggleTask(text, 28));
        assertThrows(IllegalArgumentException.class, () -> MarkdownBlocks.toggleTask(text, -1));
        assertThrows(IllegalArgumentException.class, () -> MarkdownBlocks.toggleTask(text, text.length()));
    }

    @Test
    void aLineStartingWithItalicIsNotAListItem() {
        assertEquals(new Paragraph(0, 0, List.of(
                new Span("soft", false, true, false),
                new Span(" start", false, false, false))),
                only("*soft* start"));
    }

    @Test
    void anEmptyHeadingHasNoContent() {
        assertEquals(new Heading(0, 0, 2, List.of()), only("## "));
    }

    @Test
    void aMegabyteNoteParsesInWellUnderASecond() {
        StringBuilder lines = new StringBuilder();
        while (lines.length() < 1_000_000) {
            lines.append("- [ ] a *task* with `code` and **bold**\n# heading\nplain _text_ here\n\n");
        }
        assertParsesQuickly("many short lines", lines.toString());
        assertParsesQuickly("one line of markers", "*a **b `c _d ".repeat(1_000_000 / 13));
        assertParsesQuickly("one line of code spans", "` ".repeat(500_000));
        assertParsesQuickly("one line of letters", "abcdefghij".repeat(100_000));
    }

    @Test
    void aLongLineOfUnclosedOpenersIsOneLiteralSpan() {
        String line = "*x ".repeat(350_000);
        List<MarkdownBlock> blocks =
                assertTimeoutPreemptively(QUADRATIC_WOULD_TAKE_LONGER, () -> MarkdownBlocks.parse(line));
        assertEquals(List.of(new Paragraph(0, 0, plain(line))), blocks);
    }

    private static void assertParsesQuickly(String what, String text) {
        assertTimeoutPreemptively(QUADRATIC_WOULD_TAKE_LONGER, () -> MarkdownBlocks.parse(text), what);
    }
}
