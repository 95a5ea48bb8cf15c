package dev.vellum.server.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.List;

/**
 * One client of the load: a WebSocket to one note, with its items signed and chained beforehand, sent as the real
 * client sends (one item on its way at a time, the next once the server acknowledged it) at the pace it is told.
 * A send that falls due while an item is on its way waits for the acknowledgement, so an overloaded server shows as
 * fewer sends per second, not as a queue in the client. Told "retry after N ms", it waits N ms and sends the same
 * item again, as the app does. Runs on its own event-loop context; never blocks.
 */
final class LoadClient {
    /** Frame type bytes (see FrameCodec): the second byte of every frame. */
    private static final int REVISION = 2;
    /** A revision in compact form (see CompactRevisions), which a client asks for with ?compact=1. */
    private static final int COMPACT_REVISION = 13;
    private static final int ACCEPTED = 3;
    private static final int CAUGHT_UP = 4;
    private static final int ERROR = 127;
    /** The error code of a retry-after (see FrameCodec): its frame carries the delay at bytes 4 to 7. */
    private static final int RETRY_AFTER = 26;

    private final Vertx vertx;
    private final Context context;
    private final List<byte[]> publishFrames;
    private final int peers;
    private final boolean compact;
    private ClientWebSocket socket;
    private final Promise<Void> caughtUp = Promise.promise();
    private volatile DeliveryLedger ledger;
    private int next;
    private int owed;
    private long inFlightKey;
    private byte[] inFlightFrame;
    private boolean inFlight;
    private boolean broken;
    private long timer = -1;
    private volatile int acked;
    private volatile boolean closed;

    /**
     * @param publishFrames this client's items as Publish frames, in chain order
     * @param peers the other clients of the note, who must each receive every item
     * @param compact whether to ask for compact revisions, as the app does
     */
    LoadClient(Vertx vertx, List<byte[]> publishFrames, int peers, boolean compact) {
        this.vertx = vertx;
        this.compact = compact;
        this.context = vertx.getOrCreateContext();
        this.publishFrames = publishFrames;
        this.peers = peers;
    }

    /** Connects and completes once the server says the client has caught up with the note. */
    Future<Void> connect(WebSocketClient client, int port, String noteId, long since) {
        context.runOnContext(v -> {
            socket = client.webSocket();
            socket.binaryMessageHandler(this::onFrame);
            socket.closeHandler(closed -> {
                this.closed = true;
                if (FIRST_CLOSE.compareAndSet(null, socket.closeStatusCode() + " " + socket.closeReason())) {
                    System.out.println("  first close by the server: " + FIRST_CLOSE.get());
                }
                caughtUp.tryFail("closed by the server: " + socket.closeStatusCode() + " " + socket.closeReason());
            });
            socket.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
                    .setURI("/ws/notes/" + noteId + "?since=" + since
                    + (compact ? "&compact=1" : ""))).onFailure(caughtUp::tryFail);
        });
        return caughtUp.future();
    }

    /** Where this client counts what it sends and receives from now on; set on every client before any paces. */
    void countInto(DeliveryLedger ledger) {
        this.ledger = ledger;
    }

    /** Sends at {@code perSecond} from now on until {@link #stop}. */
    void pace(double perSecond, long initialDelayMillis) {
        long period = Math.max(1, Math.round(1000 / perSecond));
        context.runOnContext(v -> timer = vertx.setPeriodic(Math.max(1, initialDelayMillis), period, id -> {
            owed++;
            sendIfFree();
        }));
    }

    void stop() {
        context.runOnContext(v -> {
            if (timer >= 0) {
                vertx.cancelTimer(timer);
                timer = -1;
            }
            owed = 0;
        });
    }

    /** Items the server has acknowledged as stored. */
    int acked() {
        return acked;
    }

    /** Whether the server closed the connection (it closes a client that reads too slowly, for one). */
    boolean closed() {
        return closed;
    }

    /** Items this client has left to send. */
    int remaining() {
        return publishFrames.size() - next;
    }

    private void sendIfFree() {
        if (inFlight || owed == 0 || broken || next == publishFrames.size()) {
            return;
        }
        owed--;
        byte[] frame = publishFrames.get(next++);
        inFlightKey = DeliveryLedger.key(frame, frame.length);
        inFlightFrame = frame;
        inFlight = true;
        ledger.sending(inFlightKey, peers);
        socket.writeBinaryMessage(Buffer.buffer(frame));
    }

    /** Reads the frame where it lies, without copying it: 45,000 deliveries a second share the cores with the server. */
    private void onFrame(Buffer message) {
        switch (message.getUnsignedByte(1)) {
            // Both forms end with the item's write signature, whose last 8 bytes key the ledger.
            case REVISION, COMPACT_REVISION -> ledger().delivered(message.getLong(message.length() - 8),
                    message.length());
            case ACCEPTED -> {
                ledger.acknowledged(inFlightKey);
                acked++;
                inFlight = false;
                sendIfFree();
            }
            case CAUGHT_UP -> caughtUp.tryComplete();
            case ERROR -> onError(message);
            default -> {
            }
        }
    }

    private void onError(Buffer frame) {
        int code = frame.getUnsignedByte(2);
        if (code == RETRY_AFTER && inFlight) {
            // Not taken, not stored: the same item goes again after the wait, on the same connection.
            int delay = frame.getInt(4);
            ledger().retryAfter();
            byte[] again = inFlightFrame;
            vertx.setTimer(Math.max(1, delay), id -> {
                ledger().sendingAgain(inFlightKey);
                socket.writeBinaryMessage(Buffer.buffer(again));
            });
            return;
        }
        // A refused item breaks this client's chain: the items signed after it cannot be stored.
        ledger().refused(Integer.toString(code));
        if (inFlight) {
            broken = true;
        }
    }

    private DeliveryLedger ledger() {
        DeliveryLedger current = ledger;
        return current != null ? current : IGNORED;
    }

    /** Where frames go before the first step: the join's, not counted. */
    private static final DeliveryLedger IGNORED = new DeliveryLedger();
    private static final java.util.concurrent.atomic.AtomicReference<String> FIRST_CLOSE =
            new java.util.concurrent.atomic.AtomicReference<>();
}
