package dev.vellum.server.testing;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.WebSocketRoute;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * Takes one person's browser off the network and back, as a dropped connection would. {@code setOffline} alone is
 * not enough: Chromium's offline emulation fails new requests but leaves open WebSockets (and new ones) running
 * (microsoft/playwright#4910), so every note socket of the context goes through a route that this switch closes and
 * refuses while offline.
 */
public final class OfflineSwitch {
    private static final Pattern NOTE_SOCKETS = Pattern.compile(".*/ws/notes/.*");

    private final BrowserContext context;
    private final AtomicBoolean offline = new AtomicBoolean();
    private final List<WebSocketRoute> open = new CopyOnWriteArrayList<>();

    private OfflineSwitch(BrowserContext context) {
        this.context = context;
    }

    /** Routes the context's note sockets through a switch; call before its pages open a note. */
    public static OfflineSwitch install(BrowserContext context) {
        OfflineSwitch networkSwitch = new OfflineSwitch(context);
        context.routeWebSocket(NOTE_SOCKETS, socket -> {
            if (networkSwitch.offline.get()) {
                socket.close();
                return;
            }
            socket.connectToServer();
            networkSwitch.open.add(socket);
        });
        return networkSwitch;
    }

    /** Requests fail, open note sockets close and new ones are refused. */
    public void goOffline() {
        offline.set(true);
        context.setOffline(true);
        for (WebSocketRoute socket : open) {
            socket.close();
        }
        open.clear();
    }

    /** The page's next attempt to reconnect gets through. */
    public void goOnline() {
        context.setOffline(false);
        offline.set(false);
    }
}
