package dev.vellum.protocol.account;

import dev.vellum.crypto.hash.HmacSha256;
import dev.vellum.crypto.hash.Label;
import dev.vellum.crypto.random.RandomSource;
import java.util.Arrays;

/**
 * The Argon2id salt of one account: made at random in the browser at sign-up (and again at each passphrase change),
 * kept by the server and handed to anyone who asks, since a browser needs it before it can derive anything.
 *
 * <p>To keep that question from telling who has an account, the server answers an unknown username with a
 * {@link #standIn} salt: as random-looking as a real one, and the same every time for the same name.
 */
public final class AccountSalt {
    public static final int LENGTH = 16;

    private final byte[] bytes;

    private AccountSalt(byte[] bytes) {
        this.bytes = bytes;
    }

    public static AccountSalt random(RandomSource random) {
        return new AccountSalt(random.randomBytes(LENGTH));
    }

    public static AccountSalt fromBytes(byte[] bytes) {
        if (bytes == null || bytes.length != LENGTH) {
            throw new IllegalArgumentException("an account salt is exactly " + LENGTH + " bytes");
        }
        return new AccountSalt(bytes.clone());
    }

    /**
     * The salt shown for a username that has no account: {@code HMAC-SHA256(serverSecret, label || username)}, cut
     * to 16 bytes. Stable while the server keeps its secret, and unlinkable to it without the secret.
     */
    public static AccountSalt standIn(byte[] serverSecret, Username username) {
        byte[] mac = HmacSha256.mac(serverSecret, Label.ACCOUNT_STAND_IN_SALT.prefix(username.toBytes()));
        return new AccountSalt(Arrays.copyOf(mac, LENGTH));
    }

    public byte[] toBytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AccountSalt && Arrays.equals(((AccountSalt) other).bytes, bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }
}
