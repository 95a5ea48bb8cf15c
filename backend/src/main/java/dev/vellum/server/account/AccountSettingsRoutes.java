package dev.vellum.server.account;

import dev.vellum.protocol.account.AccountSalt;
import dev.vellum.protocol.account.AuthKey;
import dev.vellum.protocol.account.AuthKeyHash;
import dev.vellum.protocol.account.SealedKeys;
import dev.vellum.server.account.JdbcAccountRepository.PassphraseChange;
import dev.vellum.server.account.LoginLimits.Attempt;
import io.vertx.core.Future;
import java.util.Set;

/**
 * {@code POST /api/account/passphrase}, {@code POST /api/account/recovery-key} and {@code POST /api/account/delete}:
 * each needs the session and the current passphrase's authentication key, whose failures count against the account
 * (not the username: strangers' failed logins must not keep its owner from these).
 */
final class AccountSettingsRoutes {
    static final Set<String> PASSPHRASE_FIELDS = Set.of("currentAuthKey", "salt", "authKey", "passphraseBundle");
    static final Set<String> RECOVERY_KEY_FIELDS = Set.of("currentAuthKey", "recoveryAuthKey", "recoveryBundle");

    private final AccountServices services;

    AccountSettingsRoutes(AccountServices services) {
        this.services = services;
    }

    /** Re-wraps the keys under a new passphrase; the identity, the devices and their sessions stay. */
    Future<Reply> changePassphrase(ApiCall call, ActiveSession session) throws ApiError {
        JsonBody body = call.body();
        AuthKey current = RequestFields.authKey(body, "currentAuthKey");
        AccountSalt salt = RequestFields.salt(body);
        AuthKey authKey = RequestFields.authKey(body, "authKey");
        byte[] bundle = RequestFields.bundle(body, "passphraseBundle", SealedKeys.Purpose.ACCOUNT_PASSPHRASE);
        PassphraseChange change = new PassphraseChange(salt, AuthKeyHash.create(authKey, services.random()).encode(),
                bundle);
        return confirmed(call, session, current)
                .compose(confirmed -> services.store().changePassphrase(session.accountId(), change))
                .map(changed -> Reply.noContent());
    }

    /**
     * Replaces the recovery key (one written down may have been seen, or lost): the new key's authentication key and
     * the identity sealed under it replace the old ones, which stop working at once. Sessions and devices go on.
     */
    Future<Reply> replaceRecoveryKey(ApiCall call, ActiveSession session) throws ApiError {
        JsonBody body = call.body();
        AuthKey current = RequestFields.authKey(body, "currentAuthKey");
        AuthKey recoveryAuthKey = RequestFields.authKey(body, "recoveryAuthKey");
        byte[] bundle = RequestFields.bundle(body, "recoveryBundle", SealedKeys.Purpose.ACCOUNT_RECOVERY);
        byte[] hash = AuthKeyHash.create(recoveryAuthKey, services.random()).encode();
        return confirmed(call, session, current)
                .compose(confirmed -> services.store().replaceRecoveryKey(session.accountId(), hash, bundle))
                .compose(replaced -> replaced ? Future.succeededFuture(Reply.noContent())
                        : Future.failedFuture(ApiError.notSignedIn())); // deleted meanwhile
    }

    /** Deletes the account, its devices and sessions; every socket of it closes at once. */
    Future<Reply> delete(ApiCall call, ActiveSession session) throws ApiError {
        AuthKey key = RequestFields.authKey(call.body(), "authKey");
        return confirmed(call, session, key)
                .compose(confirmed -> services.store().deleteAccount(session.accountId()))
                .map(deleted -> {
                    services.events().accountDeleted(session.accountId());
                    return Reply.noContent().endingSession();
                });
    }

    private Future<Void> confirmed(ApiCall call, ActiveSession session, AuthKey key) throws ApiError {
        Attempt attempt = services.limits().beginConfirmation(session.accountId());
        return services.store().authenticate(session.accountId(), key).compose(found -> {
            if (found.isEmpty()) {
                return Future.failedFuture(ApiError.wrongCredentials());
            }
            attempt.succeeded();
            return Future.succeededFuture();
        });
    }
}
