package dev.vellum.server.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.server.config.ServerConfig;
import dev.vellum.server.testing.AccountBrowser;
import dev.vellum.server.testing.ApiClient;
import dev.vellum.server.testing.TestConfigs;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The workspace GETs that read lists share one budget per account ({@code --workspace-reads-per-minute}): past it,
 * 429 with the wait and a clear error, from every session of the account; the default never refuses the app's own
 * use (pages opening in several tabs at once, and a minute of their polls).
 */
class WorkspaceReadLimitTest {
    @Nested
    class AtALowLimit extends ServerWithPeople {
        @Override
        ServerConfig config() {
            return TestConfigs.withFlags(dataDir, "--workspace-reads-per-minute", "6");
        }

        @Test
        void listReads_pastTheBudget_areRefusedWithTheWait_evenFromANewSession_andOthersKeepTheirs()
                throws Exception {
            TestWorkspace workspace = TestWorkspace.create(alice);
            String base = "/api/workspaces/" + workspace.id;
            for (String path : new String[] {"/api/workspaces", base + "/log?from=0", base + "/keys", base + "/notes",
                    base + "/join-requests", "/api/account/contacts"}) {
                ApiClient.Response read = alice.client.get(path);
                assertTrue(read.status() == 200 || read.status() == 404, path + ": " + read);
            }

            ApiClient.Response limited = alice.client.get(base + "/log?from=0");
            ServerWithPeople.assertStatus(429, "rate-limited", limited);
            assertTrue(limited.json().getLong("retryAfterSeconds") >= 1, limited.toString());
            assertTrue(limited.json().getString("message").startsWith("Too many"), limited.toString());
            AccountBrowser again = new AccountBrowser(alice.account, server.port());
            assertEquals(200, again.logIn().status());
            ServerWithPeople.assertStatus(429, "rate-limited", again.client.get("/api/workspaces"));
            assertEquals(200, bob.client.get("/api/workspaces").status(), "another account has its own budget");
        }
    }

    @Nested
    class AtTheDefault extends ServerWithPeople {
        @Test
        void tenTabsOpeningAWorkspaceAtOnce_andAMinuteOfTheirPolls_areNeverRefused() throws Exception {
            TestWorkspace workspace = TestWorkspace.create(alice);
            String base = "/api/workspaces/" + workspace.id;
            // What WorkspaceApi.early asks for when a workspace page opens, besides the session.
            String[] pageOpen = {"/api/account/contacts", "/api/workspaces", base + "/log?from=0", base + "/keys",
                    base + "/notes"};
            List<Integer> statuses = new CopyOnWriteArrayList<>();
            List<Thread> tabs = new ArrayList<>();
            for (int tab = 0; tab < 10; tab++) {
                ApiClient client = new ApiClient(server.port());
                client.useSessionCookie(alice.client.sessionCookie());
                for (String path : pageOpen) {
                    Thread request = new Thread(() -> statuses.add(client.get(path).status()));
                    tabs.add(request);
                    request.start();
                }
            }
            for (Thread request : tabs) {
                request.join();
            }
            // A minute of polls: each of the ten tabs asks for join requests every 4 s, and one tab waiting to be
            // admitted elsewhere asks for the workspaces every 2.5 s.
            for (int poll = 0; poll < 10 * 15; poll++) {
                statuses.add(alice.client.get(base + "/join-requests").status());
            }
            for (int poll = 0; poll < 24; poll++) {
                statuses.add(alice.client.get("/api/workspaces").status());
            }

            assertEquals(List.of(), statuses.stream().filter(status -> status != 200).toList());
            assertEquals(50 + 150 + 24, statuses.size());
        }
    }
}
