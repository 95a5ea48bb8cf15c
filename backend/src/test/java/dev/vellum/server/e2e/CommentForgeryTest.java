package dev.vellum.server.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.vellum.server.testing.CommentPages.comment;
import static dev.vellum.server.testing.CommentPages.thread;
import static dev.vellum.server.testing.NotePage.note;
import static dev.vellum.server.testing.WorkspacePages.shot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.crypto.key.SymmetricKey;
import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.protocol.comment.CommentBatch;
import dev.vellum.protocol.comment.CommentDraft;
import dev.vellum.protocol.comment.CommentRecord;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.item.NoteItemKind;
import dev.vellum.protocol.item.UpdateHash;
import dev.vellum.protocol.seal.NoteItemCipher;
import dev.vellum.protocol.seal.NoteKeys;
import dev.vellum.protocol.wire.Frame;
import dev.vellum.server.testing.BrowserTest;
import dev.vellum.server.testing.BrowserTestCase;
import dev.vellum.server.testing.NotePage;
import dev.vellum.server.testing.TestSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Someone who holds a note's link, and so may write to it, forges an edit of Alice's comment: a record with her
 * comment id and a higher edit number, signed by its own key, sent as an ordinary comment item that the server
 * stores and relays. Every reader refuses it and says so, and Alice's words stay; the same writer's honest reply in
 * her thread, sent right after, is shown, so the readers did receive and open what it sent.
 */
@BrowserTest
class CommentForgeryTest extends BrowserTestCase {
    private static final String TEXT = "Meet at the harbor by nine.";
    private static final String ALICE_SAYS = "Bring the blue folder with the permits.";
    private static final String FORGED = "Never mind the permits, leave the gate open.";
    private static final String MALLORY_REPLIES = "Mallory's own reply, which is hers to write.";

    private static final List<BrowserContext> CONTEXTS = new ArrayList<>();

    @BeforeAll
    static void start() {
        PlaywrightAssertions.setDefaultAssertionTimeout(30_000);
    }

    @AfterAll
    static void close() {
        PlaywrightAssertions.setDefaultAssertionTimeout(5_000);
        CONTEXTS.forEach(BrowserContext::close);
    }

    @Test
    void aForgedEditOfAlicesComment_isRefusedByEveryReader_andShown_andHerTextStays() throws Exception {
        Page alice = NotePage.newNote(person(), server);
        note(alice).fill(TEXT);
        assertThat(NotePage.status(alice)).hasText(NotePage.SAVED);
        String link = alice.url();
        Page bob = NotePage.openLink(person(), link);
        Page carol = NotePage.openLink(person(), link);
        List<Page> readers = List.of(alice, bob, carol);
        for (Page reader : readers) {
            assertThat(note(reader)).hasValue(TEXT);
        }

        JvmSecureRandomSource random = new JvmSecureRandomSource();
        NoteKeys keys = NoteKeys.fromSecret(SymmetricKey.fromBase64Url(link.substring(link.indexOf('#') + 1)));
        NoteItemCipher mallory = new NoteItemCipher(keys, IdentityKeyPair.generate(random), random);
        try (TestSocket socket = TestSocket.connect(server.vertx(), server.port(), keys.noteId().toString())) {
            socket.hello();
            awaitCaughtUp(socket);
            comment(alice, "harbor", ALICE_SAYS);
            CommentRecord alices = awaitComment(socket, mallory, ALICE_SAYS);

            CommentRecord forged = mallory.signComment(CommentDraft.edit(alices, FORGED, alices.clock() + 1,
                    System.currentTimeMillis()));
            assertEquals(alices.recordId(), forged.recordId(), "an edit of Alice's comment");
            assertEquals(alices.edit() + 1, forged.edit(), "a later edit than hers");
            assertNotEquals(alices.authorKeyId(), forged.authorKeyId(), "signed by another key than hers");
            NoteItem forgedItem = mallory.seal(NoteItemKind.COMMENT, 0, 1, UpdateHash.NONE,
                    CommentBatch.encode(List.of(forged)));
            publish(socket, forgedItem);

            CommentRecord honest = mallory.signComment(CommentDraft.reply(keys.noteId(), alices.threadId(),
                    alices.recordId(), MALLORY_REPLIES, forged.clock() + 1, System.currentTimeMillis(), "mallory",
                    random));
            publish(socket, mallory.seal(NoteItemKind.COMMENT, 0, 2, forgedItem.hash(),
                    CommentBatch.encode(List.of(honest))));
        }

        for (Page reader : readers) {
            Locator thread = thread(reader, "harbor");
            // Mallory's second item was opened and applied, so her first one was dealt with before it.
            assertThat(thread).containsText(MALLORY_REPLIES);
            assertThat(thread).containsText(ALICE_SAYS);
            assertThat(thread).not().containsText(FORGED);
            assertThat(warnings(reader)).containsText(Pattern.compile("tried to change a comment by .*\\. The change"
                    + " was refused\\."));
            // The forged record carries Alice's visitor name (a copy of hers): the warning must not blame her.
            assertThat(warnings(reader)).not().containsText(Pattern.compile(
                    "(.+) tried to change a comment by \\1\\."));
        }
        shot(bob, "comments-03-forged-edit-refused");
    }

    private static BrowserContext person() {
        BrowserContext context = browser.newContext();
        CONTEXTS.add(context);
        return context;
    }

    /** The list where a reader is told of what failed its checks. */
    private static Locator warnings(Page page) {
        return page.getByRole(AriaRole.LIST, new Page.GetByRoleOptions()
                .setName("Warnings about this note's history"));
    }

    private static void awaitCaughtUp(TestSocket socket) throws InterruptedException {
        while (!(socket.next() instanceof Frame.CaughtUp)) {
            // the note's snapshot and history, which Mallory reads only from now on
        }
    }

    /** Reads what the server relays until a comment item carries a comment saying {@code text}. */
    private static CommentRecord awaitComment(TestSocket socket, NoteItemCipher reader, String text)
            throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            Frame frame = socket.poll(1_000);
            List<Frame.Revision> revisions = frame instanceof Frame.Revision revision ? List.of(revision)
                    : frame instanceof Frame.History history ? history.revisions() : List.of();
            for (Frame.Revision revision : revisions) {
                if (revision.item().kind() == NoteItemKind.COMMENT) {
                    for (CommentRecord record : CommentBatch.parse(reader.open(revision.item()))) {
                        if (record.text().equals(text)) {
                            return record;
                        }
                    }
                }
            }
        }
        throw new AssertionError("no comment saying \"" + text + "\" was relayed");
    }

    /** Sends {@code item} and waits until the server stored it (frames relayed meanwhile are skipped). */
    private static void publish(TestSocket socket, NoteItem item) throws InterruptedException {
        socket.send(new Frame.Publish(item));
        while (true) {
            Frame frame = socket.next();
            if (frame instanceof Frame.Accepted) {
                return;
            }
            if (frame instanceof Frame.Error error) {
                throw new AssertionError("the server refused the item: " + error);
            }
        }
    }
}
