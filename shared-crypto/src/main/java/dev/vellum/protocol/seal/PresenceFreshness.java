package dev.vellum.protocol.seal;

import dev.vellum.crypto.sign.Ed25519PublicKey;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A reader's memory of presence already seen, so that a captured message replayed later is not shown as live. A
 * message is stale, and dropped, if its author has already sent one with the same or a higher counter, or if its send
 * time is more than the presence timeout plus an allowance for clocks that differ before the reader's own clock, or
 * more than the allowance after it. The reader's clock, not the newest send time seen, is the reference: a recording
 * replayed to a reader who is alone is dropped once it is old, and one message dated far ahead cannot make everyone
 * else's look old. Without the allowance, two honest people whose clocks differ would hide each other's carets. So a
 * replay can show a departed person for at most {@code timeout + allowance} after their last message was sent, plus
 * one timeout on screen. Counters are kept for at most {@value #MAX_AUTHORS} authors, least recently heard forgotten
 * first: a forgotten author's recent message could then be shown again, within the same bound. Not thread-safe.
 */
public final class PresenceFreshness {
    static final int MAX_AUTHORS = 256;

    /** How far apart honest people's clocks may be before one's presence looks old (or early) to the other. */
    public static final long CLOCK_SKEW_ALLOWANCE_MILLIS = 60_000;

    private final long maxAgeMillis;
    private final Map<Ed25519PublicKey, Long> lastCounter = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Ed25519PublicKey, Long> eldest) {
            return size() > MAX_AUTHORS;
        }
    };

    /**
     * @param timeoutMillis how long a person is shown after their last message; a message sent more than this and
     *                      {@link #CLOCK_SKEW_ALLOWANCE_MILLIS} before the reader's clock is stale
     */
    public PresenceFreshness(long timeoutMillis) {
        this.maxAgeMillis = timeoutMillis + CLOCK_SKEW_ALLOWANCE_MILLIS;
    }

    /**
     * True, and remembered, if the message is fresh; false if it is a replay, too old or too far ahead.
     *
     * @param nowMillis the reader's clock, on the same scale as the senders' send times (milliseconds since the epoch)
     */
    public boolean accept(OpenedPresence presence, long nowMillis) {
        long sentAt = presence.sentAtMillis();
        // The bounds are computed from the reader's own clock, never from the sender's value: no overflow.
        boolean tooOld = sentAt < nowMillis - maxAgeMillis;
        boolean tooEarly = sentAt > nowMillis + CLOCK_SKEW_ALLOWANCE_MILLIS;
        Long last = lastCounter.get(presence.author());
        boolean replayed = last != null && presence.counter() <= last;
        if (replayed || tooOld || tooEarly) {
            return false;
        }
        lastCounter.put(presence.author(), presence.counter());
        return true;
    }
}
