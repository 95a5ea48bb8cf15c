package dev.vellum.client.account;

import dev.vellum.encoding.Base64Url;

/**
 * Writes the flat JSON objects the account API takes: string fields only, binary ones in unpadded base64url. Small
 * on purpose: no reflection, nothing that TeaVM would have to carry for a general JSON library.
 */
public final class JsonText {
    private final StringBuilder out = new StringBuilder("{");

    private JsonText() {
    }

    public static JsonText object() {
        return new JsonText();
    }

    public JsonText put(String name, String value) {
        if (out.length() > 1) {
            out.append(',');
        }
        quote(name);
        out.append(':');
        quote(value);
        return this;
    }

    public JsonText put(String name, byte[] value) {
        return put(name, Base64Url.encode(value));
    }

    @Override
    public String toString() {
        return out + "}";
    }

    private void quote(String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                String hex = Integer.toHexString(c);
                out.append("\\u").append("0000", hex.length(), 4).append(hex);
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }
}
