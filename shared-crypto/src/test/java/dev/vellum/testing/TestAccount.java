package dev.vellum.testing;

import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.kdf.Argon2idParameters;
import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.error.InvalidUsernameException;
import dev.vellum.protocol.account.AccountKdf;
import dev.vellum.protocol.account.AccountSalt;
import dev.vellum.protocol.account.DeviceCertificate;
import dev.vellum.protocol.account.PassphraseKeys;
import dev.vellum.protocol.account.RecoveryKey;
import dev.vellum.protocol.account.SealedKeys;
import dev.vellum.protocol.account.Username;
import dev.vellum.protocol.id.AccountId;
import java.util.List;

/**
 * Everything a browser makes at sign-up, made on the JVM for tests that play the browser's part: identity, a
 * device, the passphrase's keys (at a cheap Argon2id cost), the sealed bundles and the recovery key.
 */
public final class TestAccount {
    /** Argon2id at its smallest: the derivation is exercised, not its cost. */
    public static final Argon2idParameters CHEAP = new Argon2idParameters(64, 1, 1);

    public final RandomSource random = new JvmSecureRandomSource();
    public final Username username;
    public final String passphrase;
    public final AccountId accountId = AccountId.random(random);
    public final AccountSalt salt = AccountSalt.random(random);
    public final IdentityKeyPair identity = IdentityKeyPair.generate(random);
    public final IdentityKeyPair device = IdentityKeyPair.generate(random);
    public final PassphraseKeys keys;
    public final RecoveryKey recoveryKey = RecoveryKey.generate(random);
    public final DeviceCertificate certificate;
    public final byte[] passphraseBundle;
    public final byte[] recoveryBundle;

    public TestAccount(String username, String passphrase) {
        try {
            this.username = Username.parse(username);
        } catch (InvalidUsernameException e) {
            throw new IllegalArgumentException(e);
        }
        this.passphrase = passphrase;
        this.keys = AccountKdf.derive(passphrase, salt, CHEAP);
        this.certificate = newDeviceCertificate(device);
        this.passphraseBundle = SealedKeys.seal(SealedKeys.Purpose.ACCOUNT_PASSPHRASE, accountId, List.of(identity),
                keys.wrappingKey(), random);
        this.recoveryBundle = SealedKeys.seal(SealedKeys.Purpose.ACCOUNT_RECOVERY, accountId, List.of(identity),
                recoveryKey.wrappingKey(), random);
    }

    /** A certificate for another device of this account, as a second browser would make at login. */
    public DeviceCertificate newDeviceCertificate(IdentityKeyPair otherDevice) {
        return DeviceCertificate.issue(identity, accountId, username, otherDevice.publicIdentity(),
                System.currentTimeMillis());
    }
}
