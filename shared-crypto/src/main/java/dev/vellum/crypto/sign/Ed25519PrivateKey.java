package dev.vellum.crypto.sign;

import dev.vellum.crypto.internal.KeyAccess;
import dev.vellum.crypto.random.RandomSource;
import java.util.Arrays;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * An Ed25519 signing key (RFC 8032), kept as its 32-byte seed. Never printed; {@link #destroy()} zeroes the seed.
 */
public final class Ed25519PrivateKey {
    public static final int LENGTH = 32;

    private final byte[] seed;
    private final Ed25519PrivateKeyParameters parameters;
    /** Computed on first use; BouncyCastle caches the same point for signing. */
    private Ed25519PublicKey publicKey;
    private boolean destroyed;

    private Ed25519PrivateKey(byte[] seed) {
        this.seed = seed;
        this.parameters = new Ed25519PrivateKeyParameters(seed, 0);
    }

    public static Ed25519PrivateKey generate(RandomSource random) {
        return new Ed25519PrivateKey(random.randomBytes(LENGTH));
    }

    public static Ed25519PrivateKey fromSeed(byte[] seed) {
        if (seed == null || seed.length != LENGTH) {
            throw new IllegalArgumentException("an Ed25519 seed is " + LENGTH + " bytes");
        }
        return new Ed25519PrivateKey(seed.clone());
    }

    public Ed25519PublicKey publicKey() {
        if (publicKey == null) {
            publicKey = Ed25519PublicKey.trusted(parameters.generatePublicKey().getEncoded());
        }
        return publicKey;
    }

    /** A deterministic RFC 8032 signature over {@code message}. */
    public byte[] sign(byte[] message) {
        if (destroyed) {
            throw new IllegalStateException("key has been destroyed");
        }
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, parameters);
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    /** A copy of the seed, for encrypted storage by its owner only; needs a {@link KeyAccess} token. */
    public byte[] exportSeed(KeyAccess access) {
        KeyAccess.check(access);
        if (destroyed) {
            throw new IllegalStateException("key has been destroyed");
        }
        return seed.clone();
    }

    /**
     * Zeroes this object's copy of the seed. BouncyCastle's parameter object keeps its own copy, which the JVM
     * gives no way to wipe; dropping every reference is the rest of the job.
     */
    public void destroy() {
        Arrays.fill(seed, (byte) 0);
        destroyed = true;
    }

    @Override
    public String toString() {
        return "Ed25519PrivateKey[redacted]";
    }
}
