package dev.vellum.server.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.vellum.server.testing.NotePage.SAVED;
import static dev.vellum.server.testing.NotePage.note;
import static dev.vellum.server.testing.NotePage.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import dev.vellum.client.testing.Browsers;
import dev.vellum.server.testing.EmbeddedPostgresServer;
import dev.vellum.server.testing.FailoverProxy;
import dev.vellum.server.testing.NodeProcess;
import dev.vellum.server.testing.NotePage;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two server nodes, each its own JVM, in one cluster on one PostgreSQL, each behind a proxy that fails over to the
 * other node (so each page keeps its origin, as behind a load balancer). Alice's browser reaches the first node and
 * Bob's the second: they edit one note together. Then the first node is killed (SIGKILL) while both type: Alice's
 * browser reconnects, through her proxy, to the second node, and both end with the same text, with every key they
 * pressed in it, and the database holds it for a newcomer.
 */
@Tag("browser")
class TwoNodesFailoverTest {
    private static final LocatorAssertions.HasValueOptions CONVERGE =
            new LocatorAssertions.HasValueOptions().setTimeout(45_000);

    private final List<AutoCloseable> started = new ArrayList<>();

    @AfterEach
    void stopAll() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception ignored) {
                // the rest still closes
            }
        }
    }

    @Test
    void peopleOnTwoNodesConverge_andAfterOneNodeIsKilledWhileTheyType_convergeAgainWithNothingLost()
            throws Exception {
        EmbeddedPostgresServer.TestDatabase database = EmbeddedPostgresServer.newDatabase();
        int firstClusterPort = freePort();
        int secondClusterPort = freePort();
        String members = "127.0.0.1:" + firstClusterPort + ",127.0.0.1:" + secondClusterPort;
        NodeProcess first = node(database, firstClusterPort, members, "first");
        NodeProcess second = node(database, secondClusterPort, members, "second");
        Vertx vertx = Vertx.vertx();
        started.add(() -> vertx.close().await());
        FailoverProxy toFirst = FailoverProxy.start(vertx, List.of(first.port(), second.port()));
        FailoverProxy toSecond = FailoverProxy.start(vertx, List.of(second.port(), first.port()));
        started.add(toFirst);
        started.add(toSecond);
        Playwright playwright = Browsers.startPlaywright();
        started.add(playwright);
        Browser browser = Browsers.launchChromium(playwright);
        started.add(browser);

        BrowserContext aliceContext = browser.newContext();
        Page alice = aliceContext.newPage();
        alice.navigate(toFirst.url("/"));
        NotePage.pressNewNote(alice);
        NotePage.type(alice, "Alice on the first node.");
        assertThat(status(alice)).hasText(SAVED);
        String link = alice.url();
        String path = link.substring(link.indexOf("/n/"));

        Page bob = browser.newContext().newPage();
        bob.navigate(toSecond.url(path));
        assertThat(note(bob)).hasValue("Alice on the first node.");
        endOfNote(bob);
        NotePage.type(bob, " Bob on the second.");
        String together = "Alice on the first node. Bob on the second.";
        assertThat(note(alice)).hasValue(together, CONVERGE);

        // The first node dies in the middle of Alice's typing, with no goodbye to the cluster or the browser.
        endOfNote(alice);
        Thread killer = new Thread(() -> {
            try {
                Thread.sleep(400);
                first.kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "node-killer");
        killer.start();
        String aliceTyped = " Alice keeps typing while her node dies, and after.";
        note(alice).pressSequentially(aliceTyped, new Locator.PressSequentiallyOptions().setDelay(40));
        killer.join();
        // Alice's keys reach Bob through the second node, the ones typed after the kill included.
        assertThat(note(bob)).hasValue(together + aliceTyped, CONVERGE);
        endOfNote(bob);
        String bobTyped = " Bob too.";
        NotePage.type(bob, bobTyped);

        String expected = together + aliceTyped + bobTyped;
        assertThat(note(alice)).hasValue(expected, CONVERGE);
        assertThat(note(bob)).hasValue(expected, CONVERGE);
        assertThat(status(alice)).hasText(SAVED, new LocatorAssertions.HasTextOptions().setTimeout(45_000));
        assertThat(status(bob)).hasText(SAVED, new LocatorAssertions.HasTextOptions().setTimeout(45_000));

        // What they see is what the surviving node serves from the database to someone who comes now.
        Page carol = browser.newContext().newPage();
        carol.navigate(toFirst.url(path));
        assertThat(note(carol)).hasValue(expected, CONVERGE);
        assertTrue(second.output().contains("Joined the cluster"), second.output());
        assertEquals(expected, note(carol).inputValue());
    }

    private NodeProcess node(EmbeddedPostgresServer.TestDatabase database, int clusterPort, String members,
                             String name) throws IOException {
        Path dataDir = Files.createTempDirectory("vellum-node-" + name);
        List<String> jvmFlags = new ArrayList<>(NodeProcess.FAST_FAILURE_DETECTION);
        NodeProcess node = NodeProcess.start(jvmFlags, List.of("--host", "127.0.0.1", "--port", "0",
                        "--data-dir", dataDir.toString(), "--jdbc-url", database.jdbcUrlWithoutPassword(),
                        "--cluster", "--cluster-port", Integer.toString(clusterPort), "--cluster-members", members),
                Map.of("VELLUM_JDBC_PASSWORD", database.password()));
        started.add(node);
        return node;
    }

    private static void endOfNote(Page page) {
        note(page).focus();
        page.keyboard().press("Control+End");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
