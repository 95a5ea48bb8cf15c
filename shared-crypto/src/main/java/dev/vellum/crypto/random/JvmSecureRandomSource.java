package dev.vellum.crypto.random;

import java.security.SecureRandom;

/** The JVM's default {@link SecureRandom}. Not for the browser, where TeaVM could fall back to a weak generator. */
public final class JvmSecureRandomSource implements RandomSource {
    private final SecureRandom random = new SecureRandom();

    @Override
    public void nextBytes(byte[] out) {
        random.nextBytes(out);
    }
}
