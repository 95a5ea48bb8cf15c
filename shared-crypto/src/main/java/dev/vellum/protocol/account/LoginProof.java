package dev.vellum.protocol.account;

import dev.vellum.crypto.hash.Label;
import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.error.InvalidSignatureException;
import dev.vellum.protocol.id.AccountId;

/**
 * A device's signature that starts a session: Ed25519 by the device key over
 * {@code "vellum/v1/login-proof/signature" || challenge (32) || account id (16) || device's Ed25519 key (32)}.
 * Naming the account and the device keeps a proof made for one from opening a session for another.
 */
public final class LoginProof {
    private LoginProof() {
    }

    public static byte[] sign(IdentityKeyPair device, LoginChallenge challenge, AccountId account) {
        return device.signingKey().sign(message(device.publicIdentity(), challenge, account));
    }

    public static void verify(PublicIdentity device, LoginChallenge challenge, AccountId account, byte[] signature)
            throws InvalidSignatureException {
        device.signingKey().verify(message(device, challenge, account), signature);
    }

    private static byte[] message(PublicIdentity device, LoginChallenge challenge, AccountId account) {
        return Label.LOGIN_PROOF_SIGNATURE.prefix(challenge.toBytes(), account.toBytes(),
                device.signingKey().toBytes());
    }
}
