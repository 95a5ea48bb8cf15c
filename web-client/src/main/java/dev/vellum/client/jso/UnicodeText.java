package dev.vellum.client.jso;

import org.teavm.jso.JSBody;

/**
 * Unicode normal forms, from the browser's own {@code String.prototype.normalize} (TeaVM's class library has no
 * {@code java.text.Normalizer}).
 */
public final class UnicodeText {
    private UnicodeText() {
    }

    /**
     * NFC: a passphrase typed on another keyboard or system (an "é" sent as "e" and a combining accent, as macOS
     * and some input methods do) becomes the same code points, so the same passphrase derives the same keys.
     */
    @JSBody(params = "text", script = "return text.normalize('NFC');")
    public static native String nfc(String text);
}
