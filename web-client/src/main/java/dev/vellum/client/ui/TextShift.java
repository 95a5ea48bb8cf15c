package dev.vellum.client.ui;

/**
 * How one change of the editor's text moved offsets in it, found by comparing the text before and after: the
 * change replaced {@code [from, oldTo)} of the old text with {@code [from, newTo)} of the new one. It lets the
 * comment highlights and a comment being written follow the text at once, between the moments sync says where
 * anchors are (sync's ranges, from the CRDT's character ids, are the truth and replace these as soon as they come).
 *
 * <p>A range keeps the characters it held: text typed just before its first character or just after its last one
 * stays outside it, and a range whose every character was deleted comes out empty.
 */
record TextShift(int from, int oldTo, int newTo) {
    /** No change at all. */
    static final TextShift NONE = new TextShift(0, 0, 0);

    /** The one replaced span that turns {@code before} into {@code after} (common prefix, then common suffix). */
    static TextShift between(String before, String after) {
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
        return new TextShift(prefix, before.length() - suffix, after.length() - suffix);
    }

    /** Where the first character of a range that started at {@code start} is now. */
    int start(int start) {
        if (start < from) {
            return start;
        }
        if (start >= oldTo) {
            return start + newTo - oldTo;
        }
        return newTo; // its first characters were replaced: it starts after what replaced them
    }

    /** Where a range that ended (exclusive) at {@code end} ends now. */
    int end(int end) {
        if (end <= from) {
            return end;
        }
        if (end > oldTo) {
            return end + newTo - oldTo;
        }
        return from; // its last characters were replaced: it ends before what replaced them
    }
}
