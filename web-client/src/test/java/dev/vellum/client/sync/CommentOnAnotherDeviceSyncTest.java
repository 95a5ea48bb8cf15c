package dev.vellum.client.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.client.comment.CommentThread;
import dev.vellum.client.comment.CommentView;
import dev.vellum.client.sync.SyncRoom.Device;
import dev.vellum.client.sync.SyncRoom.Person;
import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.protocol.comment.CommentBatch;
import dev.vellum.protocol.comment.CommentDraft;
import dev.vellum.protocol.comment.CommentRecord;
import dev.vellum.protocol.id.CommentId;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.item.NoteItemKind;
import dev.vellum.protocol.item.UpdateHash;
import dev.vellum.protocol.seal.NoteItemCipher;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A logged-in person's comments are theirs on every device of their account: posted from the laptop, edited and
 * deleted from the phone, and every reader takes the change. Someone else under the same name, with an account of
 * their own or none, is still refused and shown as a forger.
 */
class CommentOnAnotherDeviceSyncTest {
    private final SyncRoom room = new SyncRoom();
    private final SyncRoom.Account alice = room.new Account("alice");
    private final Person laptop = room.open(alice.newDevice());
    private final Person phone = room.open(alice.newDevice());
    private final Person bob = room.open("Bob");

    private void everyoneJoins() {
        for (Person person : List.of(laptop, phone, bob)) {
            person.connect();
        }
        room.deliverAll();
    }

    private static CommentThread onlyThread(Person person) {
        assertEquals(1, person.view.threads.size(), () -> person.name + " sees " + person.view.threads);
        return person.view.threads.get(0);
    }

    private static void assertNoWarnings(Person... people) {
        for (Person person : people) {
            assertTrue(person.view.warnings.isEmpty(), () -> person.name + ": " + person.view.warnings);
        }
    }

    /** The laptop comments on "quick" and everyone receives it; returns the thread. */
    private CommentId laptopComments() {
        everyoneJoins();
        laptop.type(0, "The quick brown fox");
        room.deliverAll();
        CommentId thread = laptop.sync.postComment(4, 9, "Which quick?");
        laptop.sync.flush();
        room.deliverAll();
        return thread;
    }

    @Test
    void theSecondDeviceOfTheAccount_editsAndDeletesTheComment_andEveryReaderAcceptsIt() {
        CommentId thread = laptopComments();
        assertTrue(onlyThread(phone).comments().get(0).mine(), "the phone may edit what the laptop posted");
        assertTrue(onlyThread(laptop).comments().get(0).mine());
        assertFalse(onlyThread(bob).comments().get(0).mine());

        phone.sync.editComment(thread, "The fast one?");
        phone.sync.flush();
        room.deliverAll();
        for (Person person : List.of(laptop, phone, bob)) {
            CommentView comment = onlyThread(person).comments().get(0);
            assertEquals("The fast one?", comment.text(), person.name);
            assertTrue(comment.edited());
            assertEquals("alice", comment.author().label());
        }

        bob.sync.reply(thread, thread, "Yes.");
        bob.sync.flush();
        room.deliverAll();
        phone.sync.deleteComment(thread);
        phone.sync.flush();
        room.deliverAll();
        for (Person person : List.of(laptop, phone, bob)) {
            List<CommentView> comments = onlyThread(person).comments();
            assertTrue(comments.get(0).deleted(), person.name);
            assertEquals(List.of("", "Yes."), comments.stream().map(CommentView::text).toList());
        }
        assertNoWarnings(laptop, phone, bob);
        assertEquals(List.of(), room.relay.refusals);
    }

    @Test
    void anotherAccountUnderTheSameUsername_cannotChangeTheComment_andItsForgedEditIsRefusedByEveryReader() {
        CommentId thread = laptopComments();
        Device namesakeDevice = room.newAccountDevice("alice");
        Person namesake = room.open(namesakeDevice);
        namesake.connect();
        room.deliverAll();
        assertFalse(onlyThread(namesake).comments().get(0).mine());
        assertThrows(IllegalArgumentException.class, () -> namesake.sync.editComment(thread, "mine now"));
        assertThrows(IllegalArgumentException.class, () -> namesake.sync.deleteComment(thread));

        // Signed and sent past the app: every reader refuses it, and says someone else used the name.
        NoteItemCipher cipher = new NoteItemCipher(room.keys, namesakeDevice.key(), namesakeDevice.certificate(),
                room.random);
        CommentRecord forged = cipher.signComment(CommentDraft.edit(original(thread), "not what alice said", 99,
                2_000));
        injectToAll(commentItem(cipher, forged), laptop, phone, bob);

        for (Person person : List.of(laptop, phone, bob)) {
            assertEquals("Which quick?", onlyThread(person).comments().get(0).text(), person.name);
            assertEquals(List.of(SyncWarning.Kind.FORGED_COMMENT), person.view.warningKinds(), person.name);
            assertEquals("Someone else, using the name alice, tried to change a comment by alice. The change was"
                    + " refused.", person.view.warnings.get(0).message());
        }
    }

    @Test
    void anAnonymousVisitorWithTheSameChosenName_cannotChangeTheComment() {
        CommentId thread = laptopComments();
        NoteItemCipher visitor = new NoteItemCipher(room.keys, IdentityKeyPair.generate(room.random), room.random);
        CommentDraft edit = CommentDraft.edit(original(thread), "a visitor's words", 99, 2_000);
        CommentRecord forged = visitor.signComment(new CommentDraft(edit.type(), edit.noteId(), edit.threadId(),
                edit.recordId(), edit.parentId(), edit.edit(), edit.clock(), edit.createdAtMillis(), edit.deleted(),
                edit.resolved(), edit.anchor(), edit.text(), "alice"));

        injectToAll(commentItem(visitor, forged), phone, bob);

        for (Person person : List.of(phone, bob)) {
            assertEquals("Which quick?", onlyThread(person).comments().get(0).text(), person.name);
            assertEquals(List.of(SyncWarning.Kind.FORGED_COMMENT), person.view.warningKinds(), person.name);
        }
    }

    /** The comment's record as the readers hold it. */
    private CommentRecord original(CommentId thread) {
        NoteItem item = room.relay.stored(room.relay.storedCount() - 1).item();
        try {
            List<CommentRecord> records = CommentBatch.parse(
                    new NoteItemCipher(room.keys, IdentityKeyPair.generate(room.random), room.random).open(item));
            assertEquals(thread, records.get(0).recordId());
            return records.get(0);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private void injectToAll(NoteItem item, Person... readers) {
        long revision = room.relay.latestRevision() + 1;
        for (Person reader : readers) {
            room.relay.inject(reader.client, revision, item);
            reader.deliver();
        }
    }

    private static NoteItem commentItem(NoteItemCipher author, CommentRecord record) {
        return author.seal(NoteItemKind.COMMENT, 0, 1, UpdateHash.NONE, CommentBatch.encode(List.of(record)));
    }
}
