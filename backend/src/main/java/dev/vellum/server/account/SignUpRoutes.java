package dev.vellum.server.account;

import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.encoding.Base64Url;
import dev.vellum.protocol.account.AccountKdf;
import dev.vellum.protocol.account.AccountSalt;
import dev.vellum.protocol.account.AuthKey;
import dev.vellum.protocol.account.AuthKeyHash;
import dev.vellum.protocol.account.DeviceCertificate;
import dev.vellum.protocol.account.SealedKeys;
import dev.vellum.protocol.account.SessionSecret;
import dev.vellum.protocol.account.Username;
import dev.vellum.protocol.id.AccountId;
import dev.vellum.server.account.JdbcAccountRepository.NewSession;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Set;

/** {@code POST /api/accounts/salt} and {@code POST /api/accounts} (sign-up). */
final class SignUpRoutes {
    static final Set<String> SIGN_UP_FIELDS = Set.of("username", "salt", "authKey", "recoveryAuthKey", "accountId",
            "identitySigningKey", "identityAgreementKey", "passphraseBundle", "recoveryBundle", "deviceCertificate");

    private final AccountServices services;

    SignUpRoutes(AccountServices services) {
        this.services = services;
    }

    /**
     * The account's Argon2id salt and cost. An unknown username gets its stand-in salt, the same every time and
     * across restarts, computed for every name so both answers take the same work.
     */
    Future<Reply> salt(ApiCall call) throws ApiError {
        Username username = RequestFields.username(call.body());
        AccountSalt standIn = AccountSalt.standIn(services.standInSecret(), username);
        return services.store().salt(username).map(found -> {
            AccountSalt salt = found.orElse(standIn);
            return Reply.json(200, new JsonObject()
                    .put("salt", Base64Url.encode(salt.toBytes()))
                    .put("memoryKiB", AccountKdf.COST.memoryKiB())
                    .put("iterations", AccountKdf.COST.iterations())
                    .put("parallelism", AccountKdf.COST.parallelism()));
        });
    }

    /**
     * Stores a new account, registers its first device and starts a session there. The certificate must verify
     * and name this account's id, username and identity key; the bundles are checked for their form (the server
     * cannot open them).
     */
    Future<Reply> signUp(ApiCall call) throws ApiError {
        JsonBody body = call.body();
        Username username = RequestFields.username(body);
        AccountSalt salt = RequestFields.salt(body);
        AuthKey authKey = RequestFields.authKey(body, "authKey");
        AuthKey recoveryAuthKey = RequestFields.authKey(body, "recoveryAuthKey");
        AccountId accountId = RequestFields.accountId(body, "accountId");
        PublicIdentity identity = RequestFields.identity(body);
        byte[] passphraseBundle = RequestFields.bundle(body, "passphraseBundle", SealedKeys.Purpose.ACCOUNT_PASSPHRASE);
        byte[] recoveryBundle = RequestFields.bundle(body, "recoveryBundle", SealedKeys.Purpose.ACCOUNT_RECOVERY);
        DeviceCertificate certificate = RequestFields.certificate(body);
        RequestFields.requireNames(certificate, accountId, username, identity);
        services.limits().beginSignUp(call.address());

        AccountRecord account = new AccountRecord(accountId, username, salt,
                AuthKeyHash.create(authKey, services.random()).encode(),
                AuthKeyHash.create(recoveryAuthKey, services.random()).encode(),
                identity, passphraseBundle, recoveryBundle);
        Instant now = services.clock().instant();
        DeviceRecord device = new DeviceRecord(certificate.device().signingKey(), accountId, certificate.encode(),
                now, now, null);
        SessionToken token = SessionToken.random(services.random());
        SessionSecret secret = SessionSecret.random(services.random());
        return services.store().signUp(account, device, new NewSession(token.hash(), secret)).compose(outcome ->
                switch (outcome) {
                    case CREATED -> services.replacePresentedSession(call.ctx().request()).map(replaced ->
                            SessionRoutes.started(201, accountId, username, secret).startingSession(token));
                    case USERNAME_TAKEN -> Future.failedFuture(ApiError.usernameTaken());
                    case ACCOUNT_ID_TAKEN -> Future.failedFuture(
                            ApiError.invalidRequest("This account id is taken; make a new one."));
                    case DEVICE_TAKEN -> Future.failedFuture(
                            ApiError.invalidRequest("This device key is registered already; make a new one."));
                });
    }
}
