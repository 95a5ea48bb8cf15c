package dev.vellum.client.crdt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random concurrent edits on 2 to 5 replicas, delivered to each other in random orders, late and with duplicates:
 * every replica must end with the same text. Each seed is one scenario; a failure names its seed so it can be
 * replayed alone with {@link #runScenario}.
 */
class ConvergencePropertyTest {
    private static final int SEEDS = 3000;
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz ";

    @Test
    void randomConcurrentEdits_deliveredInRandomOrderWithDuplicates_converge() {
        List<Long> failing = new ArrayList<>();
        for (long seed = 1; seed <= SEEDS; seed++) {
            try {
                runScenario(seed);
            } catch (AssertionError | RuntimeException e) {
                failing.add(seed);
                System.out.println("convergence failed for seed " + seed + ": " + e);
            }
        }
        assertTrue(failing.isEmpty(), "failing seeds: " + failing);
    }

    static void runScenario(long seed) {
        Random random = new Random(seed); // test scenarios only; never key material
        int replicaCount = 2 + random.nextInt(4);
        List<TextDocument> replicas = new ArrayList<>();
        List<List<TextOp>> inboxes = new ArrayList<>();
        for (int i = 0; i < replicaCount; i++) {
            replicas.add(new TextDocument(ReplicaId.of(new byte[] {(byte) (i * 37 + 1), (byte) seed})));
            inboxes.add(new ArrayList<>());
        }
        int rounds = 10 + random.nextInt(40);
        for (int round = 0; round < rounds; round++) {
            int author = random.nextInt(replicaCount);
            List<TextOp> ops = randomEdit(replicas.get(author), random);
            for (int other = 0; other < replicaCount; other++) {
                if (other != author) {
                    inboxes.get(other).addAll(ops);
                    if (random.nextInt(5) == 0) {
                        inboxes.get(other).addAll(ops); // a duplicate
                    }
                }
            }
            deliverSome(replicas, inboxes, random);
        }
        for (int i = 0; i < replicaCount; i++) {
            Collections.shuffle(inboxes.get(i), random);
            replicas.get(i).apply(inboxes.get(i));
            inboxes.get(i).clear();
        }
        String expected = replicas.get(0).text();
        for (int i = 0; i < replicaCount; i++) {
            assertEquals(0, replicas.get(i).pendingCount(), "replica " + i + " has ops still waiting");
            assertEquals(expected, replicas.get(i).text(), "replica " + i);
        }
    }

    private static List<TextOp> randomEdit(TextDocument doc, Random random) {
        int length = doc.length();
        if (length > 0 && random.nextInt(3) == 0) {
            int position = random.nextInt(length);
            int count = 1 + random.nextInt(Math.min(5, length - position));
            return new ArrayList<>(doc.delete(position, count));
        }
        StringBuilder text = new StringBuilder();
        int count = 1 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return List.of(doc.insert(random.nextInt(length + 1), text.toString()));
    }

    /** Each replica receives a random share of its inbox, shuffled; the rest stays for later. */
    private static void deliverSome(List<TextDocument> replicas, List<List<TextOp>> inboxes, Random random) {
        for (int i = 0; i < replicas.size(); i++) {
            List<TextOp> inbox = inboxes.get(i);
            if (inbox.isEmpty() || random.nextBoolean()) {
                continue;
            }
            Collections.shuffle(inbox, random);
            int take = 1 + random.nextInt(inbox.size());
            List<TextOp> now = new ArrayList<>(inbox.subList(0, take));
            inbox.subList(0, take).clear();
            replicas.get(i).apply(now);
        }
    }
}
