package dev.vellum.protocol.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The size rule on its own: within the limit, or smaller than before, else refused with both numbers. */
class RelayRulesSizeTest {
    @Test
    void growthWithinTheLimit_isAllowed() {
        assertNull(RelayRules.checkSize(10, 100, 100));
    }

    @Test
    void growthPastTheLimit_isRefused_sayingTheSizeAndTheLimit() {
        assertEquals(new AppendResult.NoteTooLarge(101, 100), RelayRules.checkSize(10, 101, 100));
    }

    @Test
    void shrinkingANoteAlreadyPastALoweredLimit_isAllowed_soItCanGetBackUnder() {
        assertNull(RelayRules.checkSize(500, 300, 100));
    }

    @Test
    void keepingANotePastTheLimitAtTheSameSize_isRefused() {
        assertEquals(new AppendResult.NoteTooLarge(500, 100), RelayRules.checkSize(500, 500, 100));
    }

    @Test
    void snapshotPastTheLimit_thatWillMakeRoomOnceConfirmed_isAllowed_upToTwiceTheLimit() {
        assertNull(RelayRules.checkSize(100, 130, 80, 100), "130 now, 50 once its updates go");
        assertEquals(new AppendResult.NoteTooLarge(201, 100), RelayRules.checkSize(190, 201, 200, 100),
                "never past twice the limit");
    }

    @Test
    void snapshotPastTheLimit_thatWouldNotMakeRoom_isRefused() {
        assertEquals(new AppendResult.NoteTooLarge(130, 100), RelayRules.checkSize(100, 130, 30, 100));
    }
}
