package dev.vellum.encoding;

import dev.vellum.error.InvalidMessageException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Strict UTF-8 for names, titles and comments: decoding refuses malformed bytes instead of replacing them (Java's
 * decoder would show U+FFFD), so that one text has one encoding. By round trip, since the browser's class library has
 * no configurable decoder.
 */
public final class Utf8 {
    private Utf8() {
    }

    public static byte[] encode(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    public static String decode(byte[] bytes, String field) throws InvalidMessageException {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (!Arrays.equals(encode(text), bytes)) {
            throw new InvalidMessageException("the " + field + " is not well-formed UTF-8");
        }
        return text;
    }
}
