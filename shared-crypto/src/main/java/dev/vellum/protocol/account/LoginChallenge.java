package dev.vellum.protocol.account;

import dev.vellum.crypto.random.RandomSource;
import java.util.Arrays;

/**
 * 32 random bytes the server hands out once, for one account, for a short time; the device proves it holds its key
 * by signing it ({@link LoginProof}), so a recorded proof cannot be played again.
 */
public final class LoginChallenge {
    public static final int LENGTH = 32;

    private final byte[] bytes;

    private LoginChallenge(byte[] bytes) {
        this.bytes = bytes;
    }

    public static LoginChallenge random(RandomSource random) {
        return new LoginChallenge(random.randomBytes(LENGTH));
    }

    public static LoginChallenge fromBytes(byte[] bytes) {
        if (bytes == null || bytes.length != LENGTH) {
            throw new IllegalArgumentException("a login challenge is exactly " + LENGTH + " bytes");
        }
        return new LoginChallenge(bytes.clone());
    }

    public byte[] toBytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LoginChallenge && Arrays.equals(((LoginChallenge) other).bytes, bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }
}
