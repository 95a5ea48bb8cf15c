package dev.vellum.server.account;

import dev.vellum.encoding.Base64Url;
import dev.vellum.error.InvalidSignatureException;
import dev.vellum.protocol.account.AccountSalt;
import dev.vellum.protocol.account.AuthKey;
import dev.vellum.protocol.account.AuthKeyHash;
import dev.vellum.protocol.account.DeviceCertificate;
import dev.vellum.protocol.account.LoginChallenge;
import dev.vellum.protocol.account.LoginProof;
import dev.vellum.protocol.account.SealedKeys;
import dev.vellum.protocol.account.SessionSecret;
import dev.vellum.protocol.account.Username;
import dev.vellum.protocol.id.AccountId;
import dev.vellum.server.account.AccountStore.Proof;
import dev.vellum.server.account.JdbcAccountRepository.NewSession;
import dev.vellum.server.account.JdbcAccountRepository.PassphraseChange;
import dev.vellum.server.account.LoginChallenges.Kind;
import dev.vellum.server.account.LoginLimits.Attempt;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * Login and recovery, each in two steps. Start: the username and an authentication key (of the passphrase, or of
 * the recovery key) fetch the account's public keys, its sealed bundle and a challenge; an unknown username, a wrong
 * passphrase and a wrong recovery key get the same answer after the same work, and each failure counts against the
 * username and the address. Finish: the device signs the challenge; the server checks the certificate and the
 * signature, registers a new device, and starts a session; a session the browser still held (its cookie) ends.
 * Recovery's finish also replaces the passphrase material and ends every other session of the account: whoever
 * held the old passphrase, or a session opened with it, is out.
 */
final class LoginRoutes {
    static final Set<String> LOGIN_FINISH_FIELDS = Set.of("challenge", "deviceCertificate", "signature");
    static final Set<String> RECOVERY_FINISH_FIELDS = Set.of("challenge", "salt", "authKey", "passphraseBundle",
            "deviceCertificate", "signature");
    private static final int SIGNATURE_LENGTH = 64;

    private final AccountServices services;

    LoginRoutes(AccountServices services) {
        this.services = services;
    }

    Future<Reply> startLogin(ApiCall call) throws ApiError {
        return start(call, Proof.PASSPHRASE, "authKey", Kind.LOGIN);
    }

    Future<Reply> startRecovery(ApiCall call) throws ApiError {
        return start(call, Proof.RECOVERY_KEY, "recoveryAuthKey", Kind.RECOVERY);
    }

    private Future<Reply> start(ApiCall call, Proof proof, String keyField, Kind kind) throws ApiError {
        Username username = RequestFields.username(call.body());
        AuthKey key = RequestFields.authKey(call.body(), keyField);
        Attempt attempt = services.limits().begin(username, call.address());
        return services.store().authenticate(username, key, proof).compose(found -> {
            if (found.isEmpty()) {
                return Future.failedFuture(ApiError.wrongCredentials());
            }
            attempt.succeeded();
            AccountRecord account = found.get();
            // Fails with rate-limited when every waiting challenge is another account's, and unexpired.
            return services.challenges().issue(account.id(), kind).map(challenge -> {
                JsonObject answer = new JsonObject()
                        .put("accountId", account.id().toString())
                        .put("identitySigningKey", Base64Url.encode(account.identity().signingKey().toBytes()))
                        .put("identityAgreementKey", Base64Url.encode(account.identity().agreementKey().toBytes()));
                if (kind == Kind.LOGIN) {
                    answer.put("passphraseBundle", Base64Url.encode(account.passphraseBundle()));
                } else {
                    answer.put("recoveryBundle", Base64Url.encode(account.recoveryBundle()));
                }
                answer.put("challenge", Base64Url.encode(challenge.toBytes()));
                return Reply.json(200, answer);
            });
        });
    }

    /** What a finish changes besides starting a session, read from its body once the challenge is taken. */
    @FunctionalInterface
    private interface Change {
        PassphraseChange read(JsonBody body) throws ApiError;
    }

    Future<Reply> finishLogin(ApiCall call) throws ApiError {
        return finish(call, Kind.LOGIN, body -> null);
    }

    /** After the recovery key's proof: a new passphrase, its salt and its bundle replace the old ones. */
    Future<Reply> finishRecovery(ApiCall call) throws ApiError {
        return finish(call, Kind.RECOVERY, this::newPassphrase);
    }

    private PassphraseChange newPassphrase(JsonBody body) throws ApiError {
        AccountSalt salt = RequestFields.salt(body);
        AuthKey authKey = RequestFields.authKey(body, "authKey");
        byte[] bundle = RequestFields.bundle(body, "passphraseBundle", SealedKeys.Purpose.ACCOUNT_PASSPHRASE);
        return new PassphraseChange(salt, AuthKeyHash.create(authKey, services.random()).encode(), bundle);
    }

    private Future<Reply> finish(ApiCall call, Kind kind, Change changes) throws ApiError {
        JsonBody body = call.body();
        byte[] challengeBytes = body.bytes("challenge", LoginChallenge.LENGTH);
        // Taken out first, whatever follows: a challenge answers one finish, forged or malformed or not, on any node.
        return services.challenges().take(challengeBytes, kind).compose(accountId -> {
            try {
                return verifyAndStart(call, accountId, challengeBytes, changes);
            } catch (ApiError e) {
                return Future.failedFuture(e);
            }
        });
    }

    private Future<Reply> verifyAndStart(ApiCall call, AccountId accountId, byte[] challengeBytes, Change changes)
            throws ApiError {
        JsonBody body = call.body();
        PassphraseChange change = changes.read(body);
        DeviceCertificate certificate = RequestFields.certificate(body);
        byte[] signature = body.bytes("signature", SIGNATURE_LENGTH);
        try {
            LoginProof.verify(certificate.device(), LoginChallenge.fromBytes(challengeBytes), accountId, signature);
        } catch (InvalidSignatureException e) {
            throw ApiError.invalidSignature("The device's signature of the challenge does not verify.");
        }
        SessionToken token = SessionToken.random(services.random());
        SessionSecret secret = SessionSecret.random(services.random());
        return services.store().findById(accountId).compose(found -> {
            if (found.isEmpty()) {
                return Future.failedFuture(ApiError.wrongCredentials()); // deleted since the start
            }
            AccountRecord account = found.get();
            try {
                RequestFields.requireNames(certificate, account.id(), account.username(), account.identity());
            } catch (ApiError e) {
                return Future.failedFuture(e);
            }
            return services.store().startSession(accountId, certificate.device().signingKey(), certificate.encode(),
                    new NewSession(token.hash(), secret), change).compose(start -> switch (start.outcome()) {
                        case STARTED -> {
                            services.events().ended(start.ended());
                            yield services.replacePresentedSession(call.ctx().request()).map(replaced ->
                                    SessionRoutes.started(200, accountId, account.username(), secret)
                                            .startingSession(token));
                        }
                        case NO_ACCOUNT -> Future.failedFuture(ApiError.wrongCredentials());
                        case DEVICE_REVOKED -> Future.failedFuture(ApiError.deviceRevoked());
                        case DEVICE_OF_ANOTHER_ACCOUNT -> Future.failedFuture(ApiError.invalidRequest(
                                "This device key is registered to another account."));
                        case TOO_MANY_DEVICES -> Future.failedFuture(ApiError.tooManyDevices());
                    });
        });
    }
}
