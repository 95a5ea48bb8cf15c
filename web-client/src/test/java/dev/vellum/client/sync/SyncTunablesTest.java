package dev.vellum.client.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyncTunablesTest {
    @Test
    void theServersDefaultLimits_giveTheDefaultPacing() {
        SyncTunables forDefaults = SyncTunables.forServer(1 << 20, 50);

        assertEquals(SyncTunables.defaults().sendIntervalMillis(), forDefaults.sendIntervalMillis());
        assertEquals(SyncTunables.defaults().presenceIntervalMillis(), forDefaults.presenceIntervalMillis());
        assertTrue(forDefaults.maxBatchChars() >= SyncTunables.defaults().maxBatchChars());
    }

    @Test
    void everyFrameRate_isKeptWithAMargin_evenAtOneFrameASecond() {
        List<String> over = new ArrayList<>();
        for (int rate = 1; rate <= 1_000; rate++) {
            SyncTunables tunables = SyncTunables.forServer(1 << 20, rate);
            if (tunables.sustainedFramesPerSecond() > rate * 0.95) {
                over.add(rate + ": " + tunables);
            }
        }
        assertEquals(List.of(), over);
    }

    @Test
    void aStricterServer_slowsSendsAndCaretMoves_neverSpeedsThemUp() {
        SyncTunables ten = SyncTunables.forServer(1 << 20, 10);
        SyncTunables thousand = SyncTunables.forServer(1 << 20, 1_000);

        assertTrue(ten.sendIntervalMillis() > SyncTunables.defaults().sendIntervalMillis(), ten.toString());
        assertTrue(ten.presenceIntervalMillis() > SyncTunables.defaults().presenceIntervalMillis(), ten.toString());
        assertEquals(SyncTunables.defaults().sendIntervalMillis(), thousand.sendIntervalMillis());
        assertEquals(SyncTunables.defaults().presenceIntervalMillis(), thousand.presenceIntervalMillis());
    }

    @Test
    void batchSize_followsTheFrameLimit() {
        assertEquals(6_144, SyncTunables.forServer(64 * 1024, 50).maxBatchChars());
        assertTrue(SyncTunables.forServer(1 << 22, 50).maxBatchChars() > 400_000);
    }

    @Test
    void limitsThatCannotBeMet_areRefused() {
        assertThrows(IllegalArgumentException.class, () -> SyncTunables.forServer(1 << 20, 0));
        assertThrows(IllegalArgumentException.class, () -> SyncTunables.forServer(1_000, 50));
    }
}
