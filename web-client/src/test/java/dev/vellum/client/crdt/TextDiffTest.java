package dev.vellum.client.crdt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TextDiffTest {
    @Test
    void typingACharacter_isOneInsertAtTheCaret() {
        assertEquals(new TextDiff(5, 0, "!"), TextDiff.between("hello", "hello!", 6));
        assertEquals(new TextDiff(0, 0, "X"), TextDiff.between("abc", "Xabc", 1));
    }

    @Test
    void ambiguousInsertIntoARun_landsWhereTheCaretIs() {
        // "aa" -> "aaa" with the caret after the first 'a': the new 'a' went in at 0, not at 2.
        assertEquals(new TextDiff(0, 0, "a"), TextDiff.between("aa", "aaa", 1));
        assertEquals(new TextDiff(2, 0, "a"), TextDiff.between("aa", "aaa", 3));
    }

    @Test
    void replacingASelection_isOneReplace() {
        assertEquals(new TextDiff(6, 5, "there"), TextDiff.between("hello world", "hello there", 11));
    }

    @Test
    void backspace_isOneDelete() {
        assertEquals(new TextDiff(2, 1, ""), TextDiff.between("abcd", "abd", 2));
        assertTrue(TextDiff.between("same", "same", 4).isEmpty());
    }

    @Test
    void randomEdits_alwaysReproduceTheNewText() {
        Random random = new Random(3); // test data only
        for (int i = 0; i < 5000; i++) {
            String before = randomText(random, random.nextInt(12));
            int at = random.nextInt(before.length() + 1);
            int delete = random.nextInt(before.length() - at + 1);
            String insert = randomText(random, random.nextInt(4));
            String after = before.substring(0, at) + insert + before.substring(at + delete);

            TextDiff diff = TextDiff.between(before, after, at + insert.length());

            assertEquals(after, diff.applyTo(before), before + " -> " + after);
        }
    }

    private static String randomText(Random random, int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append("ab".charAt(random.nextInt(2)));
        }
        return out.toString();
    }
}
