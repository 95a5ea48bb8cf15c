package dev.vellum.server.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.server.config.ServerConfig;
import dev.vellum.server.testing.AccountBrowser;
import dev.vellum.server.testing.ApiClient;
import dev.vellum.server.testing.TestConfigs;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/users/{username}} cannot be used to walk a list of names: an account gets
 * {@code --user-lookups-per-minute} of them (here 3), found or not, over all its sessions; then 429 with the wait.
 */
class WorkspaceUserLookupLimitTest extends ServerWithPeople {
    @Override
    ServerConfig config() {
        return TestConfigs.withFlags(dataDir, "--user-lookups-per-minute", "3");
    }

    @Test
    void lookups_pastTheAllowance_areRefusedWithTheWait_evenFromANewSession() throws Exception {
        assertEquals(200, alice.client.get("/api/users/bob").status());
        assertEquals(404, alice.client.get("/api/users/nobody-1").status());
        assertEquals(404, alice.client.get("/api/users/nobody-2").status());

        ApiClient.Response limited = alice.client.get("/api/users/carol");
        assertStatus(429, "rate-limited", limited);
        assertTrue(limited.json().getLong("retryAfterSeconds") >= 1, limited.toString());
        AccountBrowser again = new AccountBrowser(alice.account, server.port());
        assertEquals(200, again.logIn().status());
        assertStatus(429, "rate-limited", again.client.get("/api/users/carol"));
        // Another account has its own allowance.
        assertEquals(200, bob.client.get("/api/users/carol").status());
    }
}
