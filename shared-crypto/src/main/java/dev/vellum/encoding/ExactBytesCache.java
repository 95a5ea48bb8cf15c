package dev.vellum.encoding;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Values computed from bytes, remembered by those exact bytes (copied), the least recently used going once there are
 * more than {@code capacity}: for work that is a function of the bytes alone, such as decoding a public key or parsing
 * a certificate, done again and again on the same bytes. A computation that throws is never remembered, so the same
 * bytes are refused the same way every time. Thread-safe; it computes outside the lock, so threads wait for each
 * other only on the map (two may compute the same value at once, which changes nothing).
 */
public final class ExactBytesCache<V> {
    /** A computation from bytes that may refuse them. */
    public interface Computation<V, E extends Exception> {
        V compute(byte[] bytes) throws E;
    }

    private final Map<ByteBuffer, V> values;

    public ExactBytesCache(int capacity) {
        this.values = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<ByteBuffer, V> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The value remembered for these bytes, or {@code computation}'s, then remembered unless it threw. */
    public <E extends Exception> V get(byte[] bytes, Computation<V, E> computation) throws E {
        ByteBuffer key = ByteBuffer.wrap(bytes.clone());
        synchronized (values) {
            V known = values.get(key);
            if (known != null) {
                return known;
            }
        }
        V computed = computation.compute(bytes);
        synchronized (values) {
            values.put(key, computed);
        }
        return computed;
    }
}
