package dev.vellum.client.jso;

import dev.vellum.crypto.random.RandomSource;
import org.teavm.jso.JSBody;
import org.teavm.jso.crypto.Crypto;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * {@code crypto.getRandomValues}, called directly. TeaVM's own {@code SecureRandom} silently falls back to a
 * non-cryptographic generator when {@code crypto} is missing; this class refuses to exist instead.
 */
public final class BrowserRandomSource implements RandomSource {
    /** getRandomValues fills at most 65,536 bytes per call. */
    private static final int MAX_CHUNK = 65536;

    private BrowserRandomSource() {
    }

    /** @throws IllegalStateException if the browser has no CSPRNG, which a supported browser always has */
    public static BrowserRandomSource create() {
        if (!hasGetRandomValues()) {
            throw new IllegalStateException("crypto.getRandomValues is not available");
        }
        return new BrowserRandomSource();
    }

    @JSBody(script = "return typeof crypto !== 'undefined' && typeof crypto.getRandomValues === 'function';")
    private static native boolean hasGetRandomValues();

    @Override
    public void nextBytes(byte[] out) {
        for (int offset = 0; offset < out.length; offset += MAX_CHUNK) {
            int length = Math.min(MAX_CHUNK, out.length - offset);
            Int8Array chunk = new Int8Array(length);
            Crypto.current().getRandomValues(chunk);
            System.arraycopy(chunk.copyToJavaArray(), 0, out, offset, length);
            wipe(chunk); // these bytes may become a key: leave no copy in JavaScript's heap
        }
    }

    @JSBody(params = "array", script = "array.fill(0);")
    private static native void wipe(Int8Array array);
}
