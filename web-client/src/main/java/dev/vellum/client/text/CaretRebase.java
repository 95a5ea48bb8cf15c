package dev.vellum.client.text;

/**
 * Moves a caret position from an old text to a new one, so a remote change above the caret does not throw the
 * person's cursor elsewhere. The change is taken as the span between the texts' common prefix and common suffix.
 */
public final class CaretRebase {
    private CaretRebase() {
    }

    public static int rebase(String oldText, String newText, int caret) {
        int prefix = 0;
        int maxPrefix = Math.min(oldText.length(), newText.length());
        while (prefix < maxPrefix && oldText.charAt(prefix) == newText.charAt(prefix)) {
            prefix++;
        }
        int suffix = 0;
        int maxSuffix = maxPrefix - prefix;
        while (suffix < maxSuffix
                && oldText.charAt(oldText.length() - 1 - suffix) == newText.charAt(newText.length() - 1 - suffix)) {
            suffix++;
        }
        if (caret <= prefix) {
            return caret;
        }
        int oldChangeEnd = oldText.length() - suffix;
        if (caret >= oldChangeEnd) {
            return caret + newText.length() - oldText.length();
        }
        // The caret sat inside the replaced span: put it at the end of what replaced it.
        return newText.length() - suffix;
    }
}
