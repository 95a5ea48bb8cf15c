package dev.vellum.protocol.account;

import dev.vellum.crypto.hash.Hkdf;
import dev.vellum.crypto.hash.Label;
import java.util.Arrays;

/**
 * Proves to the server that a browser knows an account's passphrase (or recovery key) without revealing it: derived
 * beside the {@link WrappingKey} from the same secret, under another label, so the server that receives it learns
 * nothing about the key that opens the private keys. The server keeps only an {@link AuthKeyHash} of it.
 */
public final class AuthKey {
    public static final int LENGTH = 32;

    private final byte[] bytes;

    private AuthKey(byte[] bytes) {
        this.bytes = bytes;
    }

    public static AuthKey fromBytes(byte[] bytes) {
        if (bytes == null || bytes.length != LENGTH) {
            throw new IllegalArgumentException("an authentication key is exactly " + LENGTH + " bytes");
        }
        return new AuthKey(bytes.clone());
    }

    /** Expands {@code secret} under {@code purpose}; the caller zeroes its copy of {@code secret}. */
    static AuthKey derive(byte[] secret, Label purpose) {
        return new AuthKey(Hkdf.derive(secret, new byte[0], purpose, LENGTH));
    }

    /** A copy, to send to the server. */
    public byte[] toBytes() {
        return bytes.clone();
    }

    public void destroy() {
        Arrays.fill(bytes, (byte) 0);
    }

    @Override
    public String toString() {
        return "AuthKey[redacted]";
    }
}
