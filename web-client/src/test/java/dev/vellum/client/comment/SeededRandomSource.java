package dev.vellum.client.comment;

import dev.vellum.crypto.random.RandomSource;
import java.util.Random;

/** Repeatable bytes for test scenarios (keys and ids a failing seed can replay). Never used outside tests. */
final class SeededRandomSource implements RandomSource {
    private final Random random;

    SeededRandomSource(long seed) {
        this.random = new Random(seed); // test scenarios only
    }

    @Override
    public void nextBytes(byte[] out) {
        random.nextBytes(out);
    }
}
