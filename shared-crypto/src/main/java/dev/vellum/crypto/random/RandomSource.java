package dev.vellum.crypto.random;

/**
 * The platform's cryptographically secure random number generator.
 *
 * <p>Implementations must draw from the operating system or browser CSPRNG ({@code SecureRandom} on the JVM,
 * {@code crypto.getRandomValues} in the browser) and must fail rather than fall back to anything weaker.
 */
public interface RandomSource {
    /** Fills {@code out} entirely with random bytes. */
    void nextBytes(byte[] out);

    default byte[] randomBytes(int length) {
        byte[] out = new byte[length];
        nextBytes(out);
        return out;
    }
}
