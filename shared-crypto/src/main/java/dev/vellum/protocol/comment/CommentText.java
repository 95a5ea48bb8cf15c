package dev.vellum.protocol.comment;

import dev.vellum.encoding.Utf8;
import dev.vellum.error.InvalidMessageException;

/**
 * The text rules of comment records: what an author's device does to the strings it signs, so that each one has
 * exactly one UTF-8 encoding and survives the round trip through the record unchanged.
 */
final class CommentText {
    private CommentText() {
    }

    /**
     * {@code text} with every unpaired surrogate replaced by U+FFFD. Java's UTF-8 encoder would turn one into
     * {@code '?'}, so the signed bytes would say something else than the string the author's device shows; a
     * selection cut inside an emoji is the usual way to get one.
     */
    static String wellFormed(String text) {
        StringBuilder out = null;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < length
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (paired) {
                if (out != null) {
                    out.append(c).append(text.charAt(i + 1));
                }
                i++;
            } else if (Character.isSurrogate(c)) {
                if (out == null) {
                    out = new StringBuilder(length).append(text, 0, i);
                }
                out.append('\uFFFD');
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    /**
     * Strict UTF-8 that also holds no encoded surrogate: the JVM's decoder refuses one, a browser's class library
     * might pass it through, and every reader must accept exactly the same records.
     */
    static String decode(byte[] bytes, String field) throws InvalidMessageException {
        String text = Utf8.decode(bytes, field);
        if (!wellFormed(text).equals(text)) {
            throw new InvalidMessageException("the " + field + " holds an unpaired surrogate");
        }
        return text;
    }

    /**
     * The longest prefix of a well-formed {@code text} that ends at a code point boundary and holds at most
     * {@code maxUnits} UTF-16 units and {@code maxBytes} bytes of UTF-8.
     */
    static String prefix(String text, int maxUnits, int maxBytes) {
        int units = 0;
        int bytes = 0;
        int length = text.length();
        while (units < length) {
            int codePoint = text.codePointAt(units);
            int width = Character.charCount(codePoint);
            int encoded = utf8Length(codePoint);
            if (units + width > maxUnits || bytes + encoded > maxBytes) {
                break;
            }
            units += width;
            bytes += encoded;
        }
        return units == length ? text : text.substring(0, units);
    }

    private static int utf8Length(int codePoint) {
        if (codePoint < 0x80) {
            return 1;
        }
        if (codePoint < 0x800) {
            return 2;
        }
        return codePoint < 0x10000 ? 3 : 4;
    }
}
