package dev.vellum.server.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.encoding.Base64Url;
import dev.vellum.protocol.account.AuthKey;
import dev.vellum.protocol.account.DeviceCertificate;
import dev.vellum.protocol.id.AccountId;
import dev.vellum.server.testing.AccountBrowser;
import dev.vellum.server.testing.ApiClient;
import dev.vellum.server.testing.Canary;
import dev.vellum.server.testing.RawConnection;
import dev.vellum.server.testing.RunningServer;
import dev.vellum.server.testing.TestConfigs;
import dev.vellum.testing.TestAccount;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The issue's "bad input and abuse" cases at login: wrong passphrases, unknown names, guessing, forged and replayed
 * proofs. After each, the server still logs people in and has lost nothing it stored.
 */
class LoginAbuseTest {
    private static final String PASSPHRASE = "correct horse battery staple";

    @TempDir
    Path dataDir;
    private RunningServer server;
    private Canary canary;
    private AccountBrowser alice;

    private void start(String... flags) throws Exception {
        server = RunningServer.start(TestConfigs.withFlags(dataDir, flags));
        canary = Canary.plant(server);
        alice = new AccountBrowser(new TestAccount("alice", PASSPHRASE), server.port());
        assertEquals(201, alice.signUp().status());
    }

    @AfterEach
    void serverStillServesAndLostNothing() throws Exception {
        if (server == null) {
            return;
        }
        try {
            canary.stillAlive(server);
        } finally {
            server.close();
        }
    }

    private ApiClient.Response startWith(String username, String passphrase) throws Exception {
        return alice.startLogin(username, alice.keysFor(username, passphrase).authKey());
    }

    private ApiClient.Response startRecoveryWith(String username, AuthKey recoveryAuthKey) {
        return alice.client.post("/api/recovery/start", new JsonObject().put("username", username)
                .put("recoveryAuthKey", AccountBrowser.b64(recoveryAuthKey.toBytes())));
    }

    @Test
    void wrongPassphrase_unknownUsername_andWrongRecoveryKey_getTheSameAnswer() throws Exception {
        start();
        ApiClient.Response wrongPassphrase = startWith("alice", "correct horse battery stapler");
        ApiClient.Response unknownUser = startWith("alicia", PASSPHRASE);
        ApiClient.Response wrongRecovery = startRecoveryWith("alice",
                new TestAccount("alice", "x").recoveryKey.authKey());
        ApiClient.Response unknownRecovery = startRecoveryWith("alicia", alice.account.recoveryKey.authKey());

        for (ApiClient.Response answer : List.of(wrongPassphrase, unknownUser, wrongRecovery, unknownRecovery)) {
            assertEquals(401, answer.status());
            assertEquals(wrongPassphrase.body(), answer.body());
            assertEquals(wrongPassphrase.headers().firstValue("content-type"),
                    answer.headers().firstValue("content-type"));
        }
        assertEquals(new JsonObject().put("error", "wrong-credentials").put("message", "Wrong username or passphrase."),
                wrongPassphrase.json());
    }

    @Test
    void wrongPassphrase_andUnknownUsername_takeAboutTheSameTime() throws Exception {
        start("--login-failures-per-username", "1000", "--login-failures-per-address-per-minute", "100000");
        AuthKey wrong = alice.keysFor("alice", "not the passphrase").authKey();
        List<Long> known = new ArrayList<>();
        List<Long> unknown = new ArrayList<>();
        for (int i = 0; i < 41; i++) {
            // Interleaved, so the machine's load falls on both alike; a fresh unknown name each time.
            long t0 = System.nanoTime();
            assertEquals(401, alice.startLogin("alice", wrong).status());
            long t1 = System.nanoTime();
            assertEquals(401, alice.startLogin("nobody" + i, wrong).status());
            long t2 = System.nanoTime();
            known.add(t1 - t0);
            unknown.add(t2 - t1);
        }
        Collections.sort(known);
        Collections.sort(unknown);
        double ratio = (double) known.get(20) / unknown.get(20);
        // A coarse check of the whole path: a gross difference (a known name reading far more) would show. It cannot
        // see a skipped stand-in hash check (microseconds among the noise); AccountStoreTest counts those.
        assertTrue(ratio > 0.33 && ratio < 3, "median known " + known.get(20) / 1000 + " us, unknown "
                + unknown.get(20) / 1000 + " us");
    }

    @Test
    void standInSalt_isStableForRepeatedRequests_andAcrossARestart_andLooksLikeARealOne() throws Exception {
        start();
        String first = alice.salt("nobody").json().getString("salt");
        String second = alice.salt("NOBODY").json().getString("salt");
        String other = alice.salt("somebody").json().getString("salt");
        String real = alice.salt("alice").json().getString("salt");

        server.close();
        server = RunningServer.start(TestConfigs.withFlags(dataDir));
        AccountBrowser afterRestart = new AccountBrowser(alice.account, server.port());
        JsonObject again = afterRestart.salt("nobody").json();

        assertEquals(first, second, "the same name, as typed differently, gets the same salt");
        assertEquals(first, again.getString("salt"), "the stand-in salt survives a restart");
        assertNotEquals(first, other);
        assertEquals(Base64Url.encode(alice.account.salt.toBytes()), real);
        assertEquals(real.length(), first.length());
        assertEquals(afterRestart.salt("alice").json().fieldNames(), again.fieldNames());
        assertEquals(65536, again.getInteger("memoryKiB"));
        assertEquals(3, again.getInteger("iterations"));
        assertEquals(1, again.getInteger("parallelism"));
    }

    @Test
    void repeatedFailures_forOneUsername_areRateLimited_withTheWait_evenForTheRightPassphrase() throws Exception {
        start();
        for (int i = 0; i < 5; i++) {
            assertEquals(401, startWith("alice", "guess " + i).status());
        }

        ApiClient.Response limited = startWith("alice", PASSPHRASE);
        ApiClient.Response otherName = startWith("bob", "guess");

        assertEquals(429, limited.status(), limited.toString());
        assertEquals("rate-limited", limited.error());
        long wait = limited.json().getLong("retryAfterSeconds");
        assertTrue(wait >= 1 && wait <= 30, "wait " + wait);
        assertEquals(String.valueOf(wait), limited.headers().firstValue("retry-after").orElseThrow());
        assertTrue(limited.json().getString("message").contains(wait + " second"), limited.body());
        assertEquals(401, otherName.status(), "another username from the same address is not held back");
    }

    @Test
    void aStrangersFailures_fromAnotherAddress_doNotKeepTheOwnerOut() throws Exception {
        start();
        String wrongKey = AccountBrowser.b64(new byte[32]);
        for (int i = 0; i < 6; i++) {
            String answer = RawConnection.postJsonFrom("127.0.0.2", server.port(), "/api/login/start",
                    new JsonObject().put("username", "alice").put("authKey", wrongKey).encode());
            assertTrue(answer.startsWith(i < 5 ? "HTTP/1.1 401" : "HTTP/1.1 429"), answer);
        }

        assertEquals(200, alice.logIn().status(), "Alice, from her own address, is not held back");
        assertEquals(204, alice.client.post("/api/account/delete", new JsonObject().put("authKey",
                AccountBrowser.b64(alice.account.keys.authKey().toBytes()))).status(),
                "nor from confirming her passphrase to delete her account");
    }

    @Test
    void successfulStarts_countAgainstTheAddress_tenTimesItsFailureLimit() throws Exception {
        start("--login-failures-per-address-per-minute", "2");
        String rightKey = new JsonObject().put("username", "alice")
                .put("authKey", AccountBrowser.b64(alice.account.keys.authKey().toBytes())).encode();
        for (int i = 0; i < 20; i++) {
            String answer = RawConnection.postJsonFrom("127.0.0.2", server.port(), "/api/login/start", rightKey);
            assertTrue(answer.startsWith("HTTP/1.1 200"), "start " + i + ": " + answer);
        }

        String limited = RawConnection.postJsonFrom("127.0.0.2", server.port(), "/api/login/start", rightKey);

        assertTrue(limited.startsWith("HTTP/1.1 429"), limited);
        assertTrue(limited.contains("\"rate-limited\""), limited);
    }

    @Test
    void startingLoginsOverAndOver_cancelsOnlyOnesOwnEarlierStarts_neverAnotherPersons() throws Exception {
        start();
        AccountBrowser mallory = new AccountBrowser(new TestAccount("mallory", "mallory's passphrase"),
                server.port());
        assertEquals(201, mallory.signUp().status());
        JsonObject alices = startWith("alice", PASSPHRASE).json();
        AuthKey malloryKey = mallory.keysFor("mallory", "mallory's passphrase").authKey();
        List<JsonObject> mallorys = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ApiClient.Response started = mallory.startLogin("mallory", malloryKey);
            assertEquals(200, started.status());
            mallorys.add(started.json());
        }

        String first = mallorys.get(0).getString("challenge");
        ApiClient.Response mallorysFirst = mallory.finishLogin(first, mallory.certificate(),
                mallory.sign(first, AccountId.parse(mallorys.get(0).getString("accountId"))));
        String alicesChallenge = alices.getString("challenge");
        ApiClient.Response alicesFinish = alice.finishLogin(alicesChallenge, alice.certificate(),
                alice.sign(alicesChallenge, AccountId.parse(alices.getString("accountId"))));

        assertEquals("challenge-expired", mallorysFirst.error(), "three wait per account: her own oldest went");
        assertEquals(200, alicesFinish.status(), alicesFinish.toString());
    }

    @Test
    void repeatedFailures_fromOneAddress_areRateLimited_overAllUsernames() throws Exception {
        start("--login-failures-per-address-per-minute", "4");
        String attacker = "127.0.0.2";
        String wrongKey = AccountBrowser.b64(new byte[32]);
        for (int i = 0; i < 4; i++) {
            String answer = RawConnection.postJsonFrom(attacker, server.port(), "/api/login/start",
                    new JsonObject().put("username", "victim" + i).put("authKey", wrongKey).encode());
            assertTrue(answer.startsWith("HTTP/1.1 401"), answer);
        }

        String limited = RawConnection.postJsonFrom(attacker, server.port(), "/api/login/start",
                new JsonObject().put("username", "victim9").put("authKey", wrongKey).encode());

        assertTrue(limited.startsWith("HTTP/1.1 429"), limited);
        assertTrue(limited.contains("\"retryAfterSeconds\":"), limited);
        assertTrue(limited.toLowerCase(java.util.Locale.ROOT).contains("retry-after: "), limited);
        // Alice, from her own address, logs in as usual (and the canary after the test).
        assertEquals(200, alice.logIn().status());
    }

    /** A failed login start from {@code peer}, saying it forwards for {@code forwardedFor}: the status. */
    private int failedStartVia(String peer, String forwardedFor) throws Exception {
        byte[] body = new JsonObject().put("username", "victim").put("authKey", AccountBrowser.b64(new byte[32]))
                .encode().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (RawConnection connection = RawConnection.openFrom(peer, server.port())) {
            connection.send("POST /api/login/start HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nX-Forwarded-For: " + forwardedFor + "\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n");
            connection.send(body);
            return connection.readStatus();
        }
    }

    @Test
    void behindATrustedProxy_eachForwardedClient_hasItsOwnLimit_andFromOthersTheHeaderIsIgnored() throws Exception {
        start("--trusted-proxies", "127.0.0.3", "--login-failures-per-address-per-minute", "2");

        int[] viaProxy = {failedStartVia("127.0.0.3", "192.0.2.1"), failedStartVia("127.0.0.3", "192.0.2.1"),
                failedStartVia("127.0.0.3", "192.0.2.1"), failedStartVia("127.0.0.3", "198.51.100.9, 192.0.2.2")};
        int[] direct = {failedStartVia("127.0.0.4", "192.0.2.3"), failedStartVia("127.0.0.4", "192.0.2.4"),
                failedStartVia("127.0.0.4", "192.0.2.5")};

        assertEquals(List.of(401, 401, 429, 401), java.util.Arrays.stream(viaProxy).boxed().toList(),
                "192.0.2.1 is limited, 192.0.2.2 (the hop the proxy added) is not");
        assertEquals(List.of(401, 401, 429), java.util.Arrays.stream(direct).boxed().toList(),
                "an untrusted peer's header is ignored");
    }

    @Test
    void forgedLoginSignature_isRefused_andUsesUpTheChallenge() throws Exception {
        start();
        JsonObject started = startWith("alice", PASSPHRASE).json();
        String challenge = started.getString("challenge");
        AccountId accountId = AccountId.parse(started.getString("accountId"));
        byte[] forged = alice.sign(challenge, accountId);
        forged[10] ^= 1;
        IdentityKeyPair stranger = IdentityKeyPair.generate(alice.account.random);
        byte[] byStranger = dev.vellum.protocol.account.LoginProof.sign(stranger,
                dev.vellum.protocol.account.LoginChallenge.fromBytes(Base64Url.decode(challenge, 32)), accountId);

        ApiClient.Response flipped = alice.finishLogin(challenge, alice.certificate(), forged);
        JsonObject second = startWith("alice", PASSPHRASE).json();
        ApiClient.Response wrongKey = alice.finishLogin(second.getString("challenge"), alice.certificate(), byStranger);
        ApiClient.Response retried = alice.finishLogin(challenge, alice.certificate(),
                alice.sign(challenge, accountId));

        assertEquals(400, flipped.status());
        assertEquals("invalid-signature", flipped.error());
        assertEquals("invalid-signature", wrongKey.error());
        assertEquals(400, retried.status());
        assertEquals("challenge-expired", retried.error(), "a challenge answers one finish, forged or not");
        assertEquals(null, flipped.setCookie(), "no session for a forged proof");
        assertEquals(null, wrongKey.setCookie());
    }

    @Test
    void aMalformedCertificate_isRefused_andUsesUpTheChallenge() throws Exception {
        start();
        JsonObject started = startWith("alice", PASSPHRASE).json();
        String challenge = started.getString("challenge");
        byte[] proof = alice.sign(challenge, AccountId.parse(started.getString("accountId")));

        ApiClient.Response malformed = alice.client.post("/api/login/finish", new JsonObject()
                .put("challenge", challenge).put("deviceCertificate", "AQ")
                .put("signature", Base64Url.encode(proof)));
        ApiClient.Response retried = alice.finishLogin(challenge, alice.certificate(), proof);

        assertEquals(400, malformed.status());
        assertEquals("invalid-request", malformed.error());
        assertEquals("challenge-expired", retried.error(), "taken out first, whatever follows");
    }

    @Test
    void aRecoveryFinish_withAMalformedBundle_isRefused_andUsesUpTheChallenge() throws Exception {
        start();
        JsonObject started = startRecoveryWith("alice", alice.account.recoveryKey.authKey()).json();
        String challenge = started.getString("challenge");
        JsonObject finish = new JsonObject()
                .put("challenge", challenge)
                .put("salt", Base64Url.encode(alice.account.salt.toBytes()))
                .put("authKey", Base64Url.encode(alice.account.keys.authKey().toBytes()))
                .put("passphraseBundle", "AQ")
                .put("deviceCertificate", Base64Url.encode(alice.certificate().encode()))
                .put("signature", Base64Url.encode(alice.sign(challenge,
                        AccountId.parse(started.getString("accountId")))));

        ApiClient.Response malformed = alice.client.post("/api/recovery/finish", finish);
        ApiClient.Response retried = alice.client.post("/api/recovery/finish", finish.copy()
                .put("passphraseBundle", Base64Url.encode(alice.account.passphraseBundle)));

        assertEquals("invalid-request", malformed.error(), malformed.toString());
        assertEquals("challenge-expired", retried.error(), "taken out first, whatever follows");
    }

    @Test
    void replayedChallenge_isRefused_afterASuccessfulLogin_andALoginChallengeCannotFinishARecovery()
            throws Exception {
        start();
        JsonObject started = startWith("alice", PASSPHRASE).json();
        String challenge = started.getString("challenge");
        byte[] proof = alice.sign(challenge, AccountId.parse(started.getString("accountId")));
        assertEquals(200, alice.finishLogin(challenge, alice.certificate(), proof).status());

        ApiClient.Response replayed = alice.finishLogin(challenge, alice.certificate(), proof);
        JsonObject other = startWith("alice", PASSPHRASE).json();
        String otherChallenge = other.getString("challenge");
        ApiClient.Response asRecovery = alice.client.post("/api/recovery/finish", new JsonObject()
                .put("challenge", otherChallenge)
                .put("salt", Base64Url.encode(alice.account.salt.toBytes()))
                .put("authKey", Base64Url.encode(alice.account.keys.authKey().toBytes()))
                .put("passphraseBundle", Base64Url.encode(alice.account.passphraseBundle))
                .put("deviceCertificate", Base64Url.encode(alice.certificate().encode()))
                .put("signature", Base64Url.encode(alice.sign(otherChallenge,
                        AccountId.parse(other.getString("accountId"))))));
        ApiClient.Response unknown = alice.finishLogin(Base64Url.encode(new byte[32]), alice.certificate(), proof);

        assertEquals(400, replayed.status());
        assertEquals("challenge-expired", replayed.error());
        assertEquals("challenge-expired", asRecovery.error());
        assertEquals("challenge-expired", unknown.error());
    }

    @Test
    void certificateNamingThisAccount_butSignedByAnotherIdentity_isRefused() throws Exception {
        start();
        TestAccount mallory = new TestAccount("mallory", "mallory's passphrase");
        IdentityKeyPair device = IdentityKeyPair.generate(mallory.random);
        DeviceCertificate claimsAlice = DeviceCertificate.issue(mallory.identity, alice.account.accountId,
                alice.account.username, device.publicIdentity(), System.currentTimeMillis());
        JsonObject started = startWith("alice", PASSPHRASE).json();
        String challenge = started.getString("challenge");
        byte[] proof = dev.vellum.protocol.account.LoginProof.sign(device,
                dev.vellum.protocol.account.LoginChallenge.fromBytes(Base64Url.decode(challenge, 32)),
                alice.account.accountId);

        ApiClient.Response refused = alice.finishLogin(challenge, claimsAlice, proof);

        assertEquals(400, refused.status());
        assertEquals("invalid-request", refused.error());
        assertTrue(refused.json().getString("message").contains("not for this account"), refused.body());
        assertEquals(200, alice.logIn().status());
        assertEquals(1, alice.client.get("/api/devices").json().getJsonArray("devices").size(),
                "no device was registered by the refused login");
    }

    @Test
    void aRevokedDevice_cannotLogInAgain() throws Exception {
        start();
        AccountBrowser laptop = alice.newDevice(server.port());
        assertEquals(200, laptop.logIn().status());
        assertEquals(204, alice.client.post("/api/devices/revoke", new JsonObject().put("deviceSigningKey",
                AccountBrowser.b64(laptop.device().publicIdentity().signingKey().toBytes()))).status());

        ApiClient.Response again = laptop.logIn();

        assertEquals(403, again.status());
        assertEquals("device-revoked", again.error());
    }
}
