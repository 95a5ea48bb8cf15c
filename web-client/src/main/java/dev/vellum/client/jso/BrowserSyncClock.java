package dev.vellum.client.jso;

import dev.vellum.client.sync.SyncClock;
import org.teavm.jso.JSBody;
import org.teavm.jso.browser.Window;

/** The browser's clock and timers for the sync engine: {@code Date.now()} and {@code setTimeout}. */
public final class BrowserSyncClock implements SyncClock {
    @Override
    public long nowMillis() {
        return (long) dateNow();
    }

    @Override
    public Cancellable schedule(long delayMillis, Runnable task) {
        int id = Window.setTimeout(task::run, Math.max(0, delayMillis));
        return () -> Window.clearTimeout(id);
    }

    @JSBody(script = "return Date.now();")
    private static native double dateNow();
}
