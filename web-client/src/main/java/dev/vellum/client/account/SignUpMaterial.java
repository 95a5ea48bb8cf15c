package dev.vellum.client.account;

import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.protocol.account.AccountKdf;
import dev.vellum.protocol.account.AccountSalt;
import dev.vellum.protocol.account.DeviceCertificate;
import dev.vellum.protocol.account.PassphraseKeys;
import dev.vellum.protocol.account.RecoveryKey;
import dev.vellum.protocol.account.SealedKeys;
import dev.vellum.protocol.account.SealedKeys.Purpose;
import dev.vellum.protocol.account.SessionSecret;
import dev.vellum.protocol.account.Username;
import dev.vellum.protocol.id.AccountId;
import java.util.List;

/**
 * Everything a sign-up makes, all of it in this browser: the identity and device key pairs, a random account id and
 * salt, the passphrase's two keys (Argon2id), the identity sealed under the passphrase and again under a new
 * recovery key, and the identity's certificate for the device. Only public keys, sealed bundles, the certificate and
 * the two authentication keys go into the request; the passphrase, the wrapping keys and the private keys never do.
 */
public final class SignUpMaterial {
    private final UnlockedAccount account;
    private final AccountSalt salt;
    private final PassphraseKeys passphraseKeys;
    private final RecoveryKey recoveryKey;
    private final byte[] passphraseBundle;
    private final byte[] recoveryBundle;

    private SignUpMaterial(UnlockedAccount account, AccountSalt salt, PassphraseKeys passphraseKeys,
                           RecoveryKey recoveryKey, byte[] passphraseBundle, byte[] recoveryBundle) {
        this.account = account;
        this.salt = salt;
        this.passphraseKeys = passphraseKeys;
        this.recoveryKey = recoveryKey;
        this.passphraseBundle = passphraseBundle;
        this.recoveryBundle = recoveryBundle;
    }

    /** Runs Argon2id once (about half a second in the browser): show the person that work is under way first. */
    public static SignUpMaterial create(Username username, String passphrase, RandomSource random, long nowMillis,
                                        Timings timings) {
        AccountId accountId = AccountId.random(random);
        AccountSalt salt = AccountSalt.random(random);
        timings.mark("argon2id-start");
        PassphraseKeys keys = AccountKdf.derive(passphrase, salt);
        timings.mark("argon2id-end");
        IdentityKeyPair identity = IdentityKeyPair.generate(random);
        IdentityKeyPair device = IdentityKeyPair.generate(random);
        DeviceCertificate certificate =
                DeviceCertificate.issue(identity, accountId, username, device.publicIdentity(), nowMillis);
        UnlockedAccount account;
        try {
            account = UnlockedAccount.of(username, accountId, identity, device, certificate);
        } catch (KeysDoNotMatchException e) {
            throw new IllegalStateException("a certificate issued a moment ago does not match its own keys", e);
        }
        RecoveryKey recoveryKey = RecoveryKey.generate(random);
        byte[] recoveryBundle = SealedKeys.seal(Purpose.ACCOUNT_RECOVERY, accountId, List.of(identity),
                recoveryKey.wrappingKey(), random);
        return new SignUpMaterial(account, salt, keys, recoveryKey,
                account.sealPassphraseBundle(keys.wrappingKey(), random), recoveryBundle);
    }

    /** The body of {@code POST /api/accounts}. */
    public String requestJson() {
        return JsonText.object()
                .put("username", account.username().value())
                .put("salt", salt.toBytes())
                .put("authKey", passphraseKeys.authKey().toBytes())
                .put("recoveryAuthKey", recoveryKey.authKey().toBytes())
                .put("accountId", account.accountId().toString())
                .put("identitySigningKey", account.identity().publicIdentity().signingKey().toBytes())
                .put("identityAgreementKey", account.identity().publicIdentity().agreementKey().toBytes())
                .put("passphraseBundle", passphraseBundle)
                .put("recoveryBundle", recoveryBundle)
                .put("deviceCertificate", account.certificate().encode())
                .toString();
    }

    /** What this browser keeps once the server has answered with the session's secret. */
    public LocalDeviceRecord localRecord(SessionSecret session, RandomSource random) {
        return LocalDeviceRecord.of(account, salt, session, random);
    }

    public UnlockedAccount account() {
        return account;
    }

    public AccountSalt salt() {
        return salt;
    }

    public byte[] passphraseBundle() {
        return passphraseBundle.clone();
    }

    public byte[] recoveryBundle() {
        return recoveryBundle.clone();
    }

    /** Shown to the person once, then only they hold it. */
    public RecoveryKey recoveryKey() {
        return recoveryKey;
    }

    @Override
    public String toString() {
        return "SignUpMaterial[" + account + ", secrets redacted]";
    }
}
