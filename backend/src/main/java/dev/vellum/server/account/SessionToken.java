package dev.vellum.server.account;

import dev.vellum.crypto.hash.Sha256;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.encoding.Base64Url;
import dev.vellum.error.InvalidMessageException;

/**
 * The bearer secret in a session cookie: 32 random bytes, in the cookie as base64url. The server keeps only its
 * SHA-256 ({@link #hash()}), so the database alone gives no cookie that works. Never printed.
 */
public final class SessionToken {
    public static final int LENGTH = 32;

    private final byte[] bytes;

    private SessionToken(byte[] bytes) {
        this.bytes = bytes;
    }

    public static SessionToken random(RandomSource random) {
        return new SessionToken(random.randomBytes(LENGTH));
    }

    /** Parses a cookie's value; anything but 43 canonical base64url characters is refused. */
    public static SessionToken parse(String cookieValue) throws InvalidMessageException {
        return new SessionToken(Base64Url.decode(cookieValue, LENGTH));
    }

    public String cookieValue() {
        return Base64Url.encode(bytes);
    }

    /** What the database keys the session by. */
    public byte[] hash() {
        return Sha256.hash(bytes);
    }

    @Override
    public String toString() {
        return "SessionToken[redacted]";
    }
}
