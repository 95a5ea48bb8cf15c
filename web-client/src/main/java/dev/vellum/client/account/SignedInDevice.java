package dev.vellum.client.account;

import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.protocol.account.DeviceCertificate;
import dev.vellum.protocol.account.Username;
import dev.vellum.protocol.id.AccountId;

/**
 * Who is logged in in this browser, with what the note editor needs to write as them: this device's key pair, which
 * signs their items, and the certificate in which their identity key vouches for it. The identity's private key is
 * not here: writing never needs it. {@code IdentityKeyPair.toString()} is redacted, so printing this prints no secret.
 */
public record SignedInDevice(Username username, AccountId accountId, IdentityKeyPair device,
                             DeviceCertificate certificate) {
    public SignedInDevice {
        if (username == null || accountId == null || device == null || certificate == null) {
            throw new NullPointerException("a signed-in device has a username, an account, a key and a certificate");
        }
    }
}
