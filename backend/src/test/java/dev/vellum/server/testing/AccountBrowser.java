package dev.vellum.server.testing;

import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.encoding.Base64Url;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.account.AccountKdf;
import dev.vellum.protocol.account.AccountSalt;
import dev.vellum.protocol.account.AuthKey;
import dev.vellum.protocol.account.DeviceCertificate;
import dev.vellum.protocol.account.LoginChallenge;
import dev.vellum.protocol.account.LoginProof;
import dev.vellum.protocol.account.PassphraseKeys;
import dev.vellum.protocol.account.SealedKeys;
import dev.vellum.protocol.id.AccountId;
import dev.vellum.testing.TestAccount;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Plays a browser's part in the account API with the shared crypto on the JVM: it makes the account
 * ({@link TestAccount}), derives keys from the salt the server gives, opens the bundle it gets back, and signs the
 * challenge with its device key. One browser, one cookie jar ({@link ApiClient}).
 */
public final class AccountBrowser {
    public final TestAccount account;
    public final ApiClient client;
    /** The device this browser logs in as; the account's first device unless told otherwise. */
    private IdentityKeyPair device;
    private DeviceCertificate certificate;
    private String passphrase;

    public AccountBrowser(TestAccount account, int port) {
        this.account = account;
        this.client = new ApiClient(port);
        this.device = account.device;
        this.certificate = account.certificate;
        this.passphrase = account.passphrase;
    }

    /** A second browser of the same person: a new device key, certified at its first login. */
    public AccountBrowser newDevice(int port) {
        AccountBrowser other = new AccountBrowser(account, port);
        other.device = IdentityKeyPair.generate(account.random);
        other.certificate = account.newDeviceCertificate(other.device);
        other.passphrase = passphrase;
        return other;
    }

    public IdentityKeyPair device() {
        return device;
    }

    public DeviceCertificate certificate() {
        return certificate;
    }

    public static String b64(byte[] bytes) {
        return Base64Url.encode(bytes);
    }

    /** Any unpadded base64url text, whatever its length. */
    public static byte[] unb64(String text) throws InvalidMessageException {
        return Base64Url.decode(text, text.length() * 3 / 4);
    }

    public JsonObject signUpBody() {
        return new JsonObject()
                .put("username", account.username.value())
                .put("salt", b64(account.salt.toBytes()))
                .put("authKey", b64(account.keys.authKey().toBytes()))
                .put("recoveryAuthKey", b64(account.recoveryKey.authKey().toBytes()))
                .put("accountId", account.accountId.toString())
                .put("identitySigningKey", b64(account.identity.publicIdentity().signingKey().toBytes()))
                .put("identityAgreementKey", b64(account.identity.publicIdentity().agreementKey().toBytes()))
                .put("passphraseBundle", b64(account.passphraseBundle))
                .put("recoveryBundle", b64(account.recoveryBundle))
                .put("deviceCertificate", b64(account.certificate.encode()));
    }

    public ApiClient.Response signUp() {
        return client.post("/api/accounts", signUpBody());
    }

    public ApiClient.Response salt(String username) {
        return client.post("/api/accounts/salt", new JsonObject().put("username", username));
    }

    /** The keys a passphrase gives with the salt the server hands out for this username. */
    public PassphraseKeys keysFor(String username, String typedPassphrase) throws InvalidMessageException {
        ApiClient.Response salt = salt(username);
        if (salt.status() != 200) {
            throw new AssertionError("salt: " + salt);
        }
        return AccountKdf.derive(typedPassphrase,
                AccountSalt.fromBytes(Base64Url.decode(salt.json().getString("salt"), AccountSalt.LENGTH)),
                TestAccount.CHEAP);
    }

    public ApiClient.Response startLogin(String username, AuthKey authKey) {
        return client.post("/api/login/start", new JsonObject().put("username", username)
                .put("authKey", b64(authKey.toBytes())));
    }

    public ApiClient.Response finishLogin(String challenge, DeviceCertificate certificate, byte[] signature) {
        return client.post("/api/login/finish", new JsonObject().put("challenge", challenge)
                .put("deviceCertificate", b64(certificate.encode())).put("signature", b64(signature)));
    }

    /** The device's proof for a challenge the server gave, as text. */
    public byte[] sign(String challenge, AccountId accountId) throws InvalidMessageException {
        return LoginProof.sign(device, LoginChallenge.fromBytes(Base64Url.decode(challenge, LoginChallenge.LENGTH)),
                accountId);
    }

    /**
     * The whole login as the page does it: salt, keys, start, open the bundle (as the page would, which checks the
     * server's answer), sign the challenge, finish. Returns the finish's answer.
     */
    public ApiClient.Response logIn() throws Exception {
        String username = account.username.value();
        PassphraseKeys keys = keysFor(username, passphrase);
        ApiClient.Response start = startLogin(username, keys.authKey());
        if (start.status() != 200) {
            return start;
        }
        JsonObject answer = start.json();
        AccountId accountId = AccountId.parse(answer.getString("accountId"));
        byte[] bundle = unb64(answer.getString("passphraseBundle"));
        List<IdentityKeyPair> opened = SealedKeys.open(bundle, SealedKeys.Purpose.ACCOUNT_PASSPHRASE, accountId,
                keys.wrappingKey());
        if (!opened.get(0).publicIdentity().equals(account.identity.publicIdentity())) {
            throw new AssertionError("the bundle held another identity");
        }
        String challenge = answer.getString("challenge");
        return finishLogin(challenge, certificate, sign(challenge, accountId));
    }

    /** This browser's passphrase from now on (after a change or a recovery). */
    public void passphraseIs(String newPassphrase) {
        this.passphrase = newPassphrase;
    }
}
