package dev.vellum.client.net;

import dev.vellum.client.jso.BrowserWebSocket;
import dev.vellum.client.sync.FrameSender;
import dev.vellum.client.sync.NoteSync;
import java.util.function.Supplier;
import org.teavm.jso.browser.Window;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * The WebSocket to a note's relay room, reopened with growing back-off whenever it drops, so a person who goes
 * offline keeps typing and is synced when the network returns. It only carries frames: what to send and when is
 * {@link NoteSync}'s.
 */
public final class NoteConnection {
    private static final int FIRST_RETRY_MILLIS = 500;
    private static final int MAX_RETRY_MILLIS = 10_000;

    /** Asked at every (re)connection: the URL names what the client already has. */
    private final Supplier<String> url;
    private final NoteSync sync;
    private int retryMillis = FIRST_RETRY_MILLIS;
    private BrowserWebSocket socket;
    private boolean stopped;

    public NoteConnection(Supplier<String> url, NoteSync sync) {
        this.url = url;
        this.sync = sync;
    }

    public void connect() {
        if (stopped) {
            return;
        }
        BrowserWebSocket socket = new BrowserWebSocket(url.get());
        this.socket = socket;
        socket.setBinaryType("arraybuffer");
        socket.setOnOpen(event -> {
            retryMillis = FIRST_RETRY_MILLIS;
            sync.onConnected(new FrameSender() {
                @Override
                public void send(byte[] frame) {
                    NoteConnection.send(socket, frame);
                }

                @Override
                public void reconnect() {
                    socket.close(); // its close event reconnects, asking for the history from sync.since()
                }
            });
        });
        socket.setOnMessage(event -> sync.onFrame(new Int8Array(event.getDataAsArray()).copyToJavaArray()));
        socket.setOnClose(event -> {
            if (stopped) {
                return; // closed on purpose: nothing to reconnect, nothing to tell
            }
            sync.onDisconnected();
            Window.setTimeout(this::connect, retryMillis);
            retryMillis = Math.min(retryMillis * 2, MAX_RETRY_MILLIS);
        });
    }

    /** Closes the connection for good: this tab no longer edits the note. */
    public void stop() {
        stopped = true;
        if (socket != null) {
            socket.close();
        }
    }

    private static void send(BrowserWebSocket socket, byte[] frame) {
        if (socket.getReadyState() == BrowserWebSocket.OPEN) {
            socket.send(Int8Array.copyFromJavaArray(frame));
        }
    }
}
