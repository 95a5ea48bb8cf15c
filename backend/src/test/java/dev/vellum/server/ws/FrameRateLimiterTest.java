package dev.vellum.server.ws;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FrameRateLimiterTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void allowsBurstOfTwiceTheRate_thenRefuses() {
        FrameRateLimiter limiter = new FrameRateLimiter(10, 0);
        for (int i = 0; i < 20; i++) {
            assertTrue(limiter.tryAcquire(0), "frame " + i);
        }
        assertFalse(limiter.tryAcquire(0));
    }

    @Test
    void refillsAtTheRate() {
        FrameRateLimiter limiter = new FrameRateLimiter(10, 0);
        for (int i = 0; i < 20; i++) {
            limiter.tryAcquire(0);
        }

        assertTrue(limiter.tryAcquire(SECOND / 10));
        assertFalse(limiter.tryAcquire(SECOND / 10));
    }

    @Test
    void sustainedRateAtTheLimit_isNeverRefused() {
        FrameRateLimiter limiter = new FrameRateLimiter(10, 0);
        for (long t = 0; t < 60 * SECOND; t += SECOND / 10) {
            assertTrue(limiter.tryAcquire(t));
        }
    }
}
