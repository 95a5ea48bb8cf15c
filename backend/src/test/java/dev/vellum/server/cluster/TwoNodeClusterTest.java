package dev.vellum.server.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.protocol.id.AccountId;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.seal.NoteKeys;
import dev.vellum.protocol.wire.Frame;
import dev.vellum.server.account.SessionEvents;
import dev.vellum.server.config.ServerConfig;
import dev.vellum.server.testing.AccountBrowser;
import dev.vellum.server.testing.ApiClient;
import dev.vellum.server.testing.EmbeddedPostgresServer;
import dev.vellum.server.testing.TestConfigs;
import dev.vellum.server.testing.TestSocket;
import dev.vellum.testing.TestAccount;
import dev.vellum.testing.TestAuthor;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two server nodes in one cluster on one PostgreSQL database, with clients on each: what one node's client publishes
 * reaches the other node's, both ways, and appends to one note from both nodes at once get revision numbers from 1
 * without a gap or a duplicate, each author's items in the order of their chain. A login started on one node
 * finishes on the other, and its challenge answers one finish only, whichever nodes the finishes reach.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoNodeClusterTest {
    private static final int AUTHORS_PER_NODE = 3;
    /** Sent without waiting: fewer than a connection may have held at once (32), so none gets a retry-after. */
    private static final int ITEMS_PER_AUTHOR = 30;

    private final JvmSecureRandomSource random = new JvmSecureRandomSource();

    @TempDir
    static Path folder;
    private String jdbcUrl;
    private String members;
    private InJvmNode first;
    private InJvmNode second;
    private Vertx clients;

    @BeforeAll
    void startTwoNodes() throws Exception {
        jdbcUrl = EmbeddedPostgresServer.newDatabase().jdbcUrl();
        int firstPort = InJvmNode.freePort();
        int secondPort = InJvmNode.freePort();
        members = "127.0.0.1:" + firstPort + ",127.0.0.1:" + secondPort;
        first = InJvmNode.start(config("first"), firstPort, members);
        second = InJvmNode.start(config("second"), secondPort, members);
        clients = Vertx.vertx();
    }

    private ServerConfig config(String node) {
        return TestConfigs.withFlags(folder.resolve(node), "--jdbc-url", jdbcUrl,
                "--frames-per-second", "1000", "--notes-per-address-per-hour", "100000");
    }

    @AfterAll
    void stopNodes() {
        for (AutoCloseable closeable : new AutoCloseable[] {second, first}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception ignored) {
                // the rest still closes
            }
        }
        if (clients != null) {
            clients.close().await();
        }
    }

    @Test
    void theNodesShareTheDatabase_soEachAppendReadsTheLatestRevisionUnderItsLock() {
        assertTrue(first.sharesDatabase());
        assertTrue(second.sharesDatabase());
    }

    @Test
    void aLoginStartedOnOneNode_finishesOnTheOther_andItsChallengeIsThenRefusedOnBoth() throws Exception {
        AccountBrowser onFirst = signedUp("across");
        Started started = startLogin(onFirst);

        ApiClient.Response finished = new AccountBrowser(onFirst.account, second.port())
                .finishLogin(started.challenge(), onFirst.certificate(), started.signature());

        assertEquals(200, finished.status(), finished.toString());
        for (InJvmNode node : List.of(first, second)) {
            ApiClient.Response replayed = new AccountBrowser(onFirst.account, node.port())
                    .finishLogin(started.challenge(), onFirst.certificate(), started.signature());
            assertEquals(400, replayed.status(), replayed.toString());
            assertEquals("challenge-expired", replayed.error());
        }
    }

    @Test
    void oneChallengeAnsweredOnBothNodesAtOnce_startsOneSession() throws Exception {
        AccountBrowser onFirst = signedUp("race");
        for (int round = 0; round < 5; round++) {
            Started started = startLogin(onFirst);
            CountDownLatch go = new CountDownLatch(1);
            List<Integer> statuses = new CopyOnWriteArrayList<>();
            List<Thread> finishers = new ArrayList<>();
            for (InJvmNode node : List.of(first, second)) {
                AccountBrowser browser = new AccountBrowser(onFirst.account, node.port());
                Thread finisher = new Thread(() -> {
                    try {
                        go.await();
                        statuses.add(browser.finishLogin(started.challenge(), onFirst.certificate(),
                                started.signature()).status());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                finishers.add(finisher);
                finisher.start();
            }
            go.countDown();
            for (Thread finisher : finishers) {
                finisher.join(TimeUnit.SECONDS.toMillis(30));
            }
            assertEquals(List.of(200, 400), statuses.stream().sorted().toList(), "round " + round);
        }
    }

    /** A login's start, signed as the browser would sign it: what its finish sends. */
    private record Started(String challenge, byte[] signature) {
    }

    private AccountBrowser signedUp(String name) {
        AccountBrowser browser = new AccountBrowser(new TestAccount(name, "correct horse battery"), first.port());
        ApiClient.Response signedUp = browser.signUp();
        assertEquals(201, signedUp.status(), signedUp.toString());
        return browser;
    }

    private static Started startLogin(AccountBrowser browser) throws Exception {
        String username = browser.account.username.value();
        ApiClient.Response start = browser.startLogin(username,
                browser.keysFor(username, browser.account.passphrase).authKey());
        assertEquals(200, start.status(), start.toString());
        String challenge = start.json().getString("challenge");
        return new Started(challenge, browser.sign(challenge, AccountId.parse(start.json().getString("accountId"))));
    }

    @Test
    void itemsAndPresence_publishedOnOneNode_reachClientsOfTheOther_bothWays() throws Exception {
        NoteKeys keys = NoteKeys.generate(random);
        TestAuthor alice = new TestAuthor(keys, random);
        TestAuthor bob = new TestAuthor(keys, random);
        try (TestSocket onFirst = joined(first, keys.noteId()); TestSocket onSecond = joined(second, keys.noteId())) {
            awaitRelayed(alice, onFirst, onSecond);
            awaitRelayed(bob, onSecond, onFirst);

            NoteItem fromFirst = alice.nextUpdate("typed on the first node");
            onFirst.send(new Frame.Publish(fromFirst));
            long firstRevision = skipTo(onFirst, Frame.Accepted.class).revision();
            Frame.Revision relayed = skipTo(onSecond, Frame.Revision.class);
            assertEquals(firstRevision, relayed.revision());
            assertArrayEquals(fromFirst.encode(), relayed.item().encode());
            alice.stored(fromFirst);

            NoteItem fromSecond = bob.nextUpdate("typed on the second node");
            onSecond.send(new Frame.Publish(fromSecond));
            assertEquals(firstRevision + 1, skipTo(onSecond, Frame.Accepted.class).revision());
            Frame.Revision back = skipTo(onFirst, Frame.Revision.class);
            assertEquals(firstRevision + 1, back.revision());
            assertArrayEquals(fromSecond.encode(), back.item().encode());
        }
    }

    @Test
    void appendsToOneNoteFromBothNodesAtOnce_areNumberedWithoutGapOrDuplicate_inEachAuthorsOrder()
            throws Exception {
        NoteKeys keys = NoteKeys.generate(random);
        NoteId noteId = keys.noteId();
        Map<Long, byte[]> acknowledged = new ConcurrentHashMap<>();
        List<String> failures = new CopyOnWriteArrayList<>();
        List<Long> duplicates = new CopyOnWriteArrayList<>();
        try (TestSocket watchFirst = joined(first, noteId); TestSocket watchSecond = joined(second, noteId)) {
            TestAuthor warmUp = new TestAuthor(keys, random);
            awaitRelayed(warmUp, watchFirst, watchSecond);
            awaitRelayed(warmUp, watchSecond, watchFirst);
            List<Thread> writers = new ArrayList<>();
            for (int i = 0; i < 2 * AUTHORS_PER_NODE; i++) {
                InJvmNode node = i % 2 == 0 ? first : second;
                Thread writer = new Thread(() -> {
                    try {
                        write(node, keys, acknowledged, duplicates);
                    } catch (Exception | AssertionError e) {
                        failures.add(e.toString());
                    }
                }, "writer-" + i);
                writers.add(writer);
                writer.start();
            }
            for (Thread writer : writers) {
                writer.join(TimeUnit.SECONDS.toMillis(120));
            }
            assertEquals(List.of(), failures);
            assertEquals(List.of(), duplicates, "revisions acknowledged twice");
            int total = 2 * AUTHORS_PER_NODE * ITEMS_PER_AUTHOR;
            assertEquals(total, acknowledged.size());

            Map<Long, NoteItem> stored = history(first, noteId);
            assertEquals(total, stored.size());
            assertEquals(total, ((TreeMap<Long, NoteItem>) stored).lastKey().intValue(), "no gap from 1");
            for (Map.Entry<Long, byte[]> ack : acknowledged.entrySet()) {
                assertArrayEquals(ack.getValue(), stored.get(ack.getKey()).encode(),
                        "revision " + ack.getKey() + " holds what was acknowledged with it");
            }
            Map<String, Long> lastSequence = new java.util.HashMap<>();
            for (NoteItem item : stored.values()) {
                String author = item.header().authorKeyId().toString();
                Long before = lastSequence.put(author, item.header().sequence());
                assertTrue(before == null || before + 1 == item.header().sequence(),
                        "each author's items follow their chain in revision order");
            }
            // Every revision reached the watchers on both nodes, whichever node stored it.
            assertEquals(stored.keySet(), relayedRevisions(watchFirst, total));
            assertEquals(stored.keySet(), relayedRevisions(watchSecond, total));
        }
    }

    @Test
    void sessionEndedOnOneNode_isHeardOnTheOther() throws Exception {
        BlockingQueue<SessionEvents.Ended> heard = new ArrayBlockingQueue<>(4);
        AccountId account = AccountId.random(random);
        var listening = new SessionEvents(second.vertx().eventBus()).listen(heard::add);
        listening.completion().await();
        try {
            SessionEvents.Ended ended = null;
            for (int attempt = 0; attempt < 50 && ended == null; attempt++) {
                new SessionEvents(first.vertx().eventBus()).accountDeleted(account);
                ended = heard.poll(100, TimeUnit.MILLISECONDS);
            }
            assertNotNull(ended, "the other node heard the account's deletion");
            assertEquals(account, ended.accountId());
        } finally {
            listening.unregister().await();
        }
    }

    @Test
    void aNodeLeavingTheCluster_closesTheOtherNodesNoteSockets_soTheirBrowsersCatchUp() throws Exception {
        NoteKeys keys = NoteKeys.generate(random);
        int thirdPort = InJvmNode.freePort();
        InJvmNode third = InJvmNode.start(config("third"), thirdPort, "127.0.0.1:" + thirdPort + ","
                + members);
        try (TestSocket onFirst = joined(first, keys.noteId())) {
            third.close(); // what it stored and never relayed would otherwise leave onFirst's browser behind a gap
            assertTrue(onFirst.awaitClosed(), "the socket on the surviving node was closed");
            assertEquals((short) 1012, onFirst.closeStatusCode());
        }
        try (TestSocket again = joined(first, keys.noteId())) {
            Thread.sleep(1_000);
            assertFalse(again.isClosed(), "a connection made after the node left stays open");
        }
    }

    /** One author on one node, publishing item after item without waiting, then collecting every answer. */
    private void write(InJvmNode node, NoteKeys keys, Map<Long, byte[]> acknowledged, List<Long> duplicates)
            throws Exception {
        TestAuthor author = new TestAuthor(keys, random);
        try (TestSocket socket = joined(node, keys.noteId())) {
            List<NoteItem> sent = new ArrayList<>();
            for (int i = 0; i < ITEMS_PER_AUTHOR; i++) {
                NoteItem item = author.stored(author.nextUpdate("item " + i));
                sent.add(item);
                socket.send(new Frame.Publish(item));
            }
            for (NoteItem item : sent) {
                Frame.Accepted accepted = skipTo(socket, Frame.Accepted.class);
                if (acknowledged.putIfAbsent(accepted.revision(), item.encode()) != null) {
                    duplicates.add(accepted.revision());
                }
            }
        }
    }

    /**
     * Publishes presence on {@code from} until {@code to} relays one: the other node learns of a new subscriber
     * through the cluster's membership a moment after the subscriber's own node has it.
     */
    private void awaitRelayed(TestAuthor author, TestSocket from, TestSocket to) throws InterruptedException {
        for (int attempt = 0; attempt < 100; attempt++) {
            from.send(new Frame.Presence(author.presence("here", attempt + 1)));
            Frame frame = to.poll(100);
            while (frame != null && !(frame instanceof Frame.Presence)) {
                frame = to.poll(100);
            }
            if (frame != null) {
                return;
            }
        }
        throw new AssertionError("presence never crossed to the other node");
    }

    private java.util.Set<Long> relayedRevisions(TestSocket watcher, int total) throws InterruptedException {
        java.util.Set<Long> seen = new java.util.TreeSet<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (seen.size() < total && System.nanoTime() < deadline) {
            Frame frame = watcher.poll(200);
            if (frame instanceof Frame.Revision revision) {
                seen.add(revision.revision());
            }
        }
        return seen;
    }

    private TestSocket joined(InJvmNode node, NoteId noteId) throws InterruptedException {
        TestSocket socket = TestSocket.connect(clients, node.port(), noteId.toString());
        skipTo(socket, Frame.CaughtUp.class);
        return socket;
    }

    private Map<Long, NoteItem> history(InJvmNode node, NoteId noteId) throws InterruptedException {
        Map<Long, NoteItem> stored = new TreeMap<>();
        try (TestSocket socket = TestSocket.connect(clients, node.port(), noteId.toString())) {
            Frame frame;
            while (!((frame = socket.next()) instanceof Frame.CaughtUp)) {
                if (frame instanceof Frame.History history) {
                    for (Frame.Revision revision : history.revisions()) {
                        stored.put(revision.revision(), revision.item());
                    }
                }
            }
        }
        return stored;
    }

    /** The next frame of {@code type}, passing over the others (presence, revisions relayed meanwhile). */
    private static <T extends Frame> T skipTo(TestSocket socket, Class<T> type) throws InterruptedException {
        while (true) {
            Frame frame = socket.next();
            if (type.isInstance(frame)) {
                return type.cast(frame);
            }
            if (frame instanceof Frame.Error || frame instanceof Frame.RetryAfter) {
                throw new AssertionError("refused while waiting for " + type.getSimpleName() + ": " + frame);
            }
        }
    }
}
