package dev.vellum.client.comment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.client.crdt.AnchoredRange;
import dev.vellum.client.crdt.ReplicaId;
import dev.vellum.client.crdt.TextDocument;
import dev.vellum.client.crdt.TextOp;
import dev.vellum.protocol.comment.CommentRecord;
import dev.vellum.protocol.id.NoteId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Comments under random concurrent work on 3 to 5 replicas: people edit the text (inside, around and over anchored
 * ranges), post threads on selections, reply, edit and delete their comments, resolve and reopen; text ops and
 * comment records reach each other replica in random orders, late and twice. After the exchange every replica must
 * show the same threads (same ranges, or detached alike; same states, comments and authors), count the same open
 * threads, carry the same records in a snapshot, and have nothing left waiting. No honest record may raise a
 * warning. Each seed is one scenario; a failure names its seed.
 */
class CommentConvergencePropertyTest {
    private static final int SEEDS = 80;
    private static final String ALPHABET = "abcdefghij klmnop\n";

    private static final class Replica {
        final TextDocument doc;
        final CommentBook book;
        final Commenter person;
        final List<Object> inbox = new ArrayList<>();

        Replica(TextDocument doc, CommentBook book, Commenter person) {
            this.doc = doc;
            this.book = book;
            this.person = person;
        }
    }

    @Test
    void randomConcurrentEditsAndComments_everyReplicaShowsTheSameThreads() {
        List<Long> failing = new ArrayList<>();
        int detached = 0;
        int attached = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            try {
                List<CommentThread> threads = runScenario(seed);
                for (CommentThread thread : threads) {
                    detached += thread.detached() ? 1 : 0;
                    attached += thread.detached() ? 0 : 1;
                }
            } catch (AssertionError | RuntimeException e) {
                failing.add(seed);
                System.out.println("comment convergence failed for seed " + seed + ": " + e);
            }
        }
        assertTrue(failing.isEmpty(), "failing seeds: " + failing);
        assertTrue(detached > SEEDS / 4 && attached > SEEDS, detached + " detached, " + attached + " attached");
    }

    /** Runs one scenario; returns the threads every replica agrees on. */
    static List<CommentThread> runScenario(long seed) {
        Random random = new Random(seed); // test scenarios only
        SeededRandomSource keys = new SeededRandomSource(seed);
        NoteId note = NoteId.random(keys);
        int count = 3 + random.nextInt(3);
        List<Replica> replicas = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Commenter person = i % 2 == 0 ? Commenter.account("user" + i, keys)
                    : Commenter.anonymous("Visitor " + i, keys);
            replicas.add(new Replica(new TextDocument(ReplicaId.of(new byte[] {(byte) (i + 1), (byte) seed})),
                    new CommentBook(note, person.keyId()), person));
        }
        List<TextOp> initial = List.of(replicas.get(0).doc.insert(0, randomText(random, 60 + random.nextInt(60))));
        for (int i = 1; i < count; i++) {
            replicas.get(i).doc.apply(initial);
        }
        int rounds = 40 + random.nextInt(40);
        for (int round = 0; round < rounds; round++) {
            int author = random.nextInt(count);
            List<Object> sent = act(replicas.get(author), note, random);
            for (int other = 0; other < count; other++) {
                if (other != author) {
                    replicas.get(other).inbox.addAll(sent);
                    if (random.nextInt(5) == 0) {
                        replicas.get(other).inbox.addAll(sent);
                    }
                }
            }
            for (Replica replica : replicas) {
                if (random.nextBoolean()) {
                    deliver(replica, random, 1 + random.nextInt(replica.inbox.size() + 1));
                }
            }
        }
        for (Replica replica : replicas) {
            deliver(replica, random, replica.inbox.size());
        }
        Replica first = replicas.get(0);
        List<CommentThread> threads = first.book.threads(first.doc);
        for (Replica replica : replicas) {
            assertEquals(first.doc.text(), replica.doc.text());
            assertEquals(0, replica.book.waitingCount(), "records left waiting");
            assertEquals(CommentBookTest.projection(threads), CommentBookTest.projection(
                    replica.book.threads(replica.doc)), "every replica shows the same threads");
            assertEquals(first.book.openThreadCount(), replica.book.openThreadCount());
            assertEquals(new HashSet<>(first.book.currentRecords()), new HashSet<>(replica.book.currentRecords()));
        }
        return threads;
    }

    /** One person's action, applied locally; returns what it sends (text ops and comment records). */
    private static List<Object> act(Replica replica, NoteId note, Random random) {
        TextDocument doc = replica.doc;
        CommentBook book = replica.book;
        List<CommentThread> threads = book.threads(doc);
        int choice = random.nextInt(10);
        CommentRecord record = null;
        if (choice == 4 && doc.length() > 0 || choice < 4 && doc.length() > 0 && threads.isEmpty()) {
            int start = random.nextInt(doc.length());
            int end = start + 1 + random.nextInt(Math.min(15, doc.length() - start));
            record = replica.person.post(note, doc.anchorOf(start, end), "on " + start, book.nextClock());
        } else if (choice >= 5 && !threads.isEmpty()) {
            CommentThread thread = threads.get(random.nextInt(threads.size()));
            CommentView comment = thread.comments().get(random.nextInt(thread.comments().size()));
            CommentRecord current = book.comment(comment.id());
            if (choice == 5 && !comment.deleted()) {
                record = replica.person.reply(current, "re " + random.nextInt(100), book.nextClock());
            } else if (choice == 6 && comment.mine() && !comment.deleted()) {
                record = replica.person.edit(current, "edit " + random.nextInt(100), book.nextClock());
            } else if (choice == 7 && comment.mine() && !comment.deleted()) {
                record = replica.person.delete(current, book.nextClock());
            } else if (choice >= 8) {
                record = thread.resolved() ? replica.person.reopen(note, thread.threadId(), book.nextClock())
                        : replica.person.resolve(note, thread.threadId(), book.nextClock());
            }
        }
        if (record != null) {
            ApplyResult result = book.apply(record);
            assertTrue(result.changed() && result.warnings().isEmpty(), "one's own record applies at once");
            return List.of(record);
        }
        return new ArrayList<>(textEdit(doc, threads, random));
    }

    /** An insert or delete, often aimed at a thread's range: inside it, at its edges, or over it. */
    private static List<TextOp> textEdit(TextDocument doc, List<CommentThread> threads, Random random) {
        int length = doc.length();
        int position = random.nextInt(length + 1);
        if (!threads.isEmpty() && random.nextBoolean()) {
            AnchoredRange range = threads.get(random.nextInt(threads.size())).range();
            if (!range.isDetached()) {
                int[] aims = {range.start(), range.end(), range.start() - 1, range.start() + 1, range.end() - 1};
                position = Math.max(0, Math.min(length, aims[random.nextInt(aims.length)]));
            }
        }
        if (length > 0 && random.nextInt(5) < 2) {
            position = Math.min(position, length - 1);
            return new ArrayList<>(doc.delete(position, 1 + random.nextInt(Math.min(12, length - position))));
        }
        return List.of(doc.insert(position, randomText(random, 1 + random.nextInt(4))));
    }

    /** Delivers {@code take} messages of the replica's inbox, shuffled: text ops and records in any order. */
    private static void deliver(Replica replica, Random random, int take) {
        List<Object> inbox = replica.inbox;
        Collections.shuffle(inbox, random);
        List<Object> now = new ArrayList<>(inbox.subList(0, Math.min(take, inbox.size())));
        inbox.subList(0, now.size()).clear();
        for (Object message : now) {
            if (message instanceof TextOp op) {
                replica.doc.apply(List.of(op));
            } else {
                ApplyResult result = replica.book.apply((CommentRecord) message);
                assertTrue(result.warnings().isEmpty(), "an honest record raises no warning: " + result.warnings());
            }
        }
    }

    private static String randomText(Random random, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }
}
