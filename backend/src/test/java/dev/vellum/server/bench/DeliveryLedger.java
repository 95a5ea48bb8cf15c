package dev.vellum.server.bench;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every item sent in one step of the load, keyed by its last eight bytes (the end of its author signature, unique
 * per item): when it was sent, whether the server acknowledged it, and how many of the note's other clients have
 * received it. The latency of an item is from its send to its delivery to the last of those peers.
 */
final class DeliveryLedger {
    private final Map<Long, Sent> items = new ConcurrentHashMap<>();
    private final AtomicLong deliveries = new AtomicLong();
    /** Bytes on the wire of every delivery: the frame and its WebSocket header. */
    private final AtomicLong deliveredBytes = new AtomicLong();
    private final AtomicLong acks = new AtomicLong();
    private final AtomicLong refusals = new AtomicLong();
    private final AtomicLong retryAfters = new AtomicLong();
    private final Map<String, AtomicInteger> refusalCodes = new ConcurrentHashMap<>();
    private long[] latencies = new long[1024];
    private int latencyCount;
    /** As {@link #latencies}, but from the item's first send, before any retry-after it was given. */
    private long[] fromFirstTry = new long[1024];
    private int fromFirstTryCount;

    private static final class Sent {
        final long firstSentNanos;
        /** The send the server took: the last one, after any retry-afters. */
        volatile long sentNanos;
        final int peers;
        final AtomicInteger delivered = new AtomicInteger();
        volatile boolean acked;

        Sent(long sentNanos, int peers) {
            this.firstSentNanos = sentNanos;
            this.sentNanos = sentNanos;
            this.peers = peers;
        }
    }

    /** The key an item is known by: the last eight bytes of its encoding, which end every frame carrying it. */
    static long key(byte[] frame, int end) {
        long key = 0;
        for (int i = end - 8; i < end; i++) {
            key = key << 8 | (frame[i] & 0xff);
        }
        return key;
    }

    /** Called just before the item goes out, so that a delivery racing the send finds it. */
    void sending(long key, int peers) {
        items.put(key, new Sent(System.nanoTime(), peers));
    }

    /** The item goes again after a retry-after: its latency counts from this send, and from the first apart. */
    void sendingAgain(long key) {
        Sent sent = items.get(key);
        if (sent != null) {
            sent.sentNanos = System.nanoTime();
        }
    }

    /** The server said "retry after" instead of taking an item. */
    void retryAfter() {
        retryAfters.incrementAndGet();
    }

    long retryAfters() {
        return retryAfters.get();
    }

    void acknowledged(long key) {
        Sent sent = items.get(key);
        if (sent != null) {
            sent.acked = true;
            acks.incrementAndGet();
        }
    }

    void refused(String code) {
        refusals.incrementAndGet();
        refusalCodes.computeIfAbsent(code, c -> new AtomicInteger()).incrementAndGet();
    }

    /**
     * A peer received the item in a frame of {@code frameBytes}; unknown keys (an item of an earlier step, arriving
     * late) are ignored.
     */
    void delivered(long key, int frameBytes) {
        long now = System.nanoTime();
        deliveries.incrementAndGet();
        // A server frame's header (RFC 6455 5.2, unmasked): 2 bytes, 4 from 126 bytes of payload, 10 from 65,536.
        deliveredBytes.addAndGet(frameBytes + (frameBytes < 126 ? 2 : frameBytes < 65_536 ? 4 : 10));
        Sent sent = items.get(key);
        if (sent != null && sent.delivered.incrementAndGet() == sent.peers) {
            record(now - sent.sentNanos, now - sent.firstSentNanos);
        }
    }

    private synchronized void record(long nanos, long fromFirst) {
        if (latencyCount == latencies.length) {
            latencies = Arrays.copyOf(latencies, latencyCount * 2);
            fromFirstTry = Arrays.copyOf(fromFirstTry, latencyCount * 2);
        }
        fromFirstTry[latencyCount] = fromFirst;
        latencies[latencyCount++] = nanos;
    }

    int sent() {
        return items.size();
    }

    long acks() {
        return acks.get();
    }

    long deliveries() {
        return deliveries.get();
    }

    /** Wire bytes per delivery, WebSocket header included. */
    double bytesPerDelivery() {
        long count = deliveries.get();
        return count == 0 ? Double.NaN : (double) deliveredBytes.get() / count;
    }

    long refusals() {
        return refusals.get();
    }

    Map<String, AtomicInteger> refusalCodes() {
        return refusalCodes;
    }

    /** Acknowledged items that some peer of the note has not received. */
    long lost() {
        return items.values().stream().filter(sent -> sent.acked && sent.delivered.get() < sent.peers).count();
    }

    /** Whether every acknowledged item has reached every peer. */
    boolean settled() {
        return lost() == 0;
    }

    /** The given percentile of the send-to-every-peer latencies, in milliseconds; NaN if there are none. */
    synchronized double percentileMillis(double percent) {
        return percentile(latencies, percent);
    }

    /** As {@link #percentileMillis}, counted from each item's first send, before the retry-afters it was given. */
    synchronized double percentileFromFirstTryMillis(double percent) {
        return percentile(fromFirstTry, percent);
    }

    private double percentile(long[] values, double percent) {
        if (latencyCount == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(values, latencyCount);
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }
}
