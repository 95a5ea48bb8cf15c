package dev.vellum.server.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.server.testing.AccountBrowser;
import dev.vellum.server.testing.ApiClient;
import dev.vellum.server.testing.Canary;
import dev.vellum.server.testing.RunningServer;
import dev.vellum.server.testing.TestConfigs;
import dev.vellum.testing.TestAccount;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sign-up, login on the same and on a new device, and the session they start. */
class SignUpAndLoginTest {
    @TempDir
    Path dataDir;
    private RunningServer server;
    private Canary canary;

    @BeforeEach
    void start() throws Exception {
        server = RunningServer.start(TestConfigs.inFolder(dataDir));
        canary = Canary.plant(server);
    }

    @AfterEach
    void serverStillServesAndLostNothing() throws Exception {
        try {
            canary.stillAlive(server);
        } finally {
            server.close();
        }
    }

    @Test
    void signUp_storesTheAccount_andStartsASessionWithAnHttpOnlyStrictCookie() {
        AccountBrowser alice = new AccountBrowser(new TestAccount("Alice", "correct horse battery"), server.port());

        ApiClient.Response created = alice.signUp();

        assertEquals(201, created.status(), created.toString());
        assertEquals("alice", created.json().getString("username"));
        assertEquals(alice.account.accountId.toString(), created.json().getString("accountId"));
        String cookie = created.setCookie().toLowerCase(java.util.Locale.ROOT); // attributes ignore case
        assertTrue(cookie.startsWith("vellum_session="), cookie);
        assertTrue(cookie.contains("; httponly") && cookie.contains("; samesite=strict") && cookie.contains("; path=/"),
                cookie);
        assertTrue(!cookie.contains("secure"), "plain HTTP: no Secure flag, or the browser would drop it: " + cookie);
        JsonObject session = alice.client.get("/api/session").json();
        assertEquals("alice", session.getString("username"));
        assertEquals(created.json().getString("sessionSecret"), session.getString("sessionSecret"));
        assertEquals(AccountBrowser.b64(alice.device().publicIdentity().signingKey().toBytes()),
                session.getString("deviceSigningKey"));
    }

    @Test
    void theCookieIsSecure_whenATrustedProxySaysTheRequestCameOverHttps_only() throws Exception {
        server.close();
        server = RunningServer.start(TestConfigs.withFlags(dataDir, "--trusted-proxies", "127.0.0.1"));
        AccountBrowser viaProxy = new AccountBrowser(new TestAccount("alice", "correct horse battery"),
                server.port());
        AccountBrowser direct = new AccountBrowser(new TestAccount("bob", "correct horse battery"), server.port());

        ApiClient.Response https = viaProxy.client.send("POST", "/api/accounts", viaProxy.signUpBody().encode(),
                java.util.Map.of("Content-Type", "application/json", "Origin", viaProxy.client.origin(),
                        "X-Forwarded-Proto", "https"));
        ApiClient.Response http = direct.signUp();

        assertEquals(201, https.status());
        assertTrue(https.setCookie().toLowerCase(java.util.Locale.ROOT).contains("; secure"), https.setCookie());
        assertTrue(!http.setCookie().toLowerCase(java.util.Locale.ROOT).contains("secure"), http.setCookie());
    }

    @Test
    void aForwardedProtoFromAnUntrustedPeer_isIgnored() {
        AccountBrowser alice = new AccountBrowser(new TestAccount("alice", "correct horse battery"), server.port());
        ApiClient.Response answer = alice.client.send("POST", "/api/accounts", alice.signUpBody().encode(),
                java.util.Map.of("Content-Type", "application/json", "Origin", alice.client.origin(),
                        "X-Forwarded-Proto", "https"));

        assertEquals(201, answer.status());
        assertTrue(!answer.setCookie().toLowerCase(java.util.Locale.ROOT).contains("secure"), answer.setCookie());
    }

    @Test
    void login_onTheSameDevice_andOnANewOne_startsSessions_andListsBothDevices() throws Exception {
        AccountBrowser alice = new AccountBrowser(new TestAccount("alice", "correct horse battery"), server.port());
        assertEquals(201, alice.signUp().status());
        AccountBrowser again = new AccountBrowser(alice.account, server.port());
        AccountBrowser laptop = alice.newDevice(server.port());

        ApiClient.Response sameDevice = again.logIn();
        ApiClient.Response newDevice = laptop.logIn();

        assertEquals(200, sameDevice.status(), sameDevice.toString());
        assertEquals(200, newDevice.status(), newDevice.toString());
        assertNotNull(laptop.client.sessionCookie());
        var devices = laptop.client.get("/api/devices").json().getJsonArray("devices");
        assertEquals(2, devices.size());
        long current = devices.stream().filter(d -> ((JsonObject) d).getBoolean("current")).count();
        assertEquals(1, current);
        for (Object d : devices) {
            JsonObject device = (JsonObject) d;
            assertNull(device.getString("revokedAt"));
            assertTrue(device.getString("addedAt").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"),
                    device.toString());
        }
    }
}
