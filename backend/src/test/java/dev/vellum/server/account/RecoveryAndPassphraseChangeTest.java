package dev.vellum.server.account;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.encoding.Base64Url;
import dev.vellum.protocol.account.AccountKdf;
import dev.vellum.protocol.account.AccountSalt;
import dev.vellum.protocol.account.PassphraseKeys;
import dev.vellum.protocol.account.SealedKeys;
import dev.vellum.protocol.id.AccountId;
import dev.vellum.server.testing.AccountBrowser;
import dev.vellum.server.testing.ApiClient;
import dev.vellum.server.testing.Canary;
import dev.vellum.server.testing.RunningServer;
import dev.vellum.server.testing.TestConfigs;
import dev.vellum.testing.TestAccount;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recovery with the recovery key and a passphrase change: the keys are sealed anew under the new passphrase, the
 * identity stays, the old passphrase stops working, and the recovery key keeps working.
 */
class RecoveryAndPassphraseChangeTest {
    private static final String OLD = "alice's first passphrase";
    private static final String NEW = "alice's second passphrase";

    @TempDir
    Path dataDir;
    private RunningServer server;
    private Canary canary;
    private AccountBrowser alice;

    @BeforeEach
    void start() throws Exception {
        server = RunningServer.start(TestConfigs.inFolder(dataDir));
        canary = Canary.plant(server);
        alice = new AccountBrowser(new TestAccount("alice", OLD), server.port());
        assertEquals(201, alice.signUp().status());
    }

    @AfterEach
    void serverStillServesAndLostNothing() throws Exception {
        try {
            canary.stillAlive(server);
        } finally {
            server.close();
        }
    }

    /** The new passphrase's salt, keys and bundle, as the page makes them. */
    private JsonObject newPassphraseFields(PassphraseKeys keys, AccountSalt salt) {
        byte[] bundle = SealedKeys.seal(SealedKeys.Purpose.ACCOUNT_PASSPHRASE, alice.account.accountId,
                List.of(alice.account.identity), keys.wrappingKey(), alice.account.random);
        return new JsonObject().put("salt", Base64Url.encode(salt.toBytes()))
                .put("authKey", Base64Url.encode(keys.authKey().toBytes()))
                .put("passphraseBundle", Base64Url.encode(bundle));
    }

    @Test
    void recovery_setsANewPassphrase_onANewDevice_andKeepsTheIdentity() throws Exception {
        AccountBrowser newBrowser = alice.newDevice(server.port());
        ApiClient.Response started = newBrowser.client.post("/api/recovery/start", new JsonObject()
                .put("username", "alice")
                .put("recoveryAuthKey", Base64Url.encode(alice.account.recoveryKey.authKey().toBytes())));
        assertEquals(200, started.status(), started.toString());
        JsonObject answer = started.json();
        AccountId accountId = AccountId.parse(answer.getString("accountId"));
        List<IdentityKeyPair> opened = SealedKeys.open(AccountBrowser.unb64(answer.getString("recoveryBundle")),
                SealedKeys.Purpose.ACCOUNT_RECOVERY, accountId, alice.account.recoveryKey.wrappingKey());
        assertEquals(alice.account.identity.publicIdentity(), opened.get(0).publicIdentity());
        AccountSalt salt = AccountSalt.random(alice.account.random);
        PassphraseKeys keys = AccountKdf.derive(NEW, salt, TestAccount.CHEAP);
        String challenge = answer.getString("challenge");

        ApiClient.Response finished = newBrowser.client.post("/api/recovery/finish", newPassphraseFields(keys, salt)
                .put("challenge", challenge)
                .put("deviceCertificate", Base64Url.encode(newBrowser.certificate().encode()))
                .put("signature", Base64Url.encode(newBrowser.sign(challenge, accountId))));

        assertEquals(200, finished.status(), finished.toString());
        assertEquals("alice", newBrowser.client.get("/api/session").json().getString("username"));
        assertEquals(401, alice.logIn().status(), "the forgotten passphrase no longer works");
        alice.passphraseIs(NEW);
        assertEquals(200, alice.logIn().status(), "the new one does, with the same identity");
        ApiClient.Response again = newBrowser.client.post("/api/recovery/start", new JsonObject()
                .put("username", "alice")
                .put("recoveryAuthKey", Base64Url.encode(alice.account.recoveryKey.authKey().toBytes())));
        assertEquals(200, again.status(), "the recovery key still works");
    }

    @Test
    void passphraseChange_needsTheCurrentPassphrase_andOtherDevicesKeepWorking() throws Exception {
        AccountBrowser laptop = alice.newDevice(server.port());
        assertEquals(200, laptop.logIn().status());
        AccountSalt salt = AccountSalt.random(alice.account.random);
        PassphraseKeys keys = AccountKdf.derive(NEW, salt, TestAccount.CHEAP);

        ApiClient.Response wrong = alice.client.post("/api/account/passphrase", newPassphraseFields(keys, salt)
                .put("currentAuthKey", Base64Url.encode(keys.authKey().toBytes())));
        ApiClient.Response changed = alice.client.post("/api/account/passphrase", newPassphraseFields(keys, salt)
                .put("currentAuthKey", Base64Url.encode(alice.account.keys.authKey().toBytes())));

        assertEquals(401, wrong.status());
        assertEquals("wrong-credentials", wrong.error());
        assertEquals(204, changed.status(), changed.toString());
        assertEquals(200, laptop.client.get("/api/session").status(), "the other device's session goes on");
        assertEquals(401, alice.logIn().status());
        alice.passphraseIs(NEW);
        assertEquals(200, alice.logIn().status());
        assertEquals(Base64Url.encode(salt.toBytes()), alice.salt("alice").json().getString("salt"));
    }
}
