package dev.vellum.client.crdt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.protocol.comment.CommentAnchor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Comment anchors under random concurrent edits: 3 to 5 replicas insert and delete inside, around and over anchored
 * selections, ops arrive in random orders, late and twice. Along the way every range must match the definition
 * ({@link NaiveRanges}); after the exchange every replica must find the same range for every anchor (or agree it is
 * detached), and an anchor no edit touched must still cover exactly its quoted text. Each seed is one scenario; a
 * failure names its seed.
 */
class AnchoredRangePropertyTest {
    private static final int SEEDS = 500;
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz \n";

    /** An anchored selection as the test follows it. */
    private static final class Anchor {
        final CommentAnchor anchor;
        final CharId first;
        final CharId last;
        final String quote;
        /** Whether some edit may have changed the anchored text (decided conservatively, where it was made). */
        boolean touched;

        Anchor(CommentAnchor anchor, String quote) {
            this.anchor = anchor;
            this.first = new CharId(ReplicaId.of(anchor.startReplica()), anchor.startClock());
            this.last = new CharId(ReplicaId.of(anchor.endReplica()), anchor.endClock());
            this.quote = quote;
        }
    }

    @Test
    void randomConcurrentEdits_aroundAnchors_everyReplicaAgreesOnEveryRange() {
        List<Long> failing = new ArrayList<>();
        int untouched = 0;
        int anchors = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            try {
                int[] counts = runScenario(seed);
                untouched += counts[0];
                anchors += counts[1];
            } catch (AssertionError | RuntimeException e) {
                failing.add(seed);
                System.out.println("anchored ranges failed for seed " + seed + ": " + e);
            }
        }
        assertTrue(failing.isEmpty(), "failing seeds: " + failing);
        // The scenarios must exercise both kinds: anchors whose text survives, and anchors edits reached.
        assertTrue(untouched > SEEDS && anchors - untouched > SEEDS, untouched + " untouched of " + anchors);
    }

    /** Runs one scenario; returns how many anchors no edit touched, and how many anchors there were. */
    static int[] runScenario(long seed) {
        Random random = new Random(seed); // test scenarios only; never key material
        int replicaCount = 3 + random.nextInt(3);
        List<TextDocument> replicas = new ArrayList<>();
        List<List<TextOp>> inboxes = new ArrayList<>();
        for (int i = 0; i < replicaCount; i++) {
            replicas.add(new TextDocument(ReplicaId.of(new byte[] {(byte) (i * 37 + 1), (byte) seed})));
            inboxes.add(new ArrayList<>());
        }
        List<TextOp> initial = new ArrayList<>();
        initial.add(replicas.get(0).insert(0, randomText(random, 80 + random.nextInt(80))));
        for (int i = 1; i < replicaCount; i++) {
            replicas.get(i).apply(initial);
        }
        List<Anchor> anchors = new ArrayList<>();
        int rounds = 20 + random.nextInt(40);
        for (int round = 0; round < rounds; round++) {
            int author = random.nextInt(replicaCount);
            TextDocument doc = replicas.get(author);
            if (doc.length() > 0 && (anchors.isEmpty() || random.nextInt(6) == 0)) {
                Anchor anchor = randomAnchor(doc, random);
                // Edits made elsewhere that this replica has not applied yet are concurrent with the anchor.
                List<TextOp> unseen = new ArrayList<>(inboxes.get(author));
                unseen.addAll(doc.pendingOps());
                markTouched(doc, List.of(anchor), unseen);
                anchors.add(anchor);
                continue;
            }
            List<TextOp> ops = randomEdit(doc, anchors, random);
            markTouched(doc, anchors, ops);
            applyEach(doc, ops);
            for (int other = 0; other < replicaCount; other++) {
                if (other != author) {
                    inboxes.get(other).addAll(ops);
                    if (random.nextInt(5) == 0) {
                        inboxes.get(other).addAll(ops);
                    }
                }
            }
            deliverSome(replicas, inboxes, random);
            TextDocument checked = replicas.get(random.nextInt(replicaCount));
            assertMatchesDefinition(checked, anchors);
        }
        for (int i = 0; i < replicaCount; i++) {
            Collections.shuffle(inboxes.get(i), random);
            replicas.get(i).apply(inboxes.get(i));
            inboxes.get(i).clear();
        }
        List<CommentAnchor> spans = commentAnchors(anchors);
        List<AnchoredRange> expected = replicas.get(0).locateAll(spans);
        for (TextDocument replica : replicas) {
            assertEquals(replicas.get(0).text(), replica.text());
            assertEquals(expected, replica.locateAll(spans), "every replica finds the same ranges");
            assertMatchesDefinition(replica, anchors);
            NaiveRanges naive = new NaiveRanges(replica);
            for (int a = 0; a < anchors.size(); a++) {
                if (!anchors.get(a).touched) {
                    assertEquals(anchors.get(a).quote, naive.textOf(expected.get(a)), "untouched anchor " + a);
                }
            }
        }
        int untouched = 0;
        for (Anchor anchor : anchors) {
            untouched += anchor.touched ? 0 : 1;
        }
        return new int[] {untouched, anchors.size()};
    }

    /** Applies a replica's own ops a second time: as duplicates, they must change nothing. */
    private static void applyEach(TextDocument doc, List<TextOp> ops) {
        String before = doc.text();
        doc.apply(ops);
        assertEquals(before, doc.text());
    }

    private static Anchor randomAnchor(TextDocument doc, Random random) {
        int start = random.nextInt(doc.length());
        int end = start + 1 + random.nextInt(Math.min(20, doc.length() - start));
        CommentAnchor anchor = doc.anchorOf(start, end);
        assertEquals(doc.text().substring(start, end), anchor.quote());
        return new Anchor(anchor, anchor.quote());
    }

    /** An insert or a delete, a third of the time aimed at an anchored range: inside it, at its edges, or over it. */
    private static List<TextOp> randomEdit(TextDocument doc, List<Anchor> anchors, Random random) {
        int length = doc.length();
        int position = random.nextInt(length + 1);
        AnchoredRange target = doc.locate(anchors.get(random.nextInt(anchors.size())).anchor);
        if (!target.isDetached() && random.nextInt(3) == 0) {
            int[] aims = {target.start(), target.end(), target.start() - 1, target.end() + 1,
                target.start() + random.nextInt(target.end() - target.start())};
            position = Math.max(0, Math.min(length, aims[random.nextInt(aims.length)]));
        }
        if (length > 0 && random.nextInt(5) < 2) {
            position = Math.min(position, length - 1);
            int count = 1 + random.nextInt(Math.min(8, length - position));
            return new ArrayList<>(doc.delete(position, count));
        }
        return List.of(doc.insert(position, randomText(random, 1 + random.nextInt(4))));
    }

    /**
     * Marks the anchors {@code ops} may change, as far as {@code doc} can tell: an insert whose origins do not both
     * lie on one side of the anchor (it lands strictly between its origins), or a delete of an anchored character.
     * Where {@code doc} lacks an anchor's characters or an insert's origins it cannot tell, and the anchor counts as
     * touched; a deleted character it lacks is not one of the anchor's, which it holds.
     */
    private static void markTouched(TextDocument doc, List<Anchor> anchors, List<TextOp> ops) {
        NaiveRanges naive = new NaiveRanges(doc);
        for (Anchor anchor : anchors) {
            int first = naive.indexOf(anchor.first);
            int last = naive.indexOf(anchor.last);
            for (TextOp op : ops) {
                if (first < 0 || last < 0) {
                    anchor.touched = true;
                } else if (op instanceof TextOp.Insert insert) {
                    int left = insert.left() == null ? -1 : naive.indexOf(insert.left());
                    int right = insert.right() == null ? Integer.MAX_VALUE : naive.indexOf(insert.right());
                    boolean unknown = insert.left() != null && left < 0 || right < 0;
                    anchor.touched |= unknown || left < last && right > first;
                } else {
                    TextOp.Delete delete = (TextOp.Delete) op;
                    for (int c = delete.clock(); c < delete.clock() + delete.length(); c++) {
                        int index = naive.indexOf(new CharId(delete.replica(), c));
                        anchor.touched |= index >= first && index <= last;
                    }
                }
            }
        }
    }

    private static void assertMatchesDefinition(TextDocument doc, List<Anchor> anchors) {
        NaiveRanges naive = new NaiveRanges(doc);
        List<AnchoredRange> found = doc.locateAll(commentAnchors(anchors));
        for (int a = 0; a < anchors.size(); a++) {
            assertEquals(naive.locate(anchors.get(a).first, anchors.get(a).last), found.get(a), "anchor " + a);
        }
    }

    private static List<CommentAnchor> commentAnchors(List<Anchor> anchors) {
        List<CommentAnchor> spans = new ArrayList<>();
        for (Anchor anchor : anchors) {
            spans.add(anchor.anchor);
        }
        return spans;
    }

    private static String randomText(Random random, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }

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
