package dev.vellum.client.account;

import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.random.RandomSource;
import dev.vellum.error.AuthenticationFailedException;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.account.DeviceCertificate;
import dev.vellum.protocol.account.LoginProof;
import dev.vellum.protocol.account.SealedKeys;
import dev.vellum.protocol.account.SealedKeys.Purpose;
import dev.vellum.protocol.account.Username;
import dev.vellum.protocol.account.WrappingKey;
import java.util.List;

/**
 * The browser's half of a login or a recovery, after the server's first answer: open the account's bundle with the
 * key only the person can make, check it holds the identity the server announced, find this browser's device (or make
 * a new one and certify it), and sign the server's challenge with the device key.
 */
public final class AccountUnlock {
    private final UnlockedAccount account;
    private final boolean newDevice;

    private AccountUnlock(UnlockedAccount account, boolean newDevice) {
        this.account = account;
        this.newDevice = newDevice;
    }

    /**
     * @param bundlePurpose {@code ACCOUNT_PASSPHRASE} for a login, {@code ACCOUNT_RECOVERY} for a recovery
     * @param local         this browser's record for the username, or null; its device is reused when it opens under
     *                      the identity just opened (whatever the passphrase was when it was sealed) and belongs to it
     * @param passphraseKey the passphrase's wrapping key, which opens a record of the earlier version (sealed under
     *                      the passphrase of then); null for a recovery
     * @throws KeysDoNotMatchException if the bundle does not open (tampered, or sealed for another account) or holds
     *                                 another identity than the server announced; its keys are then never used
     */
    public static AccountUnlock unlock(LoginStart start, Purpose bundlePurpose, WrappingKey bundleKey,
                                       Username username, LocalDeviceRecord local, WrappingKey passphraseKey,
                                       RandomSource random, long nowMillis, Timings timings)
            throws KeysDoNotMatchException {
        timings.mark("unwrap-start");
        IdentityKeyPair identity = openIdentity(start, bundlePurpose, bundleKey);
        if (local != null && local.accountId().equals(start.accountId())) {
            try {
                UnlockedAccount known = local.openWithIdentity(identity, passphraseKey);
                if (known.identity().publicIdentity().equals(identity.publicIdentity())) {
                    timings.mark("unwrap-end");
                    return new AccountUnlock(known, false);
                }
            } catch (KeysDoNotMatchException e) {
                // Another identity's record, or one of the earlier version sealed under a passphrase changed since on
                // another device: this browser becomes a new device.
            }
        }
        IdentityKeyPair device = IdentityKeyPair.generate(random);
        DeviceCertificate certificate = DeviceCertificate.issue(identity, start.accountId(), username,
                device.publicIdentity(), nowMillis);
        UnlockedAccount account = UnlockedAccount.of(username, start.accountId(), identity, device, certificate);
        timings.mark("unwrap-end");
        return new AccountUnlock(account, true);
    }

    private static IdentityKeyPair openIdentity(LoginStart start, Purpose purpose, WrappingKey key)
            throws KeysDoNotMatchException {
        List<IdentityKeyPair> pairs;
        try {
            pairs = SealedKeys.open(start.bundle(), purpose, start.accountId(), key);
        } catch (InvalidMessageException | AuthenticationFailedException e) {
            throw new KeysDoNotMatchException("the account's key bundle does not open: " + e.getMessage());
        }
        if (pairs.size() != 1 || !pairs.get(0).publicIdentity().equals(start.identity())) {
            throw new KeysDoNotMatchException("the account's key bundle holds another identity than announced");
        }
        return pairs.get(0);
    }

    /** The body of {@code /api/login/finish}: the device's certificate and its signature over the challenge. */
    public String finishJson(LoginStart start) {
        return finishFields(start).toString();
    }

    /** The fields every finish carries; a recovery adds the new passphrase material. */
    public JsonText finishFields(LoginStart start) {
        return JsonText.object()
                .put("challenge", start.challenge().toBytes())
                .put("deviceCertificate", account.certificate().encode())
                .put("signature", LoginProof.sign(account.device(), start.challenge(), start.accountId()));
    }

    public UnlockedAccount account() {
        return account;
    }

    public boolean newDevice() {
        return newDevice;
    }
}
