package dev.vellum.testing;

import dev.vellum.crypto.random.RandomSource;

/** Replays fixed bytes, for tests that need a known nonce. Never used outside tests. */
public final class FixedRandomSource implements RandomSource {
    private final byte[] bytes;
    private int position;

    public FixedRandomSource(byte[] bytes) {
        this.bytes = bytes.clone();
    }

    @Override
    public void nextBytes(byte[] out) {
        if (position + out.length > bytes.length) {
            throw new IllegalStateException("fixed random bytes exhausted");
        }
        System.arraycopy(bytes, position, out, 0, out.length);
        position += out.length;
    }
}
