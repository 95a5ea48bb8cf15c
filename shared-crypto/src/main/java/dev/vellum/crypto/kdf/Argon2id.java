package dev.vellum.crypto.kdf;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id, version 0x13 (RFC 9106), on BouncyCastle's implementation: turns a passphrase into key material that
 * costs an attacker the same memory and time per guess as it costs us.
 */
public final class Argon2id {
    public static final int MIN_SALT_LENGTH = 16;

    private Argon2id() {
    }

    public static byte[] hash(byte[] password, byte[] salt, Argon2idParameters cost, int outputLength) {
        return hash(password, salt, null, null, cost, outputLength);
    }

    /** With RFC 9106's optional secret and associated data (section 3.1), used by its test vector. */
    public static byte[] hash(byte[] password, byte[] salt, byte[] secret, byte[] associatedData,
                              Argon2idParameters cost, int outputLength) {
        if (salt.length < MIN_SALT_LENGTH) {
            throw new IllegalArgumentException("Argon2id salt must be at least " + MIN_SALT_LENGTH + " bytes");
        }
        if (outputLength < 4) {
            throw new IllegalArgumentException("Argon2 tags are at least 4 bytes");
        }
        Argon2Parameters.Builder builder = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(cost.memoryKiB())
                .withIterations(cost.iterations())
                .withParallelism(cost.parallelism())
                .withSalt(salt);
        if (secret != null) {
            builder.withSecret(secret);
        }
        if (associatedData != null) {
            builder.withAdditional(associatedData);
        }
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(builder.build());
        byte[] out = new byte[outputLength];
        generator.generateBytes(password, out);
        return out;
    }
}
