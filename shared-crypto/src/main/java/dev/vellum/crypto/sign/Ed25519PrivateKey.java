package dev.vellum.crypto.sign;

import dev.vellum.crypto.internal.KeyAccess;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.crypto.sign.internal.Ed25519Signing;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An Ed25519 signing key (RFC 8032), kept as its 32-byte seed and the public key derived from it once. Never printed;
 * {@link #destroy()} zeroes the seed and its hash.
 *
 * <p>Signing is RFC 8032's (section 5.1.6) with the stored public key and the seed's SHA-512: signing needs the
 * encoded public key inside its hash, and deriving it costs a base-point multiplication, as much as the signature's
 * own; a key made per call derived it every time (half libsodium.js's signing speed in the browser), and signing from
 * the seed hashes the seed again per signature (one SHA-512 of the three a signature costs). The signature itself is
 * {@link Ed25519Signing}'s; the key pair is derived by BouncyCastle.
 */
public final class Ed25519PrivateKey {
    public static final int LENGTH = 32;

    private final byte[] seed;
    /**
     * SHA-512 of the seed (RFC 8032, section 5.1.5: the secret scalar before pruning, then the nonce prefix), hashed
     * once: signing from the seed hashes it again for every signature. Secret; wiped by {@link #destroy()}.
     */
    private final byte[] expandedKey;
    /** Derived once from the seed; not secret. */
    private final byte[] encodedPublicKey;
    /** Made on first use; parsing the point costs a square root that signing does not need. */
    private Ed25519PublicKey publicKey;
    private boolean destroyed;

    private Ed25519PrivateKey(byte[] seed) {
        this.seed = seed;
        this.expandedKey = new byte[Ed25519.ExpandedKey.EXPANDED_KEY_SIZE];
        Ed25519.ExpandedKey.expandPrivateKey(seed, 0, expandedKey, 0);
        this.encodedPublicKey = new byte[Ed25519PublicKey.LENGTH];
        Ed25519.ExpandedKey.generatePublicKey(expandedKey, 0, encodedPublicKey, 0);
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
            publicKey = Ed25519PublicKey.trusted(encodedPublicKey.clone());
        }
        return publicKey;
    }

    /** A deterministic RFC 8032 signature over {@code message}. */
    public byte[] sign(byte[] message) {
        if (destroyed) {
            throw new IllegalStateException("key has been destroyed");
        }
        return Ed25519Signing.sign(expandedKey, encodedPublicKey, message);
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
     * Zeroes the seed and its hash, the only secrets this object holds (signing wipes its per-signature secrets, the
     * nonce and the pruned scalar, before it returns). Dropping every reference is the rest of the job.
     */
    public void destroy() {
        Arrays.fill(seed, (byte) 0);
        Arrays.fill(expandedKey, (byte) 0);
        destroyed = true;
    }

    @Override
    public String toString() {
        return "Ed25519PrivateKey[redacted]";
    }
}
