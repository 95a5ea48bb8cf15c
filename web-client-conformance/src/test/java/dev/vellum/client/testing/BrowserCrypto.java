package dev.vellum.client.testing;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Route;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The TeaVM WebAssembly GC build of the shared crypto ({@code ConformanceExports}), loaded in headless Chromium and
 * reachable from tests as {@code vellum.*} in page scripts, with {@code hex()} and {@code unhex()} helpers
 * ({@code unhex} passes a {@code {failure: kind}} result through as it is). Files
 * are served from the build folder through Playwright's routing, so no server runs.
 */
public final class BrowserCrypto implements AutoCloseable {
    private static final Path MODULE_DIR = Path.of("target/teavm/conformance");
    /** localhost is a secure context, so WebCrypto is there for the benchmark's baselines. */
    private static final String ORIGIN = "http://localhost:9";

    private final Playwright playwright;
    private final Browser browser;
    private final Page page;

    private BrowserCrypto() {
        playwright = Browsers.startPlaywright();
        browser = Browsers.launchChromium(playwright);
        page = browser.newPage();
        page.route(ORIGIN + "/**", BrowserCrypto::serve);
        page.navigate(ORIGIN + "/index.html");
        page.evaluate("async () => { window.vellum = (await TeaVM.wasmGC.load('/conformance.wasm')).exports;"
                + " window.hex = h => h === null || h === undefined ? null"
                + "   : new Int8Array((h.match(/../g) || []).map(b => parseInt(b, 16)));"
                + " window.unhex = a => a === null || a === undefined ? null : a.failure !== undefined ? a"
                + "   : Array.from(new Uint8Array(a.buffer, a.byteOffset, a.length),"
                + "       b => b.toString(16).padStart(2, '0')).join(''); }");
    }

    public static BrowserCrypto start() {
        return new BrowserCrypto();
    }

    /** Evaluates a page function, such as {@code arg => unhex(vellum.sha256(hex(arg)))}, with one argument. */
    public Object evaluate(String function, Object argument) {
        return page.evaluate(function, argument);
    }

    /** Runs a classic script in the page, as a {@code <script>} element would (the benchmark's libsodium.js). */
    public void addScript(String source) {
        page.addScriptTag(new Page.AddScriptTagOptions().setContent(source));
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }

    private static void serve(Route route) {
        String path = route.request().url().substring(ORIGIN.length());
        if (path.equals("/index.html")) {
            route.fulfill(new Route.FulfillOptions().setContentType("text/html")
                    .setBody("<!DOCTYPE html><script src=\"/classes.wasm-runtime.js\"></script>"));
            return;
        }
        Path file = MODULE_DIR.resolve(path.substring(1)).normalize();
        if (!file.startsWith(MODULE_DIR) || !Files.isRegularFile(file)) {
            route.fulfill(new Route.FulfillOptions().setStatus(404));
            return;
        }
        try {
            route.fulfill(new Route.FulfillOptions()
                    .setContentType(path.endsWith(".wasm") ? "application/wasm" : "text/javascript")
                    .setBodyBytes(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
