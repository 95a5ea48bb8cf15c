package dev.vellum.client.account;

import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.protocol.account.DeviceCertificate;
import dev.vellum.protocol.account.SealedKeys;
import dev.vellum.protocol.account.SealedKeys.Purpose;
import dev.vellum.protocol.account.SessionSecret;
import dev.vellum.protocol.account.Username;
import dev.vellum.protocol.account.WrappingKey;
import dev.vellum.protocol.id.AccountId;
import java.util.List;

/**
 * An account opened in this browser: its identity key pair and this device's key pair, with the certificate that
 * binds them. Made only from keys whose public halves were checked against each other, so a device record that
 * pairs one account's identity with another's device is refused, not used. Never printed with its keys.
 */
public final class UnlockedAccount {
    private final Username username;
    private final AccountId accountId;
    private final IdentityKeyPair identity;
    private final IdentityKeyPair device;
    private final DeviceCertificate certificate;

    private UnlockedAccount(Username username, AccountId accountId, IdentityKeyPair identity, IdentityKeyPair device,
                            DeviceCertificate certificate) {
        this.username = username;
        this.accountId = accountId;
        this.identity = identity;
        this.device = device;
        this.certificate = certificate;
    }

    /**
     * @throws KeysDoNotMatchException if the certificate does not name this account, these keys and this username,
     *                                 or its signature does not verify
     */
    public static UnlockedAccount of(Username username, AccountId accountId, IdentityKeyPair identity,
                                     IdentityKeyPair device, DeviceCertificate certificate)
            throws KeysDoNotMatchException {
        if (!certificate.accountId().equals(accountId) || !certificate.username().equals(username)
                || !certificate.identity().equals(identity.publicIdentity())
                || !certificate.device().equals(device.publicIdentity())) {
            throw new KeysDoNotMatchException("the device certificate names other keys or another account");
        }
        try {
            certificate.verify();
        } catch (dev.vellum.error.InvalidSignatureException e) {
            throw new KeysDoNotMatchException("the device certificate's signature does not verify");
        }
        return new UnlockedAccount(username, accountId, identity, device, certificate);
    }

    /** Opens a device record ({@code [device, identity]}) sealed for {@code purpose}. */
    static UnlockedAccount openDeviceRecord(byte[] sealed, Purpose purpose, WrappingKey key, Username username,
                                            AccountId accountId, DeviceCertificate certificate)
            throws KeysDoNotMatchException {
        List<IdentityKeyPair> pairs;
        try {
            pairs = SealedKeys.open(sealed, purpose, accountId, key);
        } catch (dev.vellum.error.InvalidMessageException | dev.vellum.error.AuthenticationFailedException e) {
            throw new KeysDoNotMatchException("this browser's device keys do not open: " + e.getMessage());
        }
        if (pairs.size() != 2) {
            throw new KeysDoNotMatchException("a device record holds the device's and the identity's keys");
        }
        return of(username, accountId, pairs.get(1), pairs.get(0), certificate);
    }

    public Username username() {
        return username;
    }

    public AccountId accountId() {
        return accountId;
    }

    public IdentityKeyPair identity() {
        return identity;
    }

    public IdentityKeyPair device() {
        return device;
    }

    public DeviceCertificate certificate() {
        return certificate;
    }

    public SignedInDevice signedInDevice() {
        return new SignedInDevice(username, accountId, device, certificate);
    }

    /** This device's keys, sealed for this browser's IndexedDB: {@code [device, identity]}. */
    public byte[] sealDeviceKeys(Purpose purpose, WrappingKey key, RandomSource random) {
        return SealedKeys.seal(purpose, accountId, List.of(device, identity), key, random);
    }

    /** Sealed under the session's secret, which only the server's live session hands back after a reload. */
    public byte[] sealForSession(SessionSecret secret, RandomSource random) {
        return sealDeviceKeys(Purpose.DEVICE_SESSION, WrappingKey.ofSessionSecret(secret), random);
    }

    /** The account's passphrase bundle, {@code [identity]}, under a (new) passphrase's wrapping key. */
    public byte[] sealPassphraseBundle(WrappingKey key, RandomSource random) {
        return SealedKeys.seal(Purpose.ACCOUNT_PASSPHRASE, accountId, List.of(identity), key, random);
    }

    @Override
    public String toString() {
        return "UnlockedAccount[" + username + ", " + accountId + ", keys redacted]";
    }
}
