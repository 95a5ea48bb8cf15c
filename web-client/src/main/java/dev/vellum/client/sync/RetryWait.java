package dev.vellum.client.sync;

import dev.vellum.protocol.item.NoteItem;

/**
 * The wait an overloaded server asked for ({@link dev.vellum.protocol.wire.Frame.RetryAfter}) before this tab sends
 * its refused item again. The server kept nothing of it, so the same item goes again, then what was typed meanwhile,
 * in order and on the same connection: nothing is dropped, sent twice, or sealed out of its author's chain. The wait
 * is what the server asked, never more than {@link #MAX_WAIT_MILLIS} (a hostile or broken server cannot stall the
 * tab for long), and it is cancelled when the connection goes (what was refused is then sent again after the history,
 * like anything unanswered). It is no error: the person sees "Saving…", and only when one item has waited
 * {@link #BUSY_NOTICE_MILLIS} a calm "server busy, retrying".
 */
final class RetryWait {
    static final long MAX_WAIT_MILLIS = 30_000;
    static final long BUSY_NOTICE_MILLIS = 3_000;

    private final SyncClock clock;
    private final Runnable resend;
    private SyncClock.Cancellable pending;
    /** The item last refused, and when it was first refused. */
    private NoteItem refused;
    private long refusedSinceMillis;

    RetryWait(SyncClock clock, Runnable resend) {
        this.clock = clock;
        this.resend = resend;
    }

    /** Waits as asked (at least 1 ms, at most {@link #MAX_WAIT_MILLIS}), then resends; replaces any earlier wait. */
    void start(NoteItem item, long askedMillis) {
        cancel();
        if (item != refused) {
            refused = item;
            refusedSinceMillis = clock.nowMillis();
        }
        long wait = Math.max(1, Math.min(MAX_WAIT_MILLIS, askedMillis));
        pending = clock.schedule(wait, () -> {
            pending = null;
            resend.run();
        });
    }

    /** Whether the item waiting has been refused for {@link #BUSY_NOTICE_MILLIS} or more. */
    boolean lasting() {
        return refused != null && clock.nowMillis() - refusedSinceMillis >= BUSY_NOTICE_MILLIS;
    }

    boolean waiting() {
        return pending != null;
    }

    void cancel() {
        if (pending != null) {
            pending.cancel();
            pending = null;
        }
    }
}
