package dev.vellum.server.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.encoding.Base64Url;
import dev.vellum.protocol.account.DeviceCertificate;
import dev.vellum.server.testing.AccountBrowser;
import dev.vellum.server.testing.ApiClient;
import dev.vellum.server.testing.Canary;
import dev.vellum.server.testing.RawConnection;
import dev.vellum.server.testing.RunningServer;
import dev.vellum.server.testing.TestConfigs;
import dev.vellum.testing.TestAccount;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Taken and disallowed usernames, certificates that do not fit, and sign-ups in bulk. */
class SignUpAbuseTest {
    @TempDir
    Path dataDir;
    private RunningServer server;
    private Canary canary;

    private void start(String... flags) throws Exception {
        server = RunningServer.start(TestConfigs.withFlags(dataDir, flags));
        canary = Canary.plant(server);
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

    @Test
    void aTakenUsername_isRefused_asTypedOrInCapitalsOrFullwidth() throws Exception {
        start();
        assertEquals(201, new AccountBrowser(new TestAccount("alice", "first alice's passphrase"), server.port())
                .signUp().status());

        for (String same : List.of("alice", "ALICE", "Alice", "\uFF41\uFF4C\uFF49\uFF43\uFF45")) {
            // Another person, whose certificate names the name they typed (in its normal form).
            AccountBrowser second = new AccountBrowser(new TestAccount(same, "second person's passphrase"),
                    server.port());
            ApiClient.Response refused = second.client.post("/api/accounts",
                    second.signUpBody().put("username", same));
            assertEquals(409, refused.status(), same + ": " + refused);
            assertEquals("username-taken", refused.error());
        }
    }

    @Test
    void disallowedUsernames_areRefused_withWhatIsWrong() throws Exception {
        start();
        // "аlice" starts with a Cyrillic а (U+0430); "ｂ" alone is folded but too short; the rest break the rule.
        List<String> refused = List.of("", "ab", "a".repeat(33), "al ice", "alice!", "-alice", "alice.",
                "\u0430lice", "caf\u00e9", "alice\uD83D\uDE00", "\uFF42", "al\u200Bice");
        for (String name : refused) {
            AccountBrowser person = new AccountBrowser(new TestAccount("someone", "a passphrase of some length"),
                    server.port());
            ApiClient.Response signUp = person.client.post("/api/accounts", person.signUpBody().put("username", name));
            ApiClient.Response salt = person.salt(name);
            assertEquals(400, signUp.status(), name + ": " + signUp);
            assertEquals("invalid-username", signUp.error(), name);
            assertEquals("invalid-username", salt.error(), name);
            assertTrue(signUp.json().getString("message").length() > 10, signUp.body());
        }
    }

    @Test
    void aCertificateForAnotherAccountOrIdentity_isRefused_andStoresNothing() throws Exception {
        start();
        TestAccount alice = new TestAccount("alice", "alice's passphrase here");
        TestAccount other = new TestAccount("other", "other passphrase here");
        AccountBrowser browser = new AccountBrowser(alice, server.port());
        IdentityKeyPair device = alice.device;
        DeviceCertificate otherAccount = DeviceCertificate.issue(alice.identity, other.accountId, alice.username,
                device.publicIdentity(), 1L);
        DeviceCertificate otherIdentity = DeviceCertificate.issue(other.identity, alice.accountId, alice.username,
                device.publicIdentity(), 1L);
        DeviceCertificate otherName = DeviceCertificate.issue(alice.identity, alice.accountId, other.username,
                device.publicIdentity(), 1L);
        byte[] tampered = alice.certificate.encode();
        tampered[tampered.length - 1] ^= 1;

        for (byte[] certificate : List.of(otherAccount.encode(), otherIdentity.encode(), otherName.encode(),
                tampered)) {
            ApiClient.Response refused = browser.client.post("/api/accounts", browser.signUpBody()
                    .put("deviceCertificate", Base64Url.encode(certificate)));
            assertEquals(400, refused.status(), refused.toString());
            assertTrue(List.of("invalid-request", "invalid-signature").contains(refused.error()), refused.body());
        }
        ApiClient.Response swappedBundles = browser.client.post("/api/accounts", browser.signUpBody()
                .put("passphraseBundle", Base64Url.encode(alice.recoveryBundle)));
        assertEquals("invalid-request", swappedBundles.error(), "a recovery bundle is not a passphrase bundle");
        assertEquals(401, browser.startLogin("alice", alice.keys.authKey()).status(), "nothing was stored");
        assertEquals(201, browser.signUp().status(), "the well-formed sign-up still works");
    }

    @Test
    void signUps_fromOneAddress_areLimited_perHour() throws Exception {
        start("--sign-ups-per-address-per-hour", "2");
        String address = "127.0.0.3";
        for (int i = 0; i < 2; i++) {
            AccountBrowser person = new AccountBrowser(new TestAccount("bulk" + i, "bulk passphrase " + i),
                    server.port());
            String answer = RawConnection.postJsonFrom(address, server.port(), "/api/accounts",
                    person.signUpBody().encode());
            assertTrue(answer.startsWith("HTTP/1.1 201"), answer);
        }
        AccountBrowser third = new AccountBrowser(new TestAccount("bulk2", "bulk passphrase 2"), server.port());

        String limited = RawConnection.postJsonFrom(address, server.port(), "/api/accounts",
                third.signUpBody().encode());

        assertTrue(limited.startsWith("HTTP/1.1 429"), limited);
        JsonObject body = new JsonObject(limited.substring(limited.indexOf("\r\n\r\n") + 4));
        assertEquals("rate-limited", body.getString("error"));
        assertTrue(body.getLong("retryAfterSeconds") > 60, "an hour's allowance refills slowly: " + body);
        assertEquals(201, third.signUp().status(), "another address still signs up");
    }
}
