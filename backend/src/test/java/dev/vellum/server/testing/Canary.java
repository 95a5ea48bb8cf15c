package dev.vellum.server.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.seal.NoteKeys;
import dev.vellum.protocol.wire.Frame;
import dev.vellum.testing.TestAccount;
import dev.vellum.testing.TestAuthor;
import java.util.List;

/**
 * What a test of abuse stores before the attack, to check after it that the server still serves and lost nothing:
 * an account (which must still log in, with its sealed keys intact) and a note item (which must still be there, with
 * a new one still accepted).
 */
public final class Canary {
    private final TestAccount account;
    private final TestAuthor author;
    private final NoteKeys keys;
    private final byte[] storedItem;

    private Canary(TestAccount account, TestAuthor author, NoteKeys keys, byte[] storedItem) {
        this.account = account;
        this.author = author;
        this.keys = keys;
        this.storedItem = storedItem;
    }

    /** Signs up "canary" and stores one anonymous note item. */
    public static Canary plant(RunningServer server) throws Exception {
        AccountBrowser browser = new AccountBrowser(new TestAccount("canary", "canary passphrase 1234"),
                server.port());
        assertEquals(201, browser.signUp().status());
        JvmSecureRandomSource random = new JvmSecureRandomSource();
        NoteKeys keys = NoteKeys.generate(random);
        TestAuthor author = new TestAuthor(keys, random);
        byte[] stored;
        try (TestSocket socket = TestSocket.connect(server.vertx(), server.port(), keys.noteId().toString())) {
            socket.next(Frame.CaughtUp.class);
            NoteItem item = author.nextUpdate("before the attack");
            socket.send(new Frame.Publish(item));
            assertEquals(1, socket.next(Frame.Accepted.class).revision());
            stored = author.stored(item).encode();
        }
        return new Canary(browser.account, author, keys, stored);
    }

    /**
     * The server (the one planted on, or one started since on its database) still logs the canary in, still has
     * its item and still stores a new one.
     */
    public void stillAlive(RunningServer server) throws Exception {
        AccountBrowser browser = new AccountBrowser(account, server.port());
        assertEquals(200, browser.logIn().status(), "the canary's login after the attack");
        List<byte[]> envelopes = server.storedEnvelopes();
        boolean found = envelopes.stream().anyMatch(e -> java.util.Arrays.equals(e, storedItem));
        assertEquals(true, found, "the item stored before the attack is still there");
        try (TestSocket socket = TestSocket.connect(server.vertx(), server.port(), keys.noteId().toString())) {
            Frame frame;
            do {
                frame = socket.next();
            } while (!(frame instanceof Frame.CaughtUp));
            long next = ((Frame.CaughtUp) frame).latestRevision() + 1;
            socket.send(new Frame.Publish(author.nextUpdate("after the attack")));
            assertEquals(next, socket.next(Frame.Accepted.class).revision());
        }
        assertArrayEquals(storedItem, envelopes.stream().filter(e -> java.util.Arrays.equals(e, storedItem))
                .findFirst().orElseThrow());
    }
}
