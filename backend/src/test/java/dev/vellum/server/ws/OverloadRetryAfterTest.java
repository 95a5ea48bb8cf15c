package dev.vellum.server.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.seal.NoteKeys;
import dev.vellum.protocol.wire.Frame;
import dev.vellum.server.testing.RunningServer;
import dev.vellum.server.testing.TestConfigs;
import dev.vellum.server.testing.TestSocket;
import dev.vellum.testing.TestAuthor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server with a tiny overload limit, flooded: it answers what it cannot hold with retry-after frames instead of
 * queuing or closing, and clients that obey (wait, then send the refused item and what followed it again) get every
 * item stored exactly once, in each author's order; every acknowledged item is in the database.
 */
class OverloadRetryAfterTest {
    private final JvmSecureRandomSource random = new JvmSecureRandomSource();

    @TempDir
    Path dataDir;

    @Test
    void twentyClientsFlooding_getRetryAfter_stayConnected_andEveryItemIsStoredOnceInOrder() throws Exception {
        int clients = 20;
        int itemsEach = 10;
        try (RunningServer server = RunningServer.start(TestConfigs.withFlags(dataDir,
                "--max-pending-writes", "2"))) {
            NoteKeys keys = NoteKeys.generate(random);
            List<List<NoteItem>> chains = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                chains.add(chain(keys, itemsEach));
            }
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService threads = Executors.newFixedThreadPool(clients);
            try {
                List<Future<Integer>> retries = new ArrayList<>();
                for (List<NoteItem> chain : chains) {
                    TestSocket socket = TestSocket.connect(server.vertx(), server.port(), keys.noteId().toString());
                    socket.next(Frame.CaughtUp.class);
                    retries.add(threads.submit(obeying(socket, chain, start)));
                }
                start.countDown();
                int retryAfters = 0;
                for (Future<Integer> client : retries) {
                    retryAfters += client.get();
                }

                assertTrue(retryAfters > 0, "2 writes held at once cannot take 20 clients at once");
            } finally {
                threads.shutdownNow();
            }
            assertStoredOnceInOrder(server, chains);
        }
    }

    @Test
    void oneClientPipeliningItsItems_isRefusedPastItsShare_andResendingFromTheFirstRefusedStoresThemAllInOrder()
            throws Exception {
        try (RunningServer server = RunningServer.start(TestConfigs.withFlags(dataDir,
                "--max-pending-writes-per-connection", "2", "--frames-per-second", "1000"))) {
            NoteKeys keys = NoteKeys.generate(random);
            List<NoteItem> chain = chain(keys, 30);
            int retryAfters = 0;
            try (TestSocket socket = TestSocket.connect(server.vertx(), server.port(), keys.noteId().toString())) {
                socket.next(Frame.CaughtUp.class);
                int stored = 0;
                while (stored < chain.size()) {
                    // Everything not acknowledged yet, at once; then an answer for each.
                    int sent = chain.size() - stored;
                    for (NoteItem item : chain.subList(stored, chain.size())) {
                        socket.send(new Frame.Publish(item));
                    }
                    int longestWait = 0;
                    for (int answered = 0; answered < sent; answered++) {
                        Frame answer = socket.next();
                        if (answer instanceof Frame.Accepted) {
                            stored++;
                        } else if (answer instanceof Frame.RetryAfter retry) {
                            assertTrue(retry.refusedAnItem());
                            retryAfters++;
                            longestWait = Math.max(longestWait, retry.delayMillis());
                        } else if (!(answer instanceof Frame.Error error
                                && error.code() == dev.vellum.protocol.wire.ErrorCode.CHAIN_CONFLICT)) {
                            // Only an item sent after a refused one, arriving once its wait was over, may be refused
                            // otherwise: it does not follow the last stored item.
                            throw new AssertionError("unexpected answer " + answer);
                        }
                    }
                    Thread.sleep(longestWait);
                }
                assertFalse(socket.isClosed(), "refused writes leave the connection open");
            }
            assertTrue(retryAfters > 0, "30 items at once on a connection allowed 2");
            assertStoredOnceInOrder(server, List.of(chain));
        }
    }

    /**
     * Sends the chain as the web client does, one item at a time: on retry-after it waits as told and sends the same
     * item again. Returns how many retry-afters it was given.
     */
    private static Callable<Integer> obeying(TestSocket socket, List<NoteItem> chain, CountDownLatch start) {
        return () -> {
            int retryAfters = 0;
            try (socket) {
                start.await();
                for (NoteItem item : chain) {
                    while (true) {
                        socket.send(new Frame.Publish(item));
                        Frame answer = answerTo(socket);
                        if (answer instanceof Frame.Accepted) {
                            break;
                        }
                        if (!(answer instanceof Frame.RetryAfter retry)) {
                            throw new AssertionError("expected Accepted or RetryAfter, got " + answer);
                        }
                        retryAfters++;
                        Thread.sleep(retry.delayMillis());
                    }
                }
                assertFalse(socket.isClosed(), "refused writes leave the connection open");
            }
            return retryAfters;
        };
    }

    /** The next frame that answers a write: the other clients' items relayed meanwhile are skipped. */
    private static Frame answerTo(TestSocket socket) throws InterruptedException {
        Frame frame;
        do {
            frame = socket.next();
        } while (frame instanceof Frame.Revision);
        return frame;
    }

    private List<NoteItem> chain(NoteKeys keys, int length) {
        TestAuthor author = new TestAuthor(keys, random);
        List<NoteItem> items = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            items.add(author.stored(author.nextUpdate(new byte[200])));
        }
        return items;
    }

    /** The database holds every item of every chain exactly once, each chain in its order, and nothing else. */
    private static void assertStoredOnceInOrder(RunningServer server, List<List<NoteItem>> chains) throws Exception {
        List<byte[]> stored = server.storedEnvelopes();
        assertEquals(chains.stream().mapToInt(List::size).sum(), stored.size(), "each item once, nothing else");
        for (List<NoteItem> chain : chains) {
            List<byte[]> expected = chain.stream().map(NoteItem::encode).toList();
            List<byte[]> inRevisionOrder = stored.stream()
                    .filter(envelope -> expected.stream().anyMatch(e -> Arrays.equals(e, envelope))).toList();
            assertEquals(expected.size(), inRevisionOrder.size());
            for (int i = 0; i < expected.size(); i++) {
                assertTrue(Arrays.equals(expected.get(i), inRevisionOrder.get(i)), "item " + i + " in its place");
            }
        }
    }
}
