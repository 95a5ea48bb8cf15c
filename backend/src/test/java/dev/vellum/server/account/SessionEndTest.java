package dev.vellum.server.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.protocol.seal.NoteKeys;
import dev.vellum.protocol.wire.Frame;
import dev.vellum.server.testing.AccountBrowser;
import dev.vellum.server.testing.ApiClient;
import dev.vellum.server.testing.Canary;
import dev.vellum.server.testing.RunningServer;
import dev.vellum.server.testing.TestConfigs;
import dev.vellum.server.testing.TestSocket;
import dev.vellum.testing.TestAccount;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session ends by logout, by its device's revocation or by the account's deletion: from then on its cookie opens
 * neither the API nor a note's WebSocket, and its open sockets close at once with 4401 "session ended".
 */
class SessionEndTest {
    @TempDir
    Path dataDir;
    private RunningServer server;
    private Canary canary;
    private AccountBrowser phone;
    private AccountBrowser laptop;
    private final String noteId = NoteKeys.generate(new JvmSecureRandomSource()).noteId().toString();

    @BeforeEach
    void start() throws Exception {
        server = RunningServer.start(TestConfigs.inFolder(dataDir));
        canary = Canary.plant(server);
        phone = new AccountBrowser(new TestAccount("alice", "alice's long passphrase"), server.port());
        assertEquals(201, phone.signUp().status());
        laptop = phone.newDevice(server.port());
        assertEquals(200, laptop.logIn().status());
    }

    @AfterEach
    void serverStillServesAndLostNothing() throws Exception {
        try {
            canary.stillAlive(server);
        } finally {
            server.close();
        }
    }

    private TestSocket openNote(ApiClient client) throws InterruptedException {
        TestSocket socket = TestSocket.connect(server.vertx(), server.port(), noteId, client.cookieHeader());
        socket.next(Frame.CaughtUp.class);
        return socket;
    }

    private int upgradeStatus(Map<String, String> headers) {
        UpgradeRejectedException rejected = assertThrows(UpgradeRejectedException.class,
                () -> TestSocket.connect(server.vertx(), server.port(), noteId, headers).close());
        return rejected.getStatus();
    }

    private static void assertClosedAsSessionEnded(TestSocket socket) throws InterruptedException {
        assertTrue(socket.awaitClosed(), "the socket was not closed");
        assertEquals((short) 4401, socket.closeStatusCode());
        assertEquals("session ended", socket.closeReason());
    }

    private String revoke(AccountBrowser by, AccountBrowser device) {
        ApiClient.Response revoked = by.client.post("/api/devices/revoke", new JsonObject().put("deviceSigningKey",
                AccountBrowser.b64(device.device().publicIdentity().signingKey().toBytes())));
        assertEquals(204, revoked.status(), revoked.toString());
        return revoked.setCookie();
    }

    @Test
    void aLiveCookie_opensTheNote_andNoCookieStillOpensItAnonymously() throws Exception {
        try (TestSocket signedIn = openNote(laptop.client);
             TestSocket anonymous = openNote(new ApiClient(server.port()))) {
            assertFalse(signedIn.isClosed());
            assertFalse(anonymous.isClosed());
        }
        assertEquals(401, upgradeStatus(Map.of("Cookie", "vellum_session=" + AccountBrowser.b64(new byte[32]))),
                "an unknown cookie is refused, not taken as anonymous");
        assertEquals(401, upgradeStatus(Map.of("Cookie", "vellum_session=garbage")));
    }

    @Test
    void afterLogout_theOldCookie_isRefused_byTheApiAndTheWebSocket_andItsSocketsClose() throws Exception {
        String oldCookie = laptop.client.sessionCookie();
        Map<String, String> oldHeader = laptop.client.cookieHeader();
        try (TestSocket open = openNote(laptop.client)) {
            ApiClient.Response loggedOut = laptop.client.post("/api/logout", new JsonObject());

            assertEquals(204, loggedOut.status());
            assertTrue(loggedOut.setCookie().contains("Max-Age=0"), loggedOut.setCookie());
            assertClosedAsSessionEnded(open);
        }
        laptop.client.useSessionCookie(oldCookie);
        ApiClient.Response replayed = laptop.client.get("/api/session");
        assertEquals(401, replayed.status());
        assertEquals("not-signed-in", replayed.error());
        assertEquals(401, upgradeStatus(oldHeader));
        assertEquals(200, phone.client.get("/api/session").status(), "the other device's session goes on");
    }

    @Test
    void revokingADevice_closesItsOpenSocketsAtOnce_andItsCookieIsRefusedEverywhere() throws Exception {
        Map<String, String> laptopCookie = laptop.client.cookieHeader();
        try (TestSocket laptopSocket = openNote(laptop.client); TestSocket phoneSocket = openNote(phone.client)) {
            String cleared = revoke(phone, laptop);

            assertClosedAsSessionEnded(laptopSocket);
            assertEquals(null, cleared, "revoking another device leaves this one's cookie alone");
            assertEquals(null, phoneSocket.poll(300), "the revoking device's own socket stays open and quiet");
            assertFalse(phoneSocket.isClosed());
        }
        ApiClient.Response api = laptop.client.get("/api/session");
        assertEquals(401, api.status());
        assertEquals("not-signed-in", api.error());
        assertEquals(401, upgradeStatus(laptopCookie));
        JsonObject laptopEntry = phone.client.get("/api/devices").json().getJsonArray("devices").stream()
                .map(JsonObject.class::cast).filter(d -> !d.getBoolean("current")).findFirst().orElseThrow();
        assertTrue(laptopEntry.getString("revokedAt").endsWith("Z"), laptopEntry.toString());
    }

    @Test
    void revokingThisDevice_endsThisSession_andClearsItsCookie() throws Exception {
        try (TestSocket open = openNote(laptop.client)) {
            String cleared = revoke(laptop, laptop);

            assertTrue(cleared.contains("Max-Age=0"), cleared);
            assertClosedAsSessionEnded(open);
        }
        assertEquals(200, phone.client.get("/api/session").status());
    }

    @Test
    void deletingTheAccount_closesEverySocketOfIt_andEndsEverySession() throws Exception {
        Map<String, String> phoneCookie = phone.client.cookieHeader();
        try (TestSocket phoneSocket = openNote(phone.client); TestSocket laptopSocket = openNote(laptop.client);
             TestSocket stranger = openNote(new ApiClient(server.port()))) {
            ApiClient.Response wrong = laptop.client.post("/api/account/delete", new JsonObject().put("authKey",
                    AccountBrowser.b64(new byte[32])));
            assertEquals(401, wrong.status());
            assertEquals("wrong-credentials", wrong.error());
            assertFalse(phoneSocket.isClosed());

            ApiClient.Response deleted = laptop.client.post("/api/account/delete", new JsonObject().put("authKey",
                    AccountBrowser.b64(phone.account.keys.authKey().toBytes())));

            assertEquals(204, deleted.status(), deleted.toString());
            assertClosedAsSessionEnded(phoneSocket);
            assertClosedAsSessionEnded(laptopSocket);
            assertEquals(null, stranger.poll(300));
            assertFalse(stranger.isClosed(), "an anonymous socket on the same note stays");
        }
        assertEquals(401, phone.client.get("/api/session").status());
        assertEquals(401, upgradeStatus(phoneCookie));
        assertEquals(401, phone.startLogin("alice", phone.account.keys.authKey()).status());
        AccountBrowser newAlice = new AccountBrowser(new TestAccount("alice", "a new alice's passphrase"),
                server.port());
        ApiClient.Response reused = newAlice.signUp();
        assertEquals(409, reused.status(), "readers would show a newcomer as the alice who left");
        assertEquals("username-taken", reused.error());
    }
}
