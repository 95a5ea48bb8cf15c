package dev.vellum.server.bench;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.vellum.server.testing.RunningServer;
import dev.vellum.server.testing.ServerAndBrowser;
import dev.vellum.server.testing.TestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * From pressing "Log in" to a usable, logged-in start page, in headless Chromium against the real server on
 * loopback: on the browser that signed up (its device key reused from IndexedDB) and on new browsers (a new device
 * key, certified, registered at the finish). The client marks each step with {@code performance.mark}; the medians
 * of {@value #ROUNDS} logins each are printed, split into the salt's round trip, Argon2id, the login start's round
 * trip, unwrapping (and, on a new device, making and certifying its key), the challenge's round trip, and storing
 * the keys and showing the page. The first login of each kind warms up and is not counted. Figures, not pass/fail.
 *
 * <pre>mvn -B -q -pl backend -am verify -DskipTests -Plogin-benchmark-browser</pre>
 */
public final class LoginBenchmark {
    private static final int ROUNDS = 7;
    private static final String USERNAME = "bench";
    private static final String PASSPHRASE = "benchmark quartz lantern river";
    private static final String[][] STEPS = {
        {"salt round trip", "login-pressed", "argon2id-start"},
        {"Argon2id (64 MiB, t=3)", "argon2id-start", "argon2id-end"},
        {"login/start round trip", "argon2id-end", "unwrap-start"},
        {"unwrapping (+ new device key)", "unwrap-start", "unwrap-end"},
        {"challenge round trip", "challenge-start", "challenge-end"},
        {"store keys, show page", "challenge-end", "login-usable"},
        {"total: Log in to usable page", "login-pressed", "login-usable"},
    };

    private LoginBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Files.createTempDirectory("vellum-login-bench");
        try (ServerAndBrowser running = ServerAndBrowser.start(TestConfigs.inFolder(dataDir))) {
            RunningServer server = running.server();
            Browser browser = running.browser();
            BrowserContext home = browser.newContext();
            Page page = home.newPage();
            signUp(page, server);

            List<Map<String, Double>> sameDevice = new ArrayList<>();
            for (int round = 0; round <= ROUNDS; round++) {
                button(page, "Log out").click();
                page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Log in").setExact(true))
                        .waitFor();
                Map<String, Double> marks = logIn(page, server);
                if (round > 0) {
                    sameDevice.add(marks);
                }
            }
            List<Map<String, Double>> newDevice = new ArrayList<>();
            for (int round = 0; round <= ROUNDS; round++) {
                BrowserContext fresh = browser.newContext();
                Map<String, Double> marks = logIn(fresh.newPage(), server);
                if (round > 0) {
                    newDevice.add(marks);
                }
                fresh.close();
            }

            System.out.println();
            System.out.printf(Locale.ROOT, "Login in Chromium (TeaVM wasm), medians of %d logins each, ms%n", ROUNDS);
            System.out.printf(Locale.ROOT, "%-32s %12s %12s%n", "step", "same device", "new device");
            for (String[] step : STEPS) {
                System.out.printf(Locale.ROOT, "%-32s %12.0f %12.0f%n", step[0],
                        median(sameDevice, step[1], step[2]), median(newDevice, step[1], step[2]));
            }
            System.out.println("Target: at most 1500 ms from Log in to a usable page, most of it Argon2id.");
        }
    }

    private static void signUp(Page page, RunningServer server) {
        page.navigate(server.url("/signup"));
        field(page, "Username").fill(USERNAME);
        field(page, "Passphrase").fill(PASSPHRASE);
        field(page, "Repeat passphrase").fill(PASSPHRASE);
        button(page, "Sign up").click();
        button(page, "I have saved it").click();
        page.getByText("Logged in as " + USERNAME).waitFor();
    }

    private static Map<String, Double> logIn(Page page, RunningServer server) {
        page.navigate(server.url("/login"));
        field(page, "Username").fill(USERNAME);
        field(page, "Passphrase").fill(PASSPHRASE);
        page.evaluate("performance.clearMarks()");
        button(page, "Log in").click();
        page.getByText("Logged in as " + USERNAME).waitFor();
        @SuppressWarnings("unchecked")
        List<List<Object>> entries = (List<List<Object>>) page.evaluate("performance.getEntriesByType('mark')"
                + ".filter(m => m.name.startsWith('vellum-')).map(m => [m.name.substring(7), m.startTime])");
        Map<String, Double> marks = new HashMap<>();
        for (List<Object> entry : entries) {
            marks.put((String) entry.get(0), ((Number) entry.get(1)).doubleValue());
        }
        return marks;
    }

    private static double median(List<Map<String, Double>> rounds, String from, String to) {
        double[] values = rounds.stream().mapToDouble(marks -> marks.get(to) - marks.get(from)).toArray();
        Arrays.sort(values);
        return values[values.length / 2];
    }

    private static com.microsoft.playwright.Locator field(Page page, String label) {
        // Every account page is in index.html at once: only the one on screen counts.
        return page.getByLabel(label, new Page.GetByLabelOptions().setExact(true))
                .filter(new com.microsoft.playwright.Locator.FilterOptions().setVisible(true));
    }

    private static com.microsoft.playwright.Locator button(Page page, String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }
}
