package dev.vellum.client.workspace;

import dev.vellum.encoding.Base64Url;
import java.util.List;

/**
 * Writes the JSON request bodies of the workspace API: binary fields as unpadded base64url strings, arrays of them,
 * whole numbers, and one level of nested object. The only text it quotes is base64url and the field names written
 * here, so it needs no general escaping; anything else is refused rather than written half-escaped.
 */
final class JsonBody {
    private final StringBuilder out = new StringBuilder("{");

    static JsonBody object() {
        return new JsonBody();
    }

    JsonBody put(String name, byte[] value) {
        return raw(name, quoted(Base64Url.encode(value)));
    }

    JsonBody put(String name, String plain) {
        return raw(name, quoted(plain));
    }

    JsonBody put(String name, long value) {
        return raw(name, Long.toString(value));
    }

    JsonBody put(String name, List<byte[]> values) {
        StringBuilder array = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                array.append(',');
            }
            array.append(quoted(Base64Url.encode(values.get(i))));
        }
        return raw(name, array.append(']').toString());
    }

    JsonBody put(String name, JsonBody nested) {
        return raw(name, nested.toString());
    }

    private JsonBody raw(String name, String value) {
        if (out.length() > 1) {
            out.append(',');
        }
        out.append(quoted(name)).append(':').append(value);
        return this;
    }

    private static String quoted(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\' || c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException("only plain ASCII text is written here");
            }
        }
        return "\"" + text + "\"";
    }

    @Override
    public String toString() {
        return out + "}";
    }
}
