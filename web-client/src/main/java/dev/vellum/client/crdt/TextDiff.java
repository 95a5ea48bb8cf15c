package dev.vellum.client.crdt;

/**
 * The single replace that turns one text into another, as a text control reports an edit: the whole new value,
 * and where the caret ended. Where the change is ambiguous (typing "a" into "aa"), the caret decides, so the
 * insert lands where the person typed it, which matters once it merges with others' edits.
 *
 * @param position where the replaced span starts in the old text
 * @param deleteCount how many characters of the old text it replaces
 * @param insert what replaces them
 */
public record TextDiff(int position, int deleteCount, String insert) {
    public static TextDiff between(String before, String after, int caretAfter) {
        int shorter = Math.min(before.length(), after.length());
        int prefix = 0;
        while (prefix < shorter && before.charAt(prefix) == after.charAt(prefix)) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < shorter - prefix
                && before.charAt(before.length() - 1 - suffix) == after.charAt(after.length() - 1 - suffix)) {
            suffix++;
        }
        int deleteCount = before.length() - prefix - suffix;
        // The longest common prefix puts the change as late as possible; if the caret sits earlier, move the
        // change left to end at the caret, as far as that still describes the same edit.
        int changeEnd = after.length() - suffix;
        for (int shift = Math.min(changeEnd - caretAfter, prefix); shift > 0; shift--) {
            String moved = after.substring(prefix - shift, changeEnd - shift);
            if (apply(before, prefix - shift, deleteCount, moved).equals(after)) {
                return new TextDiff(prefix - shift, deleteCount, moved);
            }
        }
        return new TextDiff(prefix, deleteCount, after.substring(prefix, changeEnd));
    }

    public String applyTo(String text) {
        return apply(text, position, deleteCount, insert);
    }

    public boolean isEmpty() {
        return deleteCount == 0 && insert.isEmpty();
    }

    private static String apply(String text, int position, int deleteCount, String insert) {
        return text.substring(0, position) + insert + text.substring(position + deleteCount);
    }
}
