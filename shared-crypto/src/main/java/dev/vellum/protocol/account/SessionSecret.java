package dev.vellum.protocol.account;

import dev.vellum.crypto.random.RandomSource;
import java.util.Arrays;

/**
 * A random secret the server makes for each session and gives only to that session's cookie holder. The browser
 * seals its unlocked device keys under it ({@link WrappingKey#ofSessionSecret}) and keeps only the sealed copy, so a
 * reload stays logged in without the passphrase, while a copy of the browser's disk opens nothing once the session
 * has ended (logout, revocation), and the server, which never sees the sealed copy, opens nothing either.
 */
public final class SessionSecret {
    public static final int LENGTH = 32;

    private final byte[] bytes;

    private SessionSecret(byte[] bytes) {
        this.bytes = bytes;
    }

    public static SessionSecret random(RandomSource random) {
        return new SessionSecret(random.randomBytes(LENGTH));
    }

    public static SessionSecret fromBytes(byte[] bytes) {
        if (bytes == null || bytes.length != LENGTH) {
            throw new IllegalArgumentException("a session secret is exactly " + LENGTH + " bytes");
        }
        return new SessionSecret(bytes.clone());
    }

    public byte[] toBytes() {
        return bytes.clone();
    }

    public void destroy() {
        Arrays.fill(bytes, (byte) 0);
    }

    @Override
    public String toString() {
        return "SessionSecret[redacted]";
    }
}
