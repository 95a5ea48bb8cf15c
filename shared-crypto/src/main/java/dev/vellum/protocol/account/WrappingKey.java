package dev.vellum.protocol.account;

import dev.vellum.crypto.hash.Hkdf;
import dev.vellum.crypto.hash.Label;
import dev.vellum.crypto.identity.IdentityKeyDerivation;
import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.key.SymmetricKey;
import java.util.Arrays;

/**
 * The key that seals an account's or a device's private keys ({@link SealedKeys}). Never leaves the browser. Comes
 * from the passphrase ({@link PassphraseKeys}), the recovery key ({@link RecoveryKey}), the session
 * ({@link #ofSessionSecret}) or the account's identity ({@link #ofDeviceRecord}).
 */
public final class WrappingKey {
    private final SymmetricKey key;

    private WrappingKey(SymmetricKey key) {
        this.key = key;
    }

    /** Expands {@code secret} under {@code purpose}; the caller zeroes its copy of {@code secret}. */
    static WrappingKey derive(byte[] secret, Label purpose) {
        byte[] bytes = Hkdf.derive(secret, new byte[0], purpose, SymmetricKey.LENGTH);
        try {
            return new WrappingKey(SymmetricKey.fromBytes(bytes));
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** The key that seals this device's keys while the session lasts (see {@link SessionSecret}). */
    public static WrappingKey ofSessionSecret(SessionSecret secret) {
        byte[] bytes = secret.toBytes();
        try {
            return derive(bytes, Label.SESSION_WRAPPING_KEY);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /**
     * The key that seals this browser's own device record ({@code DEVICE_IDENTITY}): derived from the account's
     * identity private keys ({@link IdentityKeyDerivation}, label {@code vellum/v1/device-record/wrapping-key}), which
     * every login and recovery opens from the server's bundle whatever the passphrase is now. So a passphrase
     * changed, or an account recovered, on another device still lets this browser open its device keys at its next
     * login, while a copy of its disk opens nothing without the identity, which only the passphrase or the recovery
     * key (with the server's bundle) gives.
     */
    public static WrappingKey ofDeviceRecord(IdentityKeyPair identity) {
        byte[] bytes = IdentityKeyDerivation.derive(identity, Label.DEVICE_RECORD_WRAPPING_KEY, SymmetricKey.LENGTH);
        try {
            return new WrappingKey(SymmetricKey.fromBytes(bytes));
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    SymmetricKey key() {
        return key;
    }

    public void destroy() {
        key.destroy();
    }

    @Override
    public String toString() {
        return "WrappingKey[redacted]";
    }
}
