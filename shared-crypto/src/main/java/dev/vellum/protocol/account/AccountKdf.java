package dev.vellum.protocol.account;

import dev.vellum.crypto.hash.Label;
import dev.vellum.crypto.kdf.Argon2id;
import dev.vellum.crypto.kdf.Argon2idParameters;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns a passphrase into an account's two keys: Argon2id (the cost the crypto benchmark chose) gives 32 bytes,
 * which HKDF-SHA256 splits, one label each, into the {@link WrappingKey} and the {@link AuthKey}. Every guess at a
 * passphrase, online or against a stolen database, costs one Argon2id run.
 */
public final class AccountKdf {
    /** 64 MiB, 3 passes, 1 lane: see {@link Argon2idParameters#INTERACTIVE}. */
    public static final Argon2idParameters COST = Argon2idParameters.INTERACTIVE;
    private static final int SECRET_LENGTH = 32;

    private AccountKdf() {
    }

    public static PassphraseKeys derive(String passphrase, AccountSalt salt) {
        return derive(passphrase, salt, COST);
    }

    /** With another cost: for a server that announces different parameters, and for fast tests. */
    public static PassphraseKeys derive(String passphrase, AccountSalt salt, Argon2idParameters cost) {
        byte[] password = passphrase.getBytes(StandardCharsets.UTF_8);
        byte[] secret = Argon2id.hash(password, salt.toBytes(), cost, SECRET_LENGTH);
        try {
            return new PassphraseKeys(WrappingKey.derive(secret, Label.ACCOUNT_WRAPPING_KEY),
                    AuthKey.derive(secret, Label.ACCOUNT_AUTH_KEY));
        } finally {
            Arrays.fill(password, (byte) 0);
            Arrays.fill(secret, (byte) 0);
        }
    }
}
