package dev.vellum.server.testing;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.vellum.client.testing.Browsers;
import dev.vellum.server.config.ServerConfig;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * The real server and headless Chromium, started together and closed together: what every end-to-end test (through
 * {@link VellumBrowserExtension}) and every browser benchmark (directly) runs against. Every page opened in this
 * browser has its console and its uncaught errors forwarded to the test log, so a failure inside the page is
 * visible in CI output.
 */
public final class ServerAndBrowser implements AutoCloseable {
    private final RunningServer server;
    private final Playwright playwright;
    private final Browser browser;

    private ServerAndBrowser(RunningServer server, Playwright playwright, Browser browser) {
        this.server = server;
        this.playwright = playwright;
        this.browser = browser;
    }

    public static ServerAndBrowser start(ServerConfig config) {
        RunningServer server = RunningServer.start(config);
        try {
            Playwright playwright = Browsers.startPlaywright();
            return new ServerAndBrowser(server, playwright,
                    forwardingConsole(Browsers.launchChromium(playwright)));
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    public RunningServer server() {
        return server;
    }

    /** Chromium; each {@code newContext()} is a separate person (own storage, IndexedDB, cookies). */
    public Browser browser() {
        return browser;
    }

    @Override
    public void close() {
        try {
            browser.close();
            playwright.close();
        } finally {
            server.close();
        }
    }

    /**
     * The browser as it is, except that every context it makes forwards its pages' console, and so does every page
     * it opens itself. A proxy rather than a subclass: Playwright's {@link Browser} is an interface that grows with
     * each release, and only the two factory methods need to differ.
     */
    private static Browser forwardingConsole(Browser browser) {
        return (Browser) Proxy.newProxyInstance(Browser.class.getClassLoader(), new Class<?>[] {Browser.class},
                (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(browser, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (result instanceof BrowserContext context) {
                        context.onPage(ServerAndBrowser::forwardConsole);
                    } else if (result instanceof Page page) {
                        forwardConsole(page);
                    }
                    return result;
                });
    }

    private static void forwardConsole(Page page) {
        page.onConsoleMessage(message -> System.out.println("[browser " + message.type() + "] " + message.text()));
        page.onPageError(error -> System.out.println("[browser page error] " + error));
    }
}
