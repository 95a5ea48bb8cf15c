package dev.vellum.server.ws;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.util.ArrayDeque;

/**
 * What waits to be written to one client, in order, bounded twice: by this connection's backlog and by the budget
 * all connections share ({@link OutboxBudget}). Frames go to the socket as fast as it takes them, at most
 * {@link #WRITE_WINDOW_BYTES} unwritten at a time, and the rest waits here, where the budget counts it. A client
 * that falls too far behind is not buffered for: {@link #offer} says so and the session closes it.
 */
final class SocketOutbox {
    /** How much may wait for one slow client before it is disconnected. */
    static final long MAX_BACKLOG_BYTES = 32L * 1024 * 1024;
    /**
     * How much may be handed to the socket and not yet written before the rest waits here. Vert.x takes whole frames
     * without saying its queue is full until later, so a join's history once went into its buffers at once.
     */
    static final long WRITE_WINDOW_BYTES = 1024 * 1024;
    /** A reader with this much handed to its socket and not yet written is behind (see {@link #isBehind}). */
    static final long BEHIND_BYTES = 64 * 1024;

    private final ServerWebSocket socket;
    private final OutboxBudget budget;
    /**
     * Frames not yet handed to the socket; made when the first one has to wait, since most connections are idle and
     * most frames go straight to the socket (an empty deque is about a hundred bytes per connection).
     */
    private ArrayDeque<Buffer> waiting;
    private long waitingBytes;
    private long inFlightBytes;
    private boolean waitingForDrain;
    private boolean closed;
    /** What goes on once everything queued has been written: the join's next page. */
    private Runnable onWrittenOut;

    SocketOutbox(ServerWebSocket socket, OutboxBudget budget) {
        this.socket = socket;
        this.budget = budget;
    }

    /**
     * Queues a frame and writes what the socket takes. Returns false, queuing nothing, if the client has stopped
     * reading: its backlog would pass {@link #MAX_BACKLOG_BYTES}, or the frame does not fit in the shared budget.
     */
    boolean offer(Buffer frame) {
        if (closed) {
            return true; // the connection is going: nothing more to write, and nothing to complain of
        }
        long backlog = waitingBytes + inFlightBytes + frame.length();
        if (backlog > MAX_BACKLOG_BYTES || !budget.tryReserve(frame.length())) {
            return false;
        }
        if (waiting == null) {
            waiting = new ArrayDeque<>(4);
        }
        waiting.add(frame);
        waitingBytes += frame.length();
        pump();
        return true;
    }

    /**
     * Whether this reader is behind: frames waiting here, {@link #BEHIND_BYTES} handed to the socket and not yet
     * written, or the socket's queue full. What is worth nothing late (presence) is dropped for it, not queued.
     */
    boolean isBehind() {
        return hasWaiting() || inFlightBytes >= BEHIND_BYTES || socket.writeQueueFull();
    }

    /** Runs {@code next} once nothing waits and every write has completed (now, if that is already so). */
    void whenWrittenOut(Runnable next) {
        onWrittenOut = next;
        runIfWrittenOut();
    }

    /** Forgets every waiting frame, gives its bytes back to the shared budget, and takes no more. */
    void close() {
        closed = true;
        budget.release(waitingBytes);
        waitingBytes = 0;
        waiting = null;
        onWrittenOut = null;
    }

    private void pump() {
        while (hasWaiting()) {
            if (closed || socket.isClosed()) {
                close();
                return;
            }
            if (inFlightBytes >= WRITE_WINDOW_BYTES) {
                return; // goes on when a write completes
            }
            if (socket.writeQueueFull()) {
                if (!waitingForDrain) {
                    waitingForDrain = true;
                    socket.drainHandler(drained -> {
                        waitingForDrain = false;
                        pump();
                    });
                }
                return;
            }
            Buffer next = waiting.poll();
            int length = next.length();
            waitingBytes -= length;
            inFlightBytes += length;
            socket.writeBinaryMessage(next).onComplete(written -> {
                inFlightBytes -= length;
                budget.release(length);
                pump();
            });
        }
        waiting = null; // emptied: an idle connection holds no deque
        runIfWrittenOut();
    }

    private boolean hasWaiting() {
        return waiting != null && !waiting.isEmpty();
    }

    private void runIfWrittenOut() {
        if (onWrittenOut != null && !hasWaiting() && inFlightBytes == 0 && !closed && !socket.isClosed()) {
            Runnable next = onWrittenOut;
            onWrittenOut = null;
            next.run();
        }
    }
}
