package dev.vellum.client.testing;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Starts headless Chromium for browser tests: {@code $VELLUM_CHROMIUM} if set, else Debian's
 * {@code /usr/bin/chromium}, else (on a machine with internet) Playwright's own build. Playwright never downloads
 * a browser here. Create one per test class: starting Playwright unpacks its driver, about a second each time.
 */
public final class Browsers {
    private static final Path DEBIAN_CHROMIUM = Path.of("/usr/bin/chromium");
    private static final List<String> CHROMIUM_ARGS = List.of("--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync",
            "--disable-quic");

    private Browsers() {
    }

    public static Playwright startPlaywright() {
        return Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    public static Browser launchChromium(Playwright playwright) {
        BrowserType.LaunchOptions options = new BrowserType.LaunchOptions().setHeadless(true).setArgs(CHROMIUM_ARGS);
        Path executable = chromiumExecutable();
        if (executable != null) {
            options.setExecutablePath(executable);
        }
        return playwright.chromium().launch(options);
    }

    private static Path chromiumExecutable() {
        String fromEnv = System.getenv("VELLUM_CHROMIUM");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        return Files.isExecutable(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : null;
    }
}
