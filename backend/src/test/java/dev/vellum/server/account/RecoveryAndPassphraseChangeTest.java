package dev.vellum.server.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.encoding.Base64Url;
import dev.vellum.protocol.account.AccountKdf;
import dev.vellum.protocol.account.AccountSalt;
import dev.vellum.protocol.account.PassphraseKeys;
import dev.vellum.protocol.account.RecoveryKey;
import dev.vellum.protocol.account.SealedKeys;
import dev.vellum.protocol.id.AccountId;
import dev.vellum.protocol.seal.NoteKeys;
import dev.vellum.protocol.wire.Frame;
import dev.vellum.server.testing.AccountBrowser;
import dev.vellum.server.testing.ApiClient;
import dev.vellum.server.testing.Canary;
import dev.vellum.server.testing.RunningServer;
import dev.vellum.server.testing.TestConfigs;
import dev.vellum.server.testing.TestSocket;
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
 * identity stays, the old passphrase stops working, and the recovery key keeps working until it is replaced. A
 * recovery ends every other session.
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

    private ApiClient.Response startRecovery(ApiClient client, RecoveryKey key) {
        return client.post("/api/recovery/start", new JsonObject().put("username", "alice")
                .put("recoveryAuthKey", Base64Url.encode(key.authKey().toBytes())));
    }

    @Test
    void aCompletedRecovery_endsEveryOtherSession_andClosesItsSockets() throws Exception {
        AccountBrowser laptop = alice.newDevice(server.port());
        assertEquals(200, laptop.logIn().status());
        AccountBrowser newBrowser = alice.newDevice(server.port());
        String noteId = NoteKeys.generate(new JvmSecureRandomSource()).noteId().toString();
        try (TestSocket laptopSocket = TestSocket.connect(server.vertx(), server.port(), noteId,
                laptop.client.cookieHeader())) {
            laptopSocket.next(Frame.CaughtUp.class);
            JsonObject answer = startRecovery(newBrowser.client, alice.account.recoveryKey).json();
            AccountId accountId = AccountId.parse(answer.getString("accountId"));
            AccountSalt salt = AccountSalt.random(alice.account.random);
            String challenge = answer.getString("challenge");

            ApiClient.Response finished = newBrowser.client.post("/api/recovery/finish",
                    newPassphraseFields(AccountKdf.derive(NEW, salt, TestAccount.CHEAP), salt)
                            .put("challenge", challenge)
                            .put("deviceCertificate", Base64Url.encode(newBrowser.certificate().encode()))
                            .put("signature", Base64Url.encode(newBrowser.sign(challenge, accountId))));

            assertEquals(200, finished.status(), finished.toString());
            assertTrue(laptopSocket.awaitClosed(), "a socket of a session opened before the recovery stays open");
            assertEquals((short) 4401, laptopSocket.closeStatusCode());
        }
        assertEquals(401, alice.client.get("/api/session").status(), "whoever held the old passphrase is out");
        assertEquals(401, laptop.client.get("/api/session").status());
        assertEquals(200, newBrowser.client.get("/api/session").status(), "the recovering browser is in");
    }

    @Test
    void replacingTheRecoveryKey_needsThePassphrase_andTheOldKeyStopsWorking() throws Exception {
        RecoveryKey fresh = RecoveryKey.generate(alice.account.random);
        byte[] bundle = SealedKeys.seal(SealedKeys.Purpose.ACCOUNT_RECOVERY, alice.account.accountId,
                List.of(alice.account.identity), fresh.wrappingKey(), alice.account.random);
        JsonObject fields = new JsonObject().put("recoveryAuthKey", Base64Url.encode(fresh.authKey().toBytes()))
                .put("recoveryBundle", Base64Url.encode(bundle));

        ApiClient.Response wrong = alice.client.post("/api/account/recovery-key", fields.copy()
                .put("currentAuthKey", Base64Url.encode(fresh.authKey().toBytes())));
        ApiClient.Response anonymous = new ApiClient(server.port()).post("/api/account/recovery-key", fields.copy()
                .put("currentAuthKey", Base64Url.encode(alice.account.keys.authKey().toBytes())));
        assertEquals(401, wrong.status());
        assertEquals("wrong-credentials", wrong.error());
        assertEquals(401, anonymous.status());
        assertEquals("not-signed-in", anonymous.error());
        assertEquals(200, startRecovery(alice.client, alice.account.recoveryKey).status(), "nothing changed yet");

        ApiClient.Response replaced = alice.client.post("/api/account/recovery-key", fields.copy()
                .put("currentAuthKey", Base64Url.encode(alice.account.keys.authKey().toBytes())));

        assertEquals(204, replaced.status(), replaced.toString());
        ApiClient.Response old = startRecovery(alice.client, alice.account.recoveryKey);
        assertEquals(401, old.status(), "the old recovery key still opens the account");
        assertEquals("wrong-credentials", old.error());
        ApiClient.Response started = startRecovery(alice.client, fresh);
        assertEquals(200, started.status(), started.toString());
        List<IdentityKeyPair> opened = SealedKeys.open(AccountBrowser.unb64(started.json().getString("recoveryBundle")),
                SealedKeys.Purpose.ACCOUNT_RECOVERY, alice.account.accountId, fresh.wrappingKey());
        assertEquals(alice.account.identity.publicIdentity(), opened.get(0).publicIdentity());
        assertEquals(200, alice.client.get("/api/session").status(), "the session goes on");
    }
}
