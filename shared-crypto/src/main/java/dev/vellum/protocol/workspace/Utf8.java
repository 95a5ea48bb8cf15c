package dev.vellum.protocol.workspace;

import dev.vellum.error.InvalidMessageException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Strict UTF-8 for names and titles: decoding refuses malformed bytes instead of replacing them (Java's decoder
 * would show U+FFFD), so that one title has one encoding. By round trip, since the browser's class library has no
 * configurable decoder.
 */
final class Utf8 {
    private Utf8() {
    }

    static byte[] encode(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String decode(byte[] bytes, String field) throws InvalidMessageException {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (!Arrays.equals(encode(text), bytes)) {
            throw new InvalidMessageException("the " + field + " is not well-formed UTF-8");
        }
        return text;
    }
}
