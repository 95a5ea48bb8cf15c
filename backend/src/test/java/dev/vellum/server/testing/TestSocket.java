package dev.vellum.server.testing;

import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.wire.CompactRevisions;
import dev.vellum.protocol.wire.Frame;
import dev.vellum.protocol.wire.FrameCodec;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrame;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** A raw WebSocket client that speaks the frame protocol, or deliberately does not. */
public final class TestSocket implements AutoCloseable {
    private static final long TIMEOUT_SECONDS = 10;
    private static final int MAX_SERVER_FRAME_BYTES = 16 * 1024 * 1024;

    private final WebSocketClient client;
    private final ClientWebSocket socket;
    private final BlockingQueue<Frame> received = new LinkedBlockingQueue<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final CountDownLatch greeted = new CountDownLatch(1);
    private volatile Frame firstFrame;
    /** Reads every frame, compact revisions too (a connection opened with {@code ?compact=1} gets them). */
    private final CompactRevisions frames = new CompactRevisions();
    private final AtomicLong revisionBytes = new AtomicLong();

    private TestSocket(WebSocketClient client, ClientWebSocket socket) {
        this.client = client;
        this.socket = socket;
        // Handlers go on before connecting: the server's join frame can arrive before connect() returns.
        socket.binaryMessageHandler(buffer -> {
            try {
                Frame frame = frames.decodeFrame(buffer.getBytes());
                if (frame instanceof Frame.Revision) {
                    revisionBytes.addAndGet(buffer.length());
                }
                if (firstFrame == null) {
                    // Kept apart, so tests read the frames that follow as before; hello() checks it.
                    firstFrame = frame;
                    greeted.countDown();
                    if (frame instanceof Frame.ServerHello) {
                        return;
                    }
                }
                received.add(frame);
            } catch (InvalidMessageException e) {
                received.add(new Frame.Error(null, "client could not parse server frame: " + e.getMessage()));
            }
        });
        socket.closeHandler(v -> closed.countDown());
    }

    public static TestSocket connect(Vertx vertx, int port, String noteId) {
        return connect(vertx, port, noteId, Map.of());
    }

    /**
     * Connects with extra upgrade headers, such as {@code Cookie}.
     *
     * @throws io.vertx.core.http.UpgradeRejectedException if the server answers the upgrade with an HTTP status
     */
    public static TestSocket connect(Vertx vertx, int port, String noteId, Map<String, String> headers) {
        // Large enough for the server's biggest frames (a join's History frame holds items of up to a megabyte).
        WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setMaxFrameSize(MAX_SERVER_FRAME_BYTES).setMaxMessageSize(MAX_SERVER_FRAME_BYTES));
        TestSocket testSocket = new TestSocket(client, client.webSocket());
        WebSocketConnectOptions options = new WebSocketConnectOptions().setPort(port).setHost("localhost")
                .setURI("/ws/notes/" + noteId);
        headers.forEach(options::addHeader);
        try {
            testSocket.socket.connect(options).await();
        } catch (RuntimeException e) {
            client.close().await();
            throw e;
        }
        return testSocket;
    }

    public void sendBinary(byte[] bytes) {
        socket.writeBinaryMessage(Buffer.buffer(bytes)).await();
    }

    /**
     * Sends {@code bytes} as one binary message in fragments of {@code fragmentBytes}; stops quietly if the server
     * closes the connection on the way. Returns how many bytes went out.
     */
    public int sendFragmented(byte[] bytes, int fragmentBytes) {
        int sent = 0;
        while (sent < bytes.length) {
            int length = Math.min(fragmentBytes, bytes.length - sent);
            Buffer part = Buffer.buffer().appendBytes(bytes, sent, length);
            boolean last = sent + length == bytes.length;
            WebSocketFrame frame = sent == 0 ? WebSocketFrame.binaryFrame(part, last)
                    : WebSocketFrame.continuationFrame(part, last);
            try {
                socket.writeFrame(frame).await();
            } catch (RuntimeException closed) {
                return sent;
            }
            sent += length;
        }
        return sent;
    }

    public void sendText(String text) {
        socket.writeTextMessage(text).await();
    }

    public void send(Frame frame) {
        sendBinary(FrameCodec.encode(frame));
    }

    /** Bytes of the Revision frames (full or compact) received so far, as the server sent them. */
    public long revisionBytes() {
        return revisionBytes.get();
    }

    /** The server's first frame on this connection, which must be its ServerHello. */
    public Frame.ServerHello hello() throws InterruptedException {
        if (!greeted.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError("no frame from the server within " + TIMEOUT_SECONDS + " s");
        }
        if (!(firstFrame instanceof Frame.ServerHello hello)) {
            throw new AssertionError("the server's first frame is " + firstFrame + ", not its ServerHello");
        }
        return hello;
    }

    /** The next frame from the server; fails the test if none comes in time. */
    public Frame next() throws InterruptedException {
        Frame frame = received.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (frame == null) {
            throw new AssertionError("no frame from the server within " + TIMEOUT_SECONDS + " s");
        }
        return frame;
    }

    /** The next frame from the server, or {@code null} if none comes within {@code millis}. */
    public Frame poll(long millis) throws InterruptedException {
        return received.poll(millis, TimeUnit.MILLISECONDS);
    }

    public <T extends Frame> T next(Class<T> type) throws InterruptedException {
        Frame frame = next();
        if (!type.isInstance(frame)) {
            throw new AssertionError("expected " + type.getSimpleName() + " but got " + frame);
        }
        return type.cast(frame);
    }

    /** Whether the server closed the connection within the timeout. */
    public boolean awaitClosed() throws InterruptedException {
        return closed.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    public Short closeStatusCode() {
        return socket.closeStatusCode();
    }

    public String closeReason() {
        return socket.closeReason();
    }

    public boolean isClosed() {
        return socket.isClosed();
    }

    @Override
    public void close() {
        if (!socket.isClosed()) {
            socket.close().await();
        }
        client.close().await();
    }
}
