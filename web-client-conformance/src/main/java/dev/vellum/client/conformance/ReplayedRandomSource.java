package dev.vellum.client.conformance;

import dev.vellum.client.jso.BrowserRandomSource;
import dev.vellum.crypto.random.RandomSource;

/**
 * Replays given bytes as "randomness", for known-answer vectors only (this module is never shipped; the app's
 * randomness is {@link BrowserRandomSource}). Fails if asked for more than it was given.
 */
final class ReplayedRandomSource implements RandomSource {
    private final byte[] bytes;
    private int position;

    ReplayedRandomSource(byte[] bytes) {
        this.bytes = bytes;
    }

    @Override
    public void nextBytes(byte[] out) {
        if (position + out.length > bytes.length) {
            throw new IllegalStateException("replayed bytes exhausted");
        }
        System.arraycopy(bytes, position, out, 0, out.length);
        position += out.length;
    }
}
