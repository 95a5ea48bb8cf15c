package dev.vellum.server.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.vellum.server.testing.NotePage.note;
import static dev.vellum.server.testing.NotePage.openLink;
import static dev.vellum.server.testing.NotePage.pressNewNote;
import static dev.vellum.server.testing.NotePage.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.AriaRole;
import dev.vellum.server.http.AppBuild;
import dev.vellum.server.testing.BrowserTest;
import dev.vellum.server.testing.NotePage;
import dev.vellum.server.testing.RunningServer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The page runs under a CSP that refuses {@code eval} and {@code new Function}, and refuses to run code that is not
 * the code it was built with: scripts by Subresource Integrity, the wasm by boot.js's SHA-384 check.
 */
@BrowserTest
class PageLockdownTest {
    /**
     * Runs in the page's own world once it has loaded (an init script is the page's code as far as CSP goes; only
     * Playwright's own evaluation is exempt), tries both ways of turning a string into code, and records every
     * CSP violation the page reports.
     */
    private static final String EVAL_PROBE = """
            window.vellumProbe = { violations: [], evalResult: 'not run', functionResult: 'not run' };
            document.addEventListener('securitypolicyviolation', e => {
              window.vellumProbe.violations.push(e.effectiveDirective + ' ' + e.blockedURI);
            });
            addEventListener('load', () => {
              try { eval('1'); window.vellumProbe.evalResult = 'allowed'; }
              catch (e) { window.vellumProbe.evalResult = e.name; }
              try { new Function('return 1')(); window.vellumProbe.functionResult = 'allowed'; }
              catch (e) { window.vellumProbe.functionResult = e.name; }
            });
            """;

    /** A stylesheet or script in index.html with its integrity attribute: (path, integrity). */
    private static final Pattern PINNED = Pattern.compile("(?:href|src)=\"([^\"]+)\" integrity=\"([^\"]+)\"");

    private static RunningServer server;
    private static Browser browser;

    @BeforeAll
    static void startServerAndBrowser(RunningServer runningServer, Browser chromium) {
        server = runningServer;
        browser = chromium;
    }

    @Test
    void evalAndNewFunction_areRefused_whileTwoPeopleEditANote() {
        BrowserContext alice = browser.newContext();
        alice.addInitScript(EVAL_PROBE);
        Page alicePage = alice.newPage();
        alicePage.navigate(server.url("/"));
        pressNewNote(alicePage);
        note(alicePage).pressSequentially("locked down", new Locator.PressSequentiallyOptions().setDelay(5));
        assertThat(status(alicePage)).hasText(NotePage.SAVED);

        BrowserContext bob = browser.newContext();
        bob.addInitScript(EVAL_PROBE);
        Page bobPage = openLink(bob, alicePage.url());
        assertThat(note(bobPage)).hasValue("locked down");

        for (Page page : List.of(alicePage, bobPage)) {
            Map<?, ?> probe = probe(page);
            assertEquals("EvalError", probe.get("evalResult"), "eval is refused");
            assertEquals("EvalError", probe.get("functionResult"), "new Function is refused");
            // Exactly the probe's two attempts: the app itself, TeaVM's runtime included, evaluated no string.
            assertEquals(List.of("script-src eval", "script-src eval"), probe.get("violations"));
        }
        alice.close();
        bob.close();
    }

    /** The control for the test above: the same probe does see eval allowed when the CSP allows it. */
    @Test
    void evalProbe_seesEvalAllowed_whenTheCspAllowsIt() {
        BrowserContext context = browser.newContext();
        context.addInitScript(EVAL_PROBE);
        Page page = context.newPage();
        page.route(server.url("/"), route -> {
            APIResponse response = route.fetch();
            Map<String, String> headers = new HashMap<>(response.headers());
            headers.put("content-security-policy", headers.get("content-security-policy")
                    .replace("'wasm-unsafe-eval'", "'wasm-unsafe-eval' 'unsafe-eval'"));
            route.fulfill(new Route.FulfillOptions().setResponse(response).setHeaders(headers));
        });
        page.navigate(server.url("/"));
        newNoteButton(page).waitFor();

        Map<?, ?> probe = probe(page);
        assertEquals("allowed", probe.get("evalResult"));
        assertEquals("allowed", probe.get("functionResult"));
        context.close();
    }

    @Test
    void wasmWithOneByteChanged_isRefused_withAVisibleMessage() {
        BrowserContext context = browser.newContext();
        Page page = context.newPage();
        page.route("**/app/vellum.*.wasm", route -> {
            byte[] wasm = route.fetch().body();
            wasm[wasm.length / 2] ^= 0x01;
            route.fulfill(new Route.FulfillOptions().setStatus(200).setContentType("application/wasm")
                    .setBodyBytes(wasm));
        });
        page.navigate(server.url("/"));

        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions()
                .setName("Vellum's code did not arrive intact"))).isVisible();
        assertThat(newNoteButton(page)).isHidden();
        context.close();
    }

    @Test
    void runtimeScriptChanged_isRefusedByItsIntegrity_withAVisibleMessage() {
        BrowserContext context = browser.newContext();
        Page page = context.newPage();
        List<String> console = new java.util.concurrent.CopyOnWriteArrayList<>();
        page.onConsoleMessage(message -> console.add(message.text()));
        page.route("**/app/classes.wasm-runtime.*.js", route -> {
            String script = new String(route.fetch().body(), StandardCharsets.UTF_8);
            route.fulfill(new Route.FulfillOptions().setStatus(200).setContentType("text/javascript")
                    .setBody(script + "\n// one more line\n"));
        });
        page.navigate(server.url("/"));

        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions()
                .setName("Vellum's code did not arrive intact"))).isVisible();
        assertThat(newNoteButton(page)).isHidden();
        assertTrue(console.stream().anyMatch(line -> line.contains("integrity")),
                "Chromium reports the integrity mismatch: " + console);
        context.close();
    }

    @Test
    void servedIndexHtml_hasTheBuildHashTheServerPrints_andEveryHashFilledIn() throws Exception {
        BrowserContext context = browser.newContext();
        byte[] index = context.request().get(server.url("/")).body();

        assertEquals(AppBuild.indexSha256(), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(index)));
        String html = new String(index, StandardCharsets.UTF_8);
        Map<String, String> pinned = new HashMap<>();
        Matcher m = PINNED.matcher(html);
        while (m.find()) {
            pinned.put(m.group(1), m.group(2));
        }
        // Each under its content-named path (PackWebroot), each pinned by the SHA-384 of what that path serves.
        for (String logical : List.of("/vellum.css", "/app/jsbodies.js", "/app/classes.wasm-runtime.js", "/boot.js")) {
            String stem = logical.substring(0, logical.lastIndexOf('.'));
            String path = pinned.keySet().stream()
                    .filter(p -> p.matches(Pattern.quote(stem) + "\\.[0-9a-f]{16}\\..*"))
                    .findFirst().orElseThrow(() -> new AssertionError(logical + " is not pinned: " + pinned));
            byte[] served = context.request().get(server.url(path)).body();
            assertEquals("sha384-" + Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-384").digest(served)), pinned.get(path), path);
        }
        String bootPath = pinned.keySet().stream().filter(p -> p.startsWith("/boot.")).findFirst().orElseThrow();
        String boot = context.request().get(server.url(bootPath)).text();
        Matcher wasmUrl = Pattern.compile("WASM_URL = '(/app/vellum\\.[0-9a-f]{16}\\.wasm)'").matcher(boot);
        assertTrue(wasmUrl.find(), "boot.js names the wasm by its content: " + boot);
        byte[] wasm = context.request().get(server.url(wasmUrl.group(1))).body();
        assertTrue(boot.contains("'" + Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-384").digest(wasm)) + "'"), "boot.js holds the wasm's SHA-384");
        context.close();
    }

    private static Locator newNoteButton(Page page) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New note"));
    }

    private static Map<?, ?> probe(Page page) {
        // Reads a value the page recorded; evaluates nothing in the page's name.
        return (Map<?, ?>) page.evaluate("() => window.vellumProbe");
    }
}
