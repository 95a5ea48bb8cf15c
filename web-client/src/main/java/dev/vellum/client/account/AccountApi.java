package dev.vellum.client.account;

import dev.vellum.client.jso.JsonFields;
import dev.vellum.client.jso.JsonObject;
import dev.vellum.crypto.identity.PublicIdentity;
import dev.vellum.crypto.sign.Ed25519PublicKey;
import dev.vellum.crypto.agree.X25519PublicKey;
import dev.vellum.encoding.Base64Url;
import dev.vellum.error.VellumCryptoException;
import dev.vellum.protocol.account.AccountSalt;
import dev.vellum.protocol.account.AuthKey;
import dev.vellum.protocol.account.LoginChallenge;
import dev.vellum.protocol.account.SessionSecret;
import dev.vellum.protocol.account.Username;
import dev.vellum.protocol.id.AccountId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The server's account API (docs/protocol.md), one method per call, each answer parsed into typed values or turned
 * into an {@link ApiError}: a field that is missing or does not decode is the server's fault and never half-used.
 */
public final class AccountApi {
    /** What a successful login, recovery or sign-up returns with its session cookie. */
    public record SessionStart(AccountId accountId, String username, SessionSecret sessionSecret) {
        @Override
        public String toString() {
            return "SessionStart[" + accountId + ", " + username + ", secret redacted]";
        }
    }

    /** {@code GET /api/session}. */
    public record Session(AccountId accountId, String username, Ed25519PublicKey deviceSigningKey,
                          SessionSecret sessionSecret) {
        @Override
        public String toString() {
            return "Session[" + accountId + ", " + username + ", secret redacted]";
        }
    }

    /** One row of {@code GET /api/devices}; times are ISO-8601 UTC text, or null. */
    public record Device(Ed25519PublicKey signingKey, String addedAt, String lastSeenAt, String revokedAt,
                         boolean current) {
    }

    private AccountApi() {
    }


    private static <T> void call(String method, String path, String body, int expectedStatus,
                                 JsonApi.Reader<T> reader, Consumer<T> ok, Consumer<ApiError> failed) {
        JsonApi.call(method, path, body, status -> status == expectedStatus, reader, ok, failed);
    }

    public static void salt(Username username, Consumer<AccountSalt> ok, Consumer<ApiError> failed) {
        call("POST", "/api/accounts/salt", JsonText.object().put("username", username.value()).toString(), 200,
                json -> AccountSalt.fromBytes(bytes(json, "salt", 16)), ok, failed);
    }

    public static void signUp(String requestJson, Consumer<SessionStart> ok, Consumer<ApiError> failed) {
        call("POST", "/api/accounts", requestJson, 201, AccountApi::sessionStart, ok, failed);
    }

    public static void loginStart(Username username, AuthKey authKey, Consumer<LoginStart> ok,
                                  Consumer<ApiError> failed) {
        String body = JsonText.object().put("username", username.value()).put("authKey", authKey.toBytes())
                .toString();
        call("POST", "/api/login/start", body, 200, json -> loginStart(json, "passphraseBundle"), ok, failed);
    }

    public static void recoveryStart(Username username, AuthKey recoveryAuthKey, Consumer<LoginStart> ok,
                                     Consumer<ApiError> failed) {
        String body = JsonText.object().put("username", username.value())
                .put("recoveryAuthKey", recoveryAuthKey.toBytes()).toString();
        call("POST", "/api/recovery/start", body, 200, json -> loginStart(json, "recoveryBundle"), ok, failed);
    }

    public static void loginFinish(String body, Consumer<SessionStart> ok, Consumer<ApiError> failed) {
        call("POST", "/api/login/finish", body, 200, AccountApi::sessionStart, ok, failed);
    }

    public static void recoveryFinish(String body, Consumer<SessionStart> ok, Consumer<ApiError> failed) {
        call("POST", "/api/recovery/finish", body, 200, AccountApi::sessionStart, ok, failed);
    }

    public static void session(Consumer<Session> ok, Consumer<ApiError> failed) {
        call("GET", "/api/session", null, 200, json -> new Session(
                AccountId.parse(text(json, "accountId")), text(json, "username"),
                Ed25519PublicKey.fromBytes(bytes(json, "deviceSigningKey", 32)),
                SessionSecret.fromBytes(bytes(json, "sessionSecret", 32))), ok, failed);
    }

    public static void logout(Runnable done, Consumer<ApiError> failed) {
        call("POST", "/api/logout", "{}", 204, json -> Boolean.TRUE, ignored -> done.run(), failed);
    }

    public static void devices(Consumer<List<Device>> ok, Consumer<ApiError> failed) {
        call("GET", "/api/devices", null, 200, json -> {
            int count = JsonFields.arrayLength(json, "devices");
            if (count < 0) {
                throw new IllegalArgumentException("no devices array");
            }
            List<Device> devices = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                JsonObject row = JsonFields.arrayItem(json, "devices", i);
                if (row == null) {
                    throw new IllegalArgumentException("a device is not an object");
                }
                devices.add(new Device(Ed25519PublicKey.fromBytes(bytes(row, "deviceSigningKey", 32)),
                        text(row, "addedAt"), JsonFields.string(row, "lastSeenAt"),
                        JsonFields.string(row, "revokedAt"), JsonFields.isTrue(row, "current")));
            }
            return devices;
        }, ok, failed);
    }

    public static void revoke(Ed25519PublicKey device, Runnable done, Consumer<ApiError> failed) {
        call("POST", "/api/devices/revoke", JsonText.object().put("deviceSigningKey", device.toBytes()).toString(),
                204, json -> Boolean.TRUE, ignored -> done.run(), failed);
    }

    public static void changePassphrase(String body, Runnable done, Consumer<ApiError> failed) {
        call("POST", "/api/account/passphrase", body, 204, json -> Boolean.TRUE, ignored -> done.run(), failed);
    }

    public static void replaceRecoveryKey(String body, Runnable done, Consumer<ApiError> failed) {
        call("POST", "/api/account/recovery-key", body, 204, json -> Boolean.TRUE, ignored -> done.run(), failed);
    }

    public static void deleteAccount(AuthKey authKey, Runnable done, Consumer<ApiError> failed) {
        call("POST", "/api/account/delete", JsonText.object().put("authKey", authKey.toBytes()).toString(), 204,
                json -> Boolean.TRUE, ignored -> done.run(), failed);
    }

    private static SessionStart sessionStart(JsonObject json) throws VellumCryptoException {
        return new SessionStart(AccountId.parse(text(json, "accountId")), text(json, "username"),
                SessionSecret.fromBytes(bytes(json, "sessionSecret", 32)));
    }

    private static LoginStart loginStart(JsonObject json, String bundleField) throws VellumCryptoException {
        return new LoginStart(AccountId.parse(text(json, "accountId")),
                new PublicIdentity(Ed25519PublicKey.fromBytes(bytes(json, "identitySigningKey", 32)),
                        X25519PublicKey.fromBytes(bytes(json, "identityAgreementKey", 32))),
                anyLength(text(json, bundleField)),
                LoginChallenge.fromBytes(bytes(json, "challenge", 32)));
    }

    private static String text(JsonObject json, String name) {
        String value = JsonFields.string(json, name);
        if (value == null) {
            throw new IllegalArgumentException("the answer has no text field " + name);
        }
        return value;
    }

    private static byte[] bytes(JsonObject json, String name, int length)
            throws dev.vellum.error.InvalidMessageException {
        return Base64Url.decode(text(json, name), length);
    }

    /** Base64url of a length the format itself bounds (a sealed bundle): checked by its parser, not here. */
    static byte[] anyLength(String text) throws dev.vellum.error.InvalidMessageException {
        if (text.length() % 4 == 1) {
            throw new dev.vellum.error.InvalidMessageException("not a base64url length");
        }
        return Base64Url.decode(text, text.length() * 3 / 4);
    }
}
