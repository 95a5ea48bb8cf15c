package dev.vellum.encoding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExactBytesCacheTest {
    private final List<String> computed = new ArrayList<>();

    private String compute(byte[] bytes) throws IllegalArgumentException {
        if (bytes.length == 0) {
            computed.add("refused");
            throw new IllegalArgumentException("empty");
        }
        String value = new String(bytes, java.nio.charset.StandardCharsets.US_ASCII);
        computed.add(value);
        return value;
    }

    @Test
    void theSameBytes_areComputedOnce() {
        ExactBytesCache<String> cache = new ExactBytesCache<>(4);

        String first = cache.get(new byte[] {'a'}, this::compute);

        assertSame(first, cache.get(new byte[] {'a'}, this::compute));
        assertEquals(List.of("a"), computed);
    }

    @Test
    void aComputationThatThrows_isNotRemembered() {
        ExactBytesCache<String> cache = new ExactBytesCache<>(4);

        assertThrows(IllegalArgumentException.class, () -> cache.get(new byte[0], this::compute));
        assertThrows(IllegalArgumentException.class, () -> cache.get(new byte[0], this::compute));
        assertEquals(List.of("refused", "refused"), computed);
    }

    @Test
    void changingTheCallersArrayAfterwards_changesNothingRemembered() {
        ExactBytesCache<String> cache = new ExactBytesCache<>(4);
        byte[] bytes = {'a'};
        cache.get(bytes, this::compute);
        bytes[0] = 'b';

        assertEquals("b", cache.get(bytes, this::compute));
        assertEquals("a", cache.get(new byte[] {'a'}, this::compute));
        assertEquals(List.of("a", "b"), computed);
    }

    @Test
    void beyondItsCapacity_theLeastRecentlyUsedIsForgotten() {
        ExactBytesCache<String> cache = new ExactBytesCache<>(2);
        cache.get(new byte[] {'a'}, this::compute);
        cache.get(new byte[] {'b'}, this::compute);
        cache.get(new byte[] {'a'}, this::compute); // used again: b is now the least recently used
        cache.get(new byte[] {'c'}, this::compute);

        cache.get(new byte[] {'a'}, this::compute);
        cache.get(new byte[] {'b'}, this::compute);

        assertEquals(List.of("a", "b", "c", "b"), computed);
    }
}
