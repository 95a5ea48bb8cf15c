package dev.vellum.server.bench;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Playwright;
import dev.vellum.client.testing.Browsers;
import dev.vellum.server.testing.PageWeight;
import dev.vellum.server.testing.RunningServer;
import dev.vellum.server.testing.TestConfigs;
import java.nio.file.Files;

/**
 * Prints what a first and a repeat visit to an editable note cost on the wire in headless Chromium, response by
 * response ({@link PageWeight}). Figures, not pass/fail; PageWeightTest asserts the bounds. With a base URL as its
 * argument it measures that server instead of starting one (for instance an older build, to compare).
 *
 * <pre>mvn -B -q -pl backend -am verify -DskipTests -Ppage-weight-benchmark [-Dpage.weight.url=http://host:port]</pre>
 */
public final class PageWeightBenchmark {
    private PageWeightBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String url = args.length > 0 && !args[0].isBlank() ? args[0].replaceFirst("/$", "") : null;
        RunningServer server = url != null ? null
                : RunningServer.start(TestConfigs.inFolder(Files.createTempDirectory("vellum-weight")));
        try (Playwright playwright = Browsers.startPlaywright()) {
            Browser browser = Browsers.launchChromium(playwright);
            String noteLink = PageWeight.referenceNote(browser, url != null ? url + "/" : server.url("/"));
            PageWeight.Visits visits = PageWeight.measure(browser, noteLink);
            System.out.print(visits.first().describe("First visit to an editable note:"));
            System.out.print(visits.repeat().describe("Repeat visit (same browser, new tab):"));
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }
}
