package dev.vellum.server.account;

import dev.vellum.crypto.agree.X25519PublicKey;
import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.crypto.sign.Ed25519PublicKey;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.InvalidPublicKeyException;
import dev.vellum.error.InvalidSignatureException;
import dev.vellum.error.InvalidUsernameException;
import dev.vellum.protocol.account.AccountSalt;
import dev.vellum.protocol.account.AuthKey;
import dev.vellum.protocol.account.DeviceCertificate;
import dev.vellum.protocol.account.SealedKeys;
import dev.vellum.protocol.account.Username;
import dev.vellum.protocol.id.AccountId;

/**
 * The typed fields of account requests, each parsed from its JSON string or refused with an {@link ApiError} that
 * names it.
 */
public final class RequestFields {
    /** The longest certificate (the longest username). */
    static final int MAX_CERTIFICATE_BYTES = DeviceCertificate.MAX_LENGTH;
    /** {@link SealedKeys#checkForm} bounds a bundle at 4 KiB. */
    static final int MAX_BUNDLE_BYTES = SealedKeys.MAX_LENGTH;

    private RequestFields() {
    }

    public static Username username(JsonBody body) throws ApiError {
        try {
            return Username.parse(body.text("username"));
        } catch (InvalidUsernameException e) {
            throw ApiError.invalidUsername(e.getMessage());
        }
    }

    public static AccountId accountId(JsonBody body, String name) throws ApiError {
        try {
            return AccountId.parse(body.text(name));
        } catch (InvalidMessageException e) {
            throw ApiError.invalidRequest("Field \"" + name + "\" must be an account id (22 base64url characters).");
        }
    }

    static AccountSalt salt(JsonBody body) throws ApiError {
        return AccountSalt.fromBytes(body.bytes("salt", AccountSalt.LENGTH));
    }

    static AuthKey authKey(JsonBody body, String name) throws ApiError {
        return AuthKey.fromBytes(body.bytes(name, AuthKey.LENGTH));
    }

    static Ed25519PublicKey signingKey(JsonBody body, String name) throws ApiError {
        try {
            return Ed25519PublicKey.fromBytes(body.bytes(name, Ed25519PublicKey.LENGTH));
        } catch (InvalidPublicKeyException e) {
            throw ApiError.invalidRequest("Field \"" + name + "\" is not an Ed25519 public key.");
        }
    }

    static PublicIdentity identity(JsonBody body) throws ApiError {
        Ed25519PublicKey signing = signingKey(body, "identitySigningKey");
        try {
            return new PublicIdentity(signing,
                    X25519PublicKey.fromBytes(body.bytes("identityAgreementKey", X25519PublicKey.LENGTH)));
        } catch (InvalidPublicKeyException e) {
            throw ApiError.invalidRequest("Field \"identityAgreementKey\" is not an X25519 public key.");
        }
    }

    /** A bundle of sealed keys, checked for its form and purpose only: the server cannot open it. */
    static byte[] bundle(JsonBody body, String name, SealedKeys.Purpose purpose) throws ApiError {
        byte[] bundle = body.bytesUpTo(name, MAX_BUNDLE_BYTES);
        try {
            SealedKeys.checkForm(bundle, purpose);
        } catch (InvalidMessageException e) {
            throw ApiError.invalidRequest("Field \"" + name + "\" is not a sealed key bundle of this kind: "
                    + e.getMessage());
        }
        return bundle;
    }

    /** The device certificate, parsed and its signature by the embedded identity key verified. */
    static DeviceCertificate certificate(JsonBody body) throws ApiError {
        DeviceCertificate certificate;
        try {
            certificate = DeviceCertificate.parse(body.bytesUpTo("deviceCertificate", MAX_CERTIFICATE_BYTES));
        } catch (InvalidMessageException e) {
            throw ApiError.invalidRequest("Field \"deviceCertificate\" is not a device certificate: "
                    + e.getMessage());
        }
        try {
            certificate.verify();
        } catch (InvalidSignatureException e) {
            throw ApiError.invalidSignature("The device certificate's signature does not verify.");
        }
        return certificate;
    }

    /** The certificate must name this account, by id, username and identity key. */
    static void requireNames(DeviceCertificate certificate, AccountId accountId, Username username,
                             PublicIdentity identity) throws ApiError {
        if (!certificate.accountId().equals(accountId) || !certificate.username().equals(username)
                || !certificate.identity().equals(identity)) {
            throw ApiError.invalidRequest("The device certificate is not for this account: it must name its id, "
                    + "username and identity key.");
        }
    }
}
