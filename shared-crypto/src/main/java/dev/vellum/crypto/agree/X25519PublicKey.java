package dev.vellum.crypto.agree;

import dev.vellum.error.InvalidPublicKeyException;
import java.util.Arrays;
import org.bouncycastle.util.encoders.Hex;

/** An X25519 public key (RFC 7748): 32 bytes, the u-coordinate. */
public final class X25519PublicKey {
    public static final int LENGTH = 32;

    private final byte[] bytes;

    private X25519PublicKey(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * Only the length is checked: RFC 7748 accepts any 32 bytes. Small-order points are caught when they are used,
     * by {@link X25519PrivateKey#agree}, which refuses an all-zero shared secret.
     */
    public static X25519PublicKey fromBytes(byte[] bytes) throws InvalidPublicKeyException {
        if (bytes == null || bytes.length != LENGTH) {
            throw new InvalidPublicKeyException("an X25519 public key is " + LENGTH + " bytes");
        }
        return new X25519PublicKey(bytes.clone());
    }

    static X25519PublicKey trusted(byte[] bytes) {
        return new X25519PublicKey(bytes);
    }

    public byte[] toBytes() {
        return bytes.clone();
    }

    byte[] bytesForUse() {
        return bytes;
    }

    @Override
    public boolean equals(Object other) {
        // Public, so timing is no secret; constant time anyway, so one comparison rule holds for all key bytes.
        return other instanceof X25519PublicKey key
                && org.bouncycastle.util.Arrays.constantTimeAreEqual(bytes, key.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "X25519PublicKey[" + Hex.toHexString(bytes) + "]";
    }
}
