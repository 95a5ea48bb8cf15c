package dev.vellum.server.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.server.testing.AccountBrowser;
import dev.vellum.server.testing.ApiClient;
import dev.vellum.server.testing.Canary;
import dev.vellum.server.testing.LogCapture;
import dev.vellum.server.testing.RunningServer;
import dev.vellum.server.testing.TestConfigs;
import dev.vellum.testing.TestAccount;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed requests to the account API: each gets a clear 4xx with a JSON error that says what is wrong, nothing is
 * stored, nothing reaches the log, and the server goes on serving.
 */
class RequestValidationTest {
    @TempDir
    Path dataDir;
    private RunningServer server;
    private Canary canary;
    private AccountBrowser alice;

    @BeforeEach
    void start() throws Exception {
        server = RunningServer.start(TestConfigs.inFolder(dataDir));
        canary = Canary.plant(server);
        alice = new AccountBrowser(new TestAccount("alice", "alice's long passphrase"), server.port());
    }

    @AfterEach
    void serverStillServesAndLostNothing() throws Exception {
        try {
            assertEquals(201, alice.signUp().status(), "the well-formed sign-up after all the malformed ones");
            canary.stillAlive(server);
        } finally {
            server.close();
        }
    }

    private ApiClient.Response postRaw(String path, String body) {
        return alice.client.send("POST", path, body, Map.of("Content-Type", "application/json",
                "Origin", alice.client.origin()));
    }

    private static void assertRefused(int status, String code, String mentions, ApiClient.Response answer) {
        assertEquals(status, answer.status(), answer.toString());
        assertEquals(code, answer.error(), answer.body());
        assertTrue(answer.json().getString("message").contains(mentions), "message should mention '" + mentions
                + "': " + answer.body());
    }

    @Test
    void malformedJson_isA400_thatSaysSo() throws Exception {
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("{\"username\": ", "not valid JSON");
        bodies.put("[\"alice\"]", "JSON object");
        bodies.put("\"alice\"", "JSON object");
        bodies.put("{\"username\": \"alice\"} {}", "Nothing may follow");
        bodies.put("{\"username\": \"alice\", \"username\": \"bob\"}", "appears twice");
        bodies.put("{\"username\": 7}", "\"username\" must be a string");
        bodies.put("{\"username\": null}", "\"username\" must be a string");
        bodies.put("{\"username\": {\"a\": \"b\"}}", "\"username\" must be a string");
        bodies.put("{\"user\": \"alice\"}", "Unexpected field \"user\"");
        bodies.put("{}", "Missing field \"username\"");
        bodies.put("", "needs a JSON body");
        bodies.put("\u00ff\u00fe", "not valid JSON");
        try (LogCapture log = LogCapture.everything()) {
            for (Map.Entry<String, String> body : bodies.entrySet()) {
                assertRefused(400, "invalid-request", body.getValue(), postRaw("/api/accounts/salt", body.getKey()));
            }
            assertTrue(log.shownByDefault().isEmpty(), log.shownByDefault());
        }
    }

    @Test
    void malformedFields_areA400_namingTheField() throws Exception {
        JsonObject good = alice.signUpBody();
        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("salt", "AAAA");
        bad.put("authKey", "not base64url!");
        bad.put("recoveryAuthKey", alice.signUpBody().getString("recoveryAuthKey") + "A");
        bad.put("accountId", "short");
        bad.put("identitySigningKey", AccountBrowser.b64(new byte[31]));
        bad.put("identityAgreementKey", "=" + good.getString("identityAgreementKey").substring(1));
        bad.put("passphraseBundle", AccountBrowser.b64(new byte[40]));
        bad.put("recoveryBundle", "");
        bad.put("deviceCertificate", AccountBrowser.b64(new byte[] {1, 2, 3}));
        for (Map.Entry<String, Object> field : bad.entrySet()) {
            ApiClient.Response answer = alice.client.post("/api/accounts",
                    good.copy().put(field.getKey(), field.getValue()));
            assertRefused(400, "invalid-request", "\"" + field.getKey() + "\"", answer);
        }
        // Padding and a non-canonical last character are refused: every value has one text form.
        String key = good.getString("authKey");
        assertRefused(400, "invalid-request", "\"authKey\"", alice.client.post("/api/accounts",
                good.copy().put("authKey", key + "=")));
        String nonCanonical = key.substring(0, key.length() - 1) + "B"; // "B" sets a bit past the 32 bytes
        assertRefused(400, "invalid-request", "\"authKey\"", alice.client.post("/api/accounts",
                good.copy().put("authKey", nonCanonical)));
    }

    @Test
    void anOversizedBody_isA413_beforeItIsRead() {
        String huge = "{\"username\": \"" + "a".repeat(AccountApi.MAX_BODY_BYTES) + "\"}";
        assertRefused(413, "invalid-request", "larger than 16384 bytes", postRaw("/api/accounts/salt", huge));
        assertRefused(413, "invalid-request", "larger than", postRaw("/api/login/start", huge));
    }

    @Test
    void aForeignOrigin_isA403_onEveryPostAndGet_andOwnOrNoneIsServed() {
        for (String path : new String[] {"/api/accounts/salt", "/api/accounts", "/api/login/start", "/api/logout",
                "/api/devices/revoke", "/api/account/delete"}) {
            ApiClient.Response answer = alice.client.send("POST", path, "{\"username\": \"alice\"}",
                    Map.of("Content-Type", "application/json", "Origin", "https://evil.example"));
            assertRefused(403, "invalid-request", "origin", answer);
        }
        assertRefused(403, "invalid-request", "origin", alice.client.send("GET", "/api/session", null,
                Map.of("Origin", "http://localhost:1")));
        assertEquals(200, alice.client.send("POST", "/api/accounts/salt", "{\"username\": \"alice\"}",
                Map.of("Content-Type", "application/json")).status(), "no Origin: not a browser, served");
        assertEquals(200, postRaw("/api/accounts/salt", "{\"username\": \"alice\"}").status());
    }

    @Test
    void anotherContentType_isA415() {
        for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data",
                "application/jsonp"}) {
            ApiClient.Response answer = alice.client.send("POST", "/api/accounts/salt", "{\"username\": \"alice\"}",
                    Map.of("Content-Type", type, "Origin", alice.client.origin()));
            assertRefused(415, "invalid-request", "application/json", answer);
        }
        ApiClient.Response none = alice.client.send("POST", "/api/accounts/salt", "{\"username\": \"alice\"}",
                Map.of("Origin", alice.client.origin()));
        assertEquals(415, none.status());
        assertEquals(200, alice.client.send("POST", "/api/accounts/salt", "{\"username\": \"alice\"}",
                Map.of("Content-Type", "application/json; charset=utf-8", "Origin", alice.client.origin()))
                .status());
    }

    @Test
    void sessionRoutes_withoutASession_areA401_andUnknownApiPathsA404() {
        assertRefused(401, "not-signed-in", "not logged in", alice.client.get("/api/session"));
        assertRefused(401, "not-signed-in", "not logged in", alice.client.get("/api/devices"));
        assertRefused(401, "not-signed-in", "not logged in", alice.client.post("/api/devices/revoke",
                new JsonObject().put("deviceSigningKey", AccountBrowser.b64(new byte[32]))));
        assertEquals(204, alice.client.post("/api/logout", new JsonObject()).status(), "logging out is always fine");
        alice.client.useSessionCookie("not-a-token");
        ApiClient.Response garbage = alice.client.get("/api/session");
        assertRefused(401, "not-signed-in", "not logged in", garbage);
        assertTrue(garbage.setCookie().contains("Max-Age=0"), "a dead cookie is cleared: " + garbage.setCookie());
        alice.client.useSessionCookie(null);
        assertRefused(404, "invalid-request", "no such API", alice.client.get("/api/nothing"));
        assertEquals("no-store", alice.client.get("/api/session").headers().firstValue("cache-control")
                .orElseThrow());
    }
}
