package dev.vellum.protocol.seal;

import dev.vellum.crypto.sign.Ed25519PublicKey;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A reader's memory of presence already seen, so that a captured message replayed later is not shown as live. A
 * message is stale, and dropped, if its author has already sent one with the same or a higher counter, or if it was
 * sent more than the presence timeout, plus an allowance for clocks that differ, before the newest message seen from
 * anyone (a departed person's message, replayed while others are present). The times are the senders' clocks: without
 * the allowance, two honest people whose clocks differ by more than the timeout would hide each other's carets. Counters are kept for at most {@value #MAX_AUTHORS} authors, least recently
 * heard forgotten first: a forgotten author's old message could then be shown again, for one timeout at most.
 * Not thread-safe.
 */
public final class PresenceFreshness {
    static final int MAX_AUTHORS = 256;

    /** How far apart honest people's clocks may be before one's presence looks old to the other. */
    public static final long CLOCK_SKEW_ALLOWANCE_MILLIS = 60_000;

    private final long maxAgeMillis;
    private final Map<Ed25519PublicKey, Long> lastCounter = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Ed25519PublicKey, Long> eldest) {
            return size() > MAX_AUTHORS;
        }
    };
    private long newestSentAt = Long.MIN_VALUE;
    private long dropped;

    /**
     * @param timeoutMillis how long a person is shown after their last message; a message sent more than this and
     *                      {@link #CLOCK_SKEW_ALLOWANCE_MILLIS} before the newest seen is stale
     */
    public PresenceFreshness(long timeoutMillis) {
        this.maxAgeMillis = timeoutMillis + CLOCK_SKEW_ALLOWANCE_MILLIS;
    }

    /** True, and remembered, if the message is fresh; false (and counted) if it is a replay or too old. */
    public boolean accept(OpenedPresence presence) {
        Long last = lastCounter.get(presence.author());
        boolean replayed = last != null && presence.counter() <= last;
        boolean tooOld = newestSentAt != Long.MIN_VALUE && presence.sentAtMillis() < newestSentAt - maxAgeMillis;
        if (replayed || tooOld) {
            dropped++;
            return false;
        }
        lastCounter.put(presence.author(), presence.counter());
        newestSentAt = Math.max(newestSentAt, presence.sentAtMillis());
        return true;
    }

    /** How many messages were dropped as stale: counted rather than warned about, since a flood costs nothing. */
    public long dropped() {
        return dropped;
    }
}
