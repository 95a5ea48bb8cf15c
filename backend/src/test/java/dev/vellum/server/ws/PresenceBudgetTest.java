package dev.vellum.server.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.protocol.id.NoteId;
import org.junit.jupiter.api.Test;

class PresenceBudgetTest {
    private final JvmSecureRandomSource random = new JvmSecureRandomSource();

    @Test
    void oneNote_getsABurstOfTwiceItsRate_thenItsRate() {
        PresenceBudget budget = new PresenceBudget(10);
        NoteId note = NoteId.random(random);

        assertEquals(20, admitted(budget, note, 100, 0));
        assertEquals(10, admitted(budget, note, 100, 1_000_000_000L), "one second later, one second's worth");
    }

    @Test
    void notes_haveSeparateBudgets() {
        PresenceBudget budget = new PresenceBudget(10);
        NoteId busy = NoteId.random(random);
        admitted(budget, busy, 100, 0);

        assertTrue(budget.tryAcquire(NoteId.random(random), 0), "another note is not starved by a busy one");
    }

    private static int admitted(PresenceBudget budget, NoteId note, int tries, long nowNanos) {
        int admitted = 0;
        for (int i = 0; i < tries; i++) {
            if (budget.tryAcquire(note, nowNanos)) {
                admitted++;
            }
        }
        return admitted;
    }
}
