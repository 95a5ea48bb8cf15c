package dev.vellum.protocol.account;

import dev.vellum.crypto.hash.HmacSha256;
import dev.vellum.crypto.hash.Label;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.encoding.ByteReader;
import dev.vellum.encoding.ByteWriter;
import dev.vellum.error.InvalidMessageException;

/**
 * What the server keeps of an {@link AuthKey}: a random salt and {@code HMAC-SHA256(salt, label || authKey)}. The
 * key is already an Argon2id output, so one fast keyed hash suffices here: someone who steals the database and wants
 * the passphrase must still run Argon2id once per guess (docs/threat-model.md), and the stored value is useless for
 * logging in, which needs the key itself.
 */
public final class AuthKeyHash {
    public static final int SALT_LENGTH = 16;
    public static final int ENCODED_LENGTH = SALT_LENGTH + HmacSha256.LENGTH;
    private static final AuthKeyHash STAND_IN = new AuthKeyHash(new byte[SALT_LENGTH], new byte[HmacSha256.LENGTH]);

    private final byte[] salt;
    private final byte[] mac;

    private AuthKeyHash(byte[] salt, byte[] mac) {
        this.salt = salt;
        this.mac = mac;
    }

    public static AuthKeyHash create(AuthKey key, RandomSource random) {
        byte[] salt = random.randomBytes(SALT_LENGTH);
        return new AuthKeyHash(salt, mac(salt, key));
    }

    /**
     * A hash no key matches, checked in place of an account's when the username is unknown, so that a wrong username
     * and a wrong passphrase cost the server the same work and look the same.
     */
    public static AuthKeyHash standIn() {
        return STAND_IN;
    }

    public static AuthKeyHash decode(byte[] encoded) throws InvalidMessageException {
        ByteReader in = new ByteReader(encoded, "authentication key hash");
        AuthKeyHash hash = new AuthKeyHash(in.readBytes(SALT_LENGTH, "salt"), in.readBytes(HmacSha256.LENGTH, "mac"));
        in.expectEnd();
        return hash;
    }

    public byte[] encode() {
        return new ByteWriter(ENCODED_LENGTH).writeBytes(salt).writeBytes(mac).toByteArray();
    }

    /** Whether {@code key} is the one this hash was made of, compared in constant time. */
    public boolean matches(AuthKey key) {
        boolean matches = HmacSha256.verify(salt, Label.ACCOUNT_VERIFIER.prefix(key.toBytes()), mac);
        return matches && this != STAND_IN;
    }

    private static byte[] mac(byte[] salt, AuthKey key) {
        return HmacSha256.mac(salt, Label.ACCOUNT_VERIFIER.prefix(key.toBytes()));
    }

    @Override
    public String toString() {
        return "AuthKeyHash[redacted]";
    }
}
