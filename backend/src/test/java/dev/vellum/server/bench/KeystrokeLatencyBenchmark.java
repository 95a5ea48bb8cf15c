package dev.vellum.server.bench;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.vellum.server.testing.NotePage;
import dev.vellum.server.testing.RunningServer;
import dev.vellum.server.testing.ServerAndBrowser;
import dev.vellum.server.testing.TestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Keystroke to the peer's screen: the real server on loopback, two people in two browser contexts of headless
 * Chromium. Alice types a few hundred keys at human pace; each key's time from Alice's keydown to Bob's text
 * changing (both read from performance.timeOrigin + performance.now(), one clock for both pages) is collected, and
 * the p50 and p99 printed. The first {@value #WARM_UP_KEYS} keys warm the server's JIT and the pages up and are not
 * counted. Figures, not pass/fail.
 *
 * <pre>mvn -B -q -pl backend -am verify -DskipTests -Pkeystroke-benchmark</pre>
 */
public final class KeystrokeLatencyBenchmark {
    private static final int KEYS = 300;
    private static final int WARM_UP_KEYS = 150;

    private KeystrokeLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Files.createTempDirectory("vellum-latency");
        try (ServerAndBrowser running = ServerAndBrowser.start(TestConfigs.inFolder(dataDir))) {
            RunningServer server = running.server();
            Browser browser = running.browser();
            Page alice = NotePage.newNote(browser.newContext(), server);
            Locator aliceNote = NotePage.note(alice);
            alice.waitForFunction("() => !document.getElementById('note').readOnly");
            Page bob = browser.newContext().newPage();
            bob.navigate(alice.url());
            bob.waitForFunction("() => !document.getElementById('note').readOnly");

            alice.evaluate("() => { window.sent = []; document.getElementById('note').addEventListener('keydown',"
                    + " () => window.sent.push(performance.timeOrigin + performance.now())); }");
            bob.evaluate("() => { window.seen = []; const note = document.getElementById('note');"
                    + " note.addEventListener('vellum-remote-change', () => {"
                    + "   const now = performance.timeOrigin + performance.now();"
                    + "   while (window.seen.length < note.value.length - (window.base || 0)) window.seen.push(now);"
                    + " }); }");
            aliceNote.focus();
            // Warm-up, not measured: a server that has run a while has its code compiled by the JIT, as have pages.
            for (int i = 0; i < WARM_UP_KEYS; i++) {
                alice.keyboard().type("w");
                bob.waitForFunction("n => document.getElementById('note').value.length >= n", i + 1);
                alice.waitForTimeout(30);
            }
            alice.keyboard().press("Enter");
            bob.waitForFunction("n => document.getElementById('note').value.length >= n", WARM_UP_KEYS + 1);
            alice.evaluate("() => { window.sent = []; }");
            bob.evaluate("() => { window.seen = []; window.base = document.getElementById('note').value.length; }");
            for (int i = 0; i < KEYS; i++) {
                alice.keyboard().type(String.valueOf((char) ('a' + i % 26)));
                int expected = i + 1;
                bob.waitForFunction("n => window.seen.length >= n", expected);
                alice.waitForTimeout(30 + (i * 7) % 40); // human pace: 30-70 ms between keys
            }
            @SuppressWarnings("unchecked")
            List<Number> sent = (List<Number>) alice.evaluate("() => window.sent");
            @SuppressWarnings("unchecked")
            List<Number> seen = (List<Number>) bob.evaluate("() => window.seen");
            double[] latencies = new double[KEYS];
            for (int i = 0; i < KEYS; i++) {
                latencies[i] = seen.get(i).doubleValue() - sent.get(i).doubleValue();
            }
            Arrays.sort(latencies);
            System.out.println();
            System.out.printf(Locale.ROOT, "Keystroke to peer's screen over loopback, %d keys: p50 %.1f ms, p99 %.1f ms,"
                    + " max %.1f ms (targets: p50 <= 15 ms, p99 <= 50 ms)%n", KEYS, percentile(latencies, 50),
                    percentile(latencies, 99), latencies[KEYS - 1]);
        }
    }

    private static double percentile(double[] sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)];
    }
}
