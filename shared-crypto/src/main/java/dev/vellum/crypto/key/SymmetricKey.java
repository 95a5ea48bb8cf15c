package dev.vellum.crypto.key;

import dev.vellum.crypto.internal.KeyAccess;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.encoding.Base64Url;
import dev.vellum.error.InvalidMessageException;
import java.util.Arrays;

/**
 * A 256-bit secret key for an AEAD.
 *
 * <p>Never printed: {@link #toString()} is redacted. {@link #destroy()} zeroes the bytes, after which the key
 * refuses to be used. The raw bytes leave this class only through {@link #exportBytes()} (a copy), used where the
 * key must travel to another of the owner's places, such as a link's fragment; the primitives read the live bytes
 * through {@link #bytesForUse(KeyAccess)}, which only {@code dev.vellum.crypto..} may call.
 */
public final class SymmetricKey {
    public static final int LENGTH = 32;

    private final byte[] bytes;
    private boolean destroyed;

    private SymmetricKey(byte[] bytes) {
        this.bytes = bytes;
    }

    public static SymmetricKey generate(RandomSource random) {
        return new SymmetricKey(random.randomBytes(LENGTH));
    }

    public static SymmetricKey fromBytes(byte[] bytes) {
        if (bytes == null || bytes.length != LENGTH) {
            throw new IllegalArgumentException("a symmetric key is exactly " + LENGTH + " bytes");
        }
        return new SymmetricKey(bytes.clone());
    }

    /** Parses the unpadded base64url form used in link fragments. */
    public static SymmetricKey fromBase64Url(String text) throws InvalidMessageException {
        return new SymmetricKey(Base64Url.decode(text, LENGTH));
    }

    public String toBase64Url() {
        return Base64Url.encode(liveBytes());
    }

    /** A copy of the key bytes; the caller owns the copy and should zero it when done. */
    public byte[] exportBytes() {
        return liveBytes().clone();
    }

    /**
     * The live key bytes, for the primitives in {@code dev.vellum.crypto..} only (see {@link KeyAccess} for why a
     * token); callers must not keep or change them.
     */
    public byte[] bytesForUse(KeyAccess access) {
        KeyAccess.check(access);
        return liveBytes();
    }

    private byte[] liveBytes() {
        if (destroyed) {
            throw new IllegalStateException("key has been destroyed");
        }
        return bytes;
    }

    public void destroy() {
        Arrays.fill(bytes, (byte) 0);
        destroyed = true;
    }

    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public String toString() {
        return "SymmetricKey[redacted]";
    }
}
