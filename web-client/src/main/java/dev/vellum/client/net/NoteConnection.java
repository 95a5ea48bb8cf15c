package dev.vellum.client.net;

import dev.vellum.client.jso.BrowserWebSocket;
import dev.vellum.client.jso.SessionProbe;
import dev.vellum.client.sync.FrameSender;
import dev.vellum.client.sync.NoteSync;
import java.util.function.Supplier;
import org.teavm.jso.browser.Window;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * The WebSocket to a note's relay room, reopened with growing back-off whenever it drops, so a person who goes
 * offline keeps typing and is synced when the network returns. It only carries frames: what to send and when is
 * {@link NoteSync}'s. For a logged-in person it also tells an ended session from a dropped connection: the server
 * closes a revoked device's sockets with code {@value #SESSION_ENDED}, and refuses the upgrade of a logged-out or
 * revoked session with 401, which the page cannot see, so after an upgrade that failed it asks the session API. An
 * ended session is never retried: no reconnection could mend it.
 */
public final class NoteConnection {
    /** The close code the server ends a revoked device's or a deleted account's sockets with. */
    public static final int SESSION_ENDED = 4401;
    /** The close code the server ends a removed member's sockets on a workspace's notes with. */
    public static final int REMOVED = 4403;
    private static final int FIRST_RETRY_MILLIS = 500;
    private static final int MAX_RETRY_MILLIS = 10_000;

    /** Asked at every (re)connection: the URL names what the client already has. */
    private final Supplier<String> url;
    private final NoteSync sync;
    /** This page writes as a logged-in person, whose session can end under it. */
    private final boolean signedIn;
    private int retryMillis = FIRST_RETRY_MILLIS;
    private BrowserWebSocket socket;
    private boolean stopped;
    private Runnable onRemoved = () -> { };

    public NoteConnection(Supplier<String> url, NoteSync sync, boolean signedIn) {
        this.url = url;
        this.sync = sync;
        this.signedIn = signedIn;
    }

    /** What to do when the server says this person was removed from the note's workspace (never retried). */
    public void onRemoved(Runnable removed) {
        this.onRemoved = removed;
    }

    public void connect() {
        if (stopped) {
            return;
        }
        BrowserWebSocket socket = new BrowserWebSocket(url.get());
        this.socket = socket;
        boolean[] opened = {false};
        socket.setBinaryType("arraybuffer");
        socket.setOnOpen(event -> {
            opened[0] = true;
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

                @Override
                public void close() {
                    stop();
                }
            });
        });
        socket.setOnMessage(event -> sync.onFrame(new Int8Array(event.getDataAsArray()).copyToJavaArray()));
        socket.setOnClose(event -> {
            if (stopped) {
                return; // closed on purpose: nothing to reconnect, nothing to tell
            }
            if (event.getCode() == SESSION_ENDED) {
                endSession();
                return;
            }
            if (event.getCode() == REMOVED) {
                stopped = true; // no reconnection could mend it: the server refuses them from now on
                onRemoved.run();
                return;
            }
            sync.onDisconnected();
            if (signedIn && !opened[0]) {
                SessionProbe.check(status -> {
                    if (status == SessionProbe.NOT_SIGNED_IN) {
                        endSession();
                    } else {
                        retryLater(); // offline, or the server is down: the session may well stand
                    }
                });
            } else {
                retryLater();
            }
        });
    }

    /** Closes the connection for good: this tab no longer edits the note. */
    public void stop() {
        stopped = true;
        if (socket != null) {
            socket.close();
        }
    }

    private void endSession() {
        if (stopped) {
            return;
        }
        stopped = true;
        sync.onSessionEnded();
    }

    private void retryLater() {
        if (stopped) {
            return;
        }
        Window.setTimeout(this::connect, retryMillis);
        retryMillis = Math.min(retryMillis * 2, MAX_RETRY_MILLIS);
    }

    private static void send(BrowserWebSocket socket, byte[] frame) {
        if (socket.getReadyState() == BrowserWebSocket.OPEN) {
            socket.send(Int8Array.copyFromJavaArray(frame));
        }
    }
}
