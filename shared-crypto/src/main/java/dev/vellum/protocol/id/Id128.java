package dev.vellum.protocol.id;

import dev.vellum.encoding.Base64Url;
import java.util.Arrays;

/** A 128-bit public identifier; its text form is 22 characters of unpadded base64url. */
public abstract class Id128 {
    public static final int LENGTH = 16;
    public static final int TEXT_LENGTH = 22;

    private final byte[] bytes;

    protected Id128(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("an identifier is exactly " + LENGTH + " bytes");
        }
        this.bytes = bytes.clone();
    }

    public final byte[] toBytes() {
        return bytes.clone();
    }

    @Override
    public final boolean equals(Object other) {
        return other != null && other.getClass() == getClass() && Arrays.equals(bytes, ((Id128) other).bytes);
    }

    @Override
    public final int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** The base64url form, as it appears in URLs. */
    @Override
    public final String toString() {
        return Base64Url.encode(bytes);
    }
}
