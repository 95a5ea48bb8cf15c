package dev.vellum.protocol.item;

import java.util.Arrays;
import org.bouncycastle.util.encoders.Hex;

/** The 32-byte hash that chains an author's updates: each update names the hash of the one before. */
public final class UpdateHash {
    public static final int LENGTH = 32;
    /** What an author's first update (sequence 1) names as its predecessor. */
    public static final UpdateHash NONE = new UpdateHash(new byte[LENGTH]);

    private final byte[] bytes;

    private UpdateHash(byte[] bytes) {
        this.bytes = bytes;
    }

    public static UpdateHash fromBytes(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("an update hash is " + LENGTH + " bytes");
        }
        return new UpdateHash(bytes.clone());
    }

    public byte[] toBytes() {
        return bytes.clone();
    }

    /** Hashes are public, so plain comparison is fine here. */
    @Override
    public boolean equals(Object other) {
        return other instanceof UpdateHash hash && Arrays.equals(bytes, hash.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return Hex.toHexString(bytes);
    }
}
