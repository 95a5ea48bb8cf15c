package dev.vellum.server.testing;

import com.microsoft.playwright.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * A {@link BrowserTest} class's server and Chromium, held in fields its tests share. The subclass still carries
 * {@code @BrowserTest}, so each class gets its own server and browser from {@link VellumBrowserExtension}; these
 * fields are set before the subclass's own {@code @BeforeAll} and cleared after its {@code @AfterAll}, so a class
 * never sees the (closed) server of the class that ran before it.
 */
public abstract class BrowserTestCase {
    protected static RunningServer server;
    protected static Browser browser;

    @BeforeAll
    protected static void takeServerAndBrowser(RunningServer runningServer, Browser chromium) {
        server = runningServer;
        browser = chromium;
    }

    @AfterAll
    protected static void forgetServerAndBrowser() {
        server = null;
        browser = null;
    }
}
