package dev.vellum.server.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How long a session and its cookie live, and how many an account may have: the cookie expires with the idle limit,
 * a new login in a browser ends the session that browser held, and an account's devices are bounded.
 */
class SessionLifetimeTest {
    /** The default idle limit, 30 days, in seconds. */
    private static final String MAX_AGE = "Max-Age=" + 30 * 24 * 3600;

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
            canary.stillAlive(server);
        } finally {
            server.close();
        }
    }

    @Test
    void theCookie_expiresWithTheIdleLimit_andEachSessionCheckStartsItsLifeAgain() throws Exception {
        ApiClient.Response signedUp = alice.signUp();
        ApiClient.Response loggedIn = alice.newDevice(server.port()).logIn();
        ApiClient.Response checked = alice.client.get("/api/session");

        assertTrue(signedUp.setCookie().contains(MAX_AGE), signedUp.setCookie());
        assertTrue(loggedIn.setCookie().contains(MAX_AGE), loggedIn.setCookie());
        assertEquals(200, checked.status());
        assertTrue(checked.setCookie().contains(MAX_AGE), "sent again on use: " + checked.setCookie());
        assertTrue(checked.setCookie().contains(alice.client.sessionCookie()), "the same session's cookie");
    }

    @Test
    void loggingInAsSomeoneElse_inTheSameBrowser_endsTheSessionItHeld_andClosesItsSockets() throws Exception {
        assertEquals(201, alice.signUp().status());
        AccountBrowser bob = new AccountBrowser(new TestAccount("bob", "bob's long passphrase"), server.port());
        assertEquals(201, bob.signUp().status());
        AccountBrowser bobInAlicesBrowser = bob.newDevice(server.port());
        String alicesCookie = alice.client.sessionCookie();
        bobInAlicesBrowser.client.useSessionCookie(alicesCookie);
        String noteId = NoteKeys.generate(new JvmSecureRandomSource()).noteId().toString();
        try (TestSocket alicesSocket = TestSocket.connect(server.vertx(), server.port(), noteId,
                alice.client.cookieHeader())) {
            alicesSocket.next(Frame.CaughtUp.class);

            assertEquals(200, bobInAlicesBrowser.logIn().status());

            assertTrue(alicesSocket.awaitClosed(), "alice's socket stays open after bob logged in there");
            assertEquals((short) 4401, alicesSocket.closeStatusCode());
        }
        ApiClient.Response old = alice.client.get("/api/session");
        assertEquals(401, old.status(), "alice's session outlived the browser's move to bob");
        assertEquals("not-signed-in", old.error());
        assertEquals("bob", bobInAlicesBrowser.client.get("/api/session").json().getString("username"));
        assertEquals(200, bob.client.get("/api/session").status(), "bob's other session goes on");
    }

    @Test
    void signingUpInABrowserThatHeldASession_endsThatSession() throws Exception {
        assertEquals(201, alice.signUp().status());
        String alicesCookie = alice.client.sessionCookie();
        AccountBrowser carol = new AccountBrowser(new TestAccount("carol", "carol's long passphrase"), server.port());
        carol.client.useSessionCookie(alicesCookie);

        assertEquals(201, carol.signUp().status());

        assertEquals(401, alice.client.get("/api/session").status());
    }

    @Test
    void anAccount_hasAtMostFiftyDevices_andTheNextIsToldToRevokeOne() throws Exception {
        assertEquals(201, alice.signUp().status());
        for (int i = 1; i < JdbcAccountRepository.MAX_DEVICES; i++) {
            assertEquals(200, alice.newDevice(server.port()).logIn().status(), "device " + (i + 1));
        }

        ApiClient.Response refused = alice.newDevice(server.port()).logIn();

        assertEquals(409, refused.status(), refused.toString());
        assertEquals("too-many-devices", refused.error());
        assertTrue(refused.json().getString("message").contains("revoke"), refused.toString());
        assertEquals(null, refused.setCookie(), "no session starts");
        assertEquals(JdbcAccountRepository.MAX_DEVICES,
                alice.client.get("/api/devices").json().getJsonArray("devices").size());
        assertEquals(200, alice.logIn().status(), "a device already known still logs in");
    }
}
