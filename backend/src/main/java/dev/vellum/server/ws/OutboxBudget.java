package dev.vellum.server.ws;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One memory budget shared by every connection's outbox: frames wait there only while a client reads more slowly
 * than the server sends. Each connection was held to 32 MiB but nothing bounded them together, so a few hundred
 * clients that never read, joined to one large note, ran the server out of memory. A connection whose next frame
 * does not fit is closed instead (it reconnects and asks for what it lacks).
 */
public final class OutboxBudget {
    private final long limitBytes;
    private final AtomicLong used = new AtomicLong();

    public OutboxBudget(long limitBytes) {
        if (limitBytes < 1) {
            throw new IllegalArgumentException("outbox budget must be positive, got " + limitBytes);
        }
        this.limitBytes = limitBytes;
    }

    /** Takes {@code bytes} from the budget; false, taking nothing, if that would pass the limit. */
    boolean tryReserve(long bytes) {
        while (true) {
            long now = used.get();
            if (now + bytes > limitBytes) {
                return false;
            }
            if (used.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    void release(long bytes) {
        used.addAndGet(-bytes);
    }
}
