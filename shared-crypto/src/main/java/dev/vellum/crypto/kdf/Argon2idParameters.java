package dev.vellum.crypto.kdf;

/**
 * Cost of an Argon2id run (RFC 9106): memory in KiB, passes over it, and lanes.
 *
 * <p>{@link #INTERACTIVE} was chosen by measurement. OWASP's minimum (19 MiB, 2 passes) took about 55 ms in headless
 * Chromium on the 2-core reference machine, far under the 1.5 s budget, so Vellum spends more: 64 MiB and 3 passes,
 * about 0.5 to 0.6 s there (the crypto benchmark prints the current figure), leaving room for phones
 * several times slower. Parameters travel with what they protect, so they can be raised later without locking
 * anyone out.
 */
public record Argon2idParameters(int memoryKiB, int iterations, int parallelism) {
    public static final Argon2idParameters INTERACTIVE = new Argon2idParameters(64 * 1024, 3, 1);

    public Argon2idParameters {
        if (parallelism < 1 || parallelism > 0xFFFFFF) {
            throw new IllegalArgumentException("Argon2 parallelism must be 1 to 2^24-1");
        }
        if (memoryKiB < 8 * parallelism) {
            throw new IllegalArgumentException("Argon2 memory must be at least 8 KiB per lane");
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("Argon2 needs at least one pass");
        }
    }
}
