package dev.vellum.client;

import dev.vellum.client.jso.BrowserRandomSource;
import dev.vellum.client.ui.App;

/** Entry point of the browser app, called by boot.js once the WebAssembly module has loaded. */
public final class VellumClient {
    private VellumClient() {
    }

    public static void main(String[] args) {
        dev.vellum.client.jso.BrowserPage.mark("main-start");
        new App(BrowserRandomSource.create()).start();
    }
}
