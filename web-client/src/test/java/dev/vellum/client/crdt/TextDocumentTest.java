package dev.vellum.client.crdt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextDocumentTest {
    private static ReplicaId replica(int n) {
        return ReplicaId.of(new byte[] {(byte) n});
    }

    @Test
    void localEdits_behaveLikeStringSplice() {
        TextDocument doc = new TextDocument(replica(1));
        doc.insert(0, "hello world");
        doc.insert(5, ",");
        doc.delete(0, 1);
        doc.insert(0, "H");
        doc.replace(7, 5, "there");

        assertEquals("Hello, there", doc.text());
        assertEquals(12, doc.length());
    }

    @Test
    void typingInSequence_makesOneOp_perKeystroke_butOneRun() {
        TextDocument doc = new TextDocument(replica(1));
        for (char c : "sequential".toCharArray()) {
            doc.insert(doc.length(), String.valueOf(c));
        }
        TextDocument other = new TextDocument(replica(2));
        other.apply(List.of(new TextOp.Insert(replica(1), 0, null, null, "sequential")));

        assertEquals("sequential", other.text());
    }

    @Test
    void remoteOps_inAnyOrder_withDuplicates_converge() {
        TextDocument alice = new TextDocument(replica(1));
        List<TextOp> ops = new ArrayList<>();
        ops.add(alice.insert(0, "abc"));
        ops.add(alice.insert(3, "def"));
        ops.addAll(alice.delete(1, 3));
        ops.add(alice.insert(1, "X"));
        List<TextOp> shuffled = new ArrayList<>(ops);
        shuffled.addAll(ops);
        Collections.reverse(shuffled);

        TextDocument bob = new TextDocument(replica(2));
        for (TextOp op : shuffled) {
            bob.apply(List.of(op));
        }

        assertEquals(alice.text(), bob.text());
        assertEquals(0, bob.pendingCount());
    }

    @Test
    void concurrentInsertsAtOnePlace_areNotInterleaved() {
        TextDocument alice = new TextDocument(replica(1));
        TextDocument bob = new TextDocument(replica(2));
        List<TextOp> base = List.of(alice.insert(0, "[]"));
        bob.apply(base);
        List<TextOp> fromAlice = new ArrayList<>();
        List<TextOp> fromBob = new ArrayList<>();
        for (char c : "alice".toCharArray()) {
            fromAlice.add(alice.insert(1 + fromAlice.size(), String.valueOf(c)));
        }
        // Bob types backwards (each key before the previous one), the case plain RGA and Yjs can interleave.
        for (char c : "xyz".toCharArray()) {
            fromBob.add(bob.insert(1, String.valueOf(c)));
        }
        alice.apply(fromBob);
        bob.apply(fromAlice);

        assertEquals(alice.text(), bob.text());
        String text = alice.text();
        assertTrue(text.equals("[alicezyx]") || text.equals("[zyxalice]"), text);
    }

    @Test
    void outOfRangeEdits_throw() {
        TextDocument doc = new TextDocument(replica(1));
        doc.insert(0, "ab");

        assertThrows(IndexOutOfBoundsException.class, () -> doc.insert(3, "x"));
        assertThrows(IndexOutOfBoundsException.class, () -> doc.delete(1, 2));
    }

    @Test
    void deleteWaitsForTheCharactersItDeletes() {
        TextDocument alice = new TextDocument(replica(1));
        TextOp insert = alice.insert(0, "hello");
        List<TextOp.Delete> delete = alice.delete(0, 2);
        TextDocument bob = new TextDocument(replica(2));

        bob.apply(delete);
        assertEquals(1, bob.pendingCount());
        bob.apply(List.of(insert));

        assertEquals("llo", bob.text());
        assertEquals(0, bob.pendingCount());
    }

    @Test
    void opsBeyondASnapshot_mergeWhatOnlyThisReplicaHas_likeExchangingEveryOp() throws Exception {
        for (long seed = 1; seed <= 300; seed++) {
            java.util.Random random = new java.util.Random(seed); // test scenarios only
            TextDocument a = new TextDocument(replica(1));
            TextDocument b = new TextDocument(replica(2));
            List<TextOp> fromA = new ArrayList<>();
            List<TextOp> fromB = new ArrayList<>();
            for (int step = 0; step < 40; step++) {
                boolean onA = random.nextBoolean();
                TextDocument doc = onA ? a : b;
                List<TextOp> log = onA ? fromA : fromB;
                if (doc.length() > 0 && random.nextInt(3) == 0) {
                    log.addAll(doc.delete(random.nextInt(doc.length()), 1));
                } else {
                    log.add(doc.insert(random.nextInt(doc.length() + 1), "xyz".substring(random.nextInt(3))));
                }
                if (random.nextInt(5) == 0) { // sometimes they sync, so both share a past
                    a.apply(fromB);
                    b.apply(fromA);
                }
            }
            TextDocument snapshotOfA = TextDocument.decodeState(a.encodeState(), replica(3));

            snapshotOfA.apply(b.opsBeyond(snapshotOfA));
            a.apply(fromB);

            assertEquals(a.text(), snapshotOfA.text(), "seed " + seed);
            assertEquals(0, snapshotOfA.pendingCount(), "seed " + seed);
        }
    }
}
