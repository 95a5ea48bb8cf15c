package dev.vellum.client.ui;

import dev.vellum.protocol.id.NoteId;
import org.teavm.jso.browser.Location;
import org.teavm.jso.browser.Window;

/**
 * Where the page opens a note's WebSocket: this page's own host (wss on https), asking for the history after what
 * the page has applied, and for relayed revisions in compact form (docs/protocol.md, "Compact revisions").
 */
final class NoteSocketAddress {
    private NoteSocketAddress() {
    }

    static String of(NoteId noteId, long since) {
        Location location = Window.current().getLocation();
        String scheme = "https:".equals(location.getProtocol()) ? "wss://" : "ws://";
        return scheme + location.getHost() + "/ws/notes/" + noteId + "?since=" + since + "&compact=1";
    }
}
