package dev.vellum.protocol.id;

import dev.vellum.crypto.random.RandomSource;
import dev.vellum.encoding.Base64Url;
import dev.vellum.error.InvalidMessageException;

/** Names an account for good: chosen at random in the browser at sign-up, bound into its sealed keys and devices. */
public final class AccountId extends Id128 {
    private AccountId(byte[] bytes) {
        super(bytes);
    }

    public static AccountId random(RandomSource random) {
        return new AccountId(random.randomBytes(LENGTH));
    }

    public static AccountId fromBytes(byte[] bytes) {
        return new AccountId(bytes);
    }

    /** Parses the 22-character base64url form; anything else is rejected. */
    public static AccountId parse(String text) throws InvalidMessageException {
        return new AccountId(Base64Url.decode(text, LENGTH));
    }
}
