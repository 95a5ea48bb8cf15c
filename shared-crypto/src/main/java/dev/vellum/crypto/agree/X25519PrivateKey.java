package dev.vellum.crypto.agree;

import dev.vellum.crypto.internal.KeyAccess;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.error.InvalidPublicKeyException;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc7748.X25519;

/** An X25519 private key (RFC 7748). Never printed; {@link #destroy()} zeroes it. */
public final class X25519PrivateKey {
    public static final int LENGTH = 32;
    public static final int SHARED_SECRET_LENGTH = 32;

    private final byte[] scalar;
    /** Computed on first use: agreement alone never needs it, and it costs a scalar multiplication. */
    private X25519PublicKey publicKey;
    private boolean destroyed;

    private X25519PrivateKey(byte[] scalar) {
        this.scalar = scalar;
    }

    public static X25519PrivateKey generate(RandomSource random) {
        return new X25519PrivateKey(random.randomBytes(LENGTH));
    }

    /** Any 32 bytes are a valid scalar; clamping happens inside the function (RFC 7748, section 5). */
    public static X25519PrivateKey fromBytes(byte[] scalar) {
        if (scalar == null || scalar.length != LENGTH) {
            throw new IllegalArgumentException("an X25519 private key is " + LENGTH + " bytes");
        }
        return new X25519PrivateKey(scalar.clone());
    }

    public X25519PublicKey publicKey() {
        if (publicKey == null) {
            byte[] publicBytes = new byte[X25519PublicKey.LENGTH];
            X25519.scalarMultBase(checkedScalar(), 0, publicBytes, 0);
            publicKey = X25519PublicKey.trusted(publicBytes);
        }
        return publicKey;
    }

    /**
     * The Diffie-Hellman shared secret with {@code peer}.
     *
     * @throws InvalidPublicKeyException if the result is all zeros, which a small-order peer key forces
     *     (RFC 7748, section 6.1): such a "secret" is known to everyone
     */
    public byte[] agree(X25519PublicKey peer) throws InvalidPublicKeyException {
        byte[] shared = new byte[SHARED_SECRET_LENGTH];
        if (!X25519.calculateAgreement(checkedScalar(), 0, peer.bytesForUse(), 0, shared, 0)) {
            throw new InvalidPublicKeyException("X25519 with this public key gives an all-zero secret");
        }
        return shared;
    }

    /** A copy of the scalar, for encrypted storage by its owner only; needs a {@link KeyAccess} token. */
    public byte[] exportBytes(KeyAccess access) {
        KeyAccess.check(access);
        return checkedScalar().clone();
    }

    private byte[] checkedScalar() {
        if (destroyed) {
            throw new IllegalStateException("key has been destroyed");
        }
        return scalar;
    }

    public void destroy() {
        Arrays.fill(scalar, (byte) 0);
        destroyed = true;
    }

    @Override
    public String toString() {
        return "X25519PrivateKey[redacted]";
    }
}
