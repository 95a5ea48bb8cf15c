package dev.vellum.client.comment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.client.crdt.ReplicaId;
import dev.vellum.client.crdt.TextDocument;
import dev.vellum.crypto.identity.IdentityKeyPair;
import dev.vellum.protocol.comment.CommentDraft;
import dev.vellum.protocol.comment.CommentRecord;
import dev.vellum.protocol.id.AccountId;
import dev.vellum.protocol.id.NoteId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A comment belongs to its author's account, not to the device that posted it: a person may edit and delete it from
 * any of their devices, and every reader accepts that; anyone else (another account under the same username, a
 * self-made certificate repeating the account id, a visitor choosing the same name) is refused as a forger.
 */
class CommentAuthorAccountTest {
    private final SeededRandomSource random = new SeededRandomSource(23);
    private final NoteId note = NoteId.random(random);
    private final IdentityKeyPair aliceIdentity = IdentityKeyPair.generate(random);
    private final AccountId aliceAccount = AccountId.random(random);
    private final Commenter laptop = Commenter.device(aliceIdentity, aliceAccount, "alice", random);
    private final Commenter phone = Commenter.device(aliceIdentity, aliceAccount, "alice", random);
    private final Commenter bob = Commenter.account("bob", random);
    private final TextDocument doc = new TextDocument(ReplicaId.of(new byte[] {1}));

    CommentAuthorAccountTest() {
        doc.insert(0, "The quick brown fox jumps over the lazy dog");
    }

    private CommentRecord postOn(Commenter author, String word, String text, long clock) {
        int start = doc.text().indexOf(word);
        return author.post(note, doc.anchorOf(start, start + word.length()), text, clock);
    }

    private CommentBook bookOf(Commenter reader) {
        return new CommentBook(note, reader.owner());
    }

    private static CommentView only(CommentBook book, TextDocument doc) {
        List<CommentThread> threads = book.threads(doc);
        assertEquals(1, threads.size(), threads::toString);
        return threads.get(0).comments().get(0);
    }

    /** Every order of {@code records}' delivery, for up to three records. */
    private static List<List<CommentRecord>> orders(CommentRecord... records) {
        List<List<CommentRecord>> orders = new ArrayList<>();
        List<CommentRecord> order = new ArrayList<>(List.of(records));
        for (int rotation = 0; rotation < records.length; rotation++) {
            orders.add(new ArrayList<>(order));
            List<CommentRecord> reversed = new ArrayList<>(order);
            Collections.reverse(reversed);
            orders.add(reversed);
            Collections.rotate(order, 1);
        }
        return orders;
    }

    @Test
    void secondDeviceOfTheSameAccount_editsAndDeletesTheComment_andEveryReaderAcceptsIt_inAnyOrder() {
        CommentRecord post = postOn(laptop, "fox", "from the laptop", 1);
        CommentRecord edit = phone.edit(post, "from the phone", 2);
        CommentRecord delete = phone.delete(edit, 3);

        for (Commenter reader : List.of(laptop, phone, bob)) {
            CommentBook book = bookOf(reader);
            ApplyResult edited = book.applyAll(List.of(post, edit));
            assertEquals(List.of(), edited.warnings());
            assertEquals("from the phone", only(book, doc).text());
            assertTrue(only(book, doc).edited());

            ApplyResult deleted = book.apply(delete);
            assertEquals(List.of(), deleted.warnings());
            assertTrue(deleted.changed());
            assertTrue(book.threads(doc).isEmpty(), "a thread whose only comment was deleted is gone");
            assertEquals(List.of(delete), book.currentRecords());
        }
        for (List<CommentRecord> order : orders(post, edit, delete)) {
            CommentBook book = bookOf(bob);
            assertEquals(List.of(), book.applyAll(order).warnings(), order::toString);
            assertEquals(delete, book.comment(post.recordId()));
        }
    }

    @Test
    void theCommentIsMine_onEveryDeviceOfItsAccount_andNobodyElses() {
        CommentRecord post = postOn(laptop, "fox", "mine everywhere", 1);

        for (Commenter reader : List.of(laptop, phone)) {
            CommentBook book = bookOf(reader);
            book.apply(post);
            assertTrue(only(book, doc).mine(), "on the device that did not post it too");
        }
        Commenter namesake = Commenter.account("alice", random);
        Commenter sameAccountIdOtherKeys = Commenter.device(IdentityKeyPair.generate(random), aliceAccount, "alice",
                random);
        for (Commenter reader : List.of(bob, namesake, sameAccountIdOtherKeys, Commenter.anonymous("alice", random))) {
            CommentBook book = bookOf(reader);
            book.apply(post);
            assertFalse(only(book, doc).mine(), reader.owner().toString());
        }
    }

    @Test
    void anotherAccountWithTheSameUsername_butOtherIdentityKeys_isRefusedAsAForgedEdit_withoutBlamingTheAuthor() {
        CommentRecord post = postOn(laptop, "fox", "the real alice", 1);
        Commenter namesake = Commenter.account("alice", random);
        CommentRecord forged = namesake.edit(post, "the other alice", 2);

        for (Commenter reader : List.of(laptop, phone, bob)) {
            CommentBook book = bookOf(reader);
            ApplyResult result = book.applyAll(List.of(post, forged));

            assertEquals(1, result.warnings().size());
            CommentWarning warning = result.warnings().get(0);
            assertEquals(CommentWarning.Kind.FORGED_EDIT, warning.kind());
            assertEquals(namesake.keyId(), warning.sender());
            assertEquals(laptop.keyId(), warning.holder());
            assertEquals("Someone else, using the name alice, tried to change a comment by alice. The change was"
                    + " refused.", warning.message());
            assertEquals("the real alice", only(book, doc).text());
            assertEquals(List.of(post), book.currentRecords());
        }
    }

    @Test
    void aCertificateRepeatingTheAccountId_underOtherIdentityKeys_isRefusedAsAForgedEdit() {
        CommentRecord post = postOn(laptop, "fox", "the real alice", 1);
        Commenter impostor = Commenter.device(IdentityKeyPair.generate(random), aliceAccount, "alice", random);

        CommentBook book = bookOf(bob);
        ApplyResult result = book.applyAll(List.of(post, impostor.delete(post, 2)));

        assertEquals(CommentWarning.Kind.FORGED_EDIT, result.warnings().get(0).kind());
        assertEquals("the real alice", only(book, doc).text());
    }

    @Test
    void anAnonymousRecordWithTheSameChosenName_isRefusedAsAForgedEdit() {
        CommentRecord post = postOn(laptop, "fox", "the real alice", 1);
        Commenter visitor = Commenter.anonymous("alice", random);

        CommentBook book = bookOf(bob);
        ApplyResult result = book.applyAll(List.of(post, visitor.edit(post, "a visitor's words", 2)));

        assertEquals(1, result.warnings().size());
        assertEquals(CommentWarning.Kind.FORGED_EDIT, result.warnings().get(0).kind());
        assertEquals("the real alice", only(book, doc).text());
    }

    @Test
    void anonymousComments_stayBoundToTheirKey_evenAgainstTheSameChosenName() {
        Commenter visit = Commenter.anonymous("Merry Otter", random);
        Commenter nextVisit = Commenter.anonymous("Merry Otter", random);
        CommentRecord post = postOn(visit, "fox", "first visit", 1);

        CommentBook book = bookOf(nextVisit);
        ApplyResult result = book.applyAll(List.of(post, nextVisit.edit(post, "second visit", 2)));

        assertEquals(CommentWarning.Kind.FORGED_EDIT, result.warnings().get(0).kind());
        assertEquals("first visit", only(book, doc).text());
        assertFalse(only(book, doc).mine());
    }

    @Test
    void twoDevicesEditingAtOnce_areSettledAlikeInEitherOrder_withoutAnEquivocationWarning() {
        CommentRecord post = postOn(laptop, "fox", "first", 1);
        CommentRecord fromLaptop = laptop.edit(post, "laptop's edit", 2);
        CommentRecord fromPhone = phone.edit(post, "phone's edit", 2);

        CommentRecord kept = null;
        for (List<CommentRecord> order : orders(post, fromLaptop, fromPhone)) {
            CommentBook book = bookOf(bob);
            ApplyResult result = book.applyAll(order);

            assertEquals(List.of(), result.warnings(), order::toString);
            CommentRecord current = book.comment(post.recordId());
            assertTrue(current.equals(fromLaptop) || current.equals(fromPhone));
            if (kept == null) {
                kept = current;
            }
            assertEquals(kept, current, "every reader keeps the same version");
        }
    }

    @Test
    void aSnapshotHoldingTheOtherDevicesEdit_supersedesThePost_butNotAnotherAccountsEdit() {
        CommentRecord post = postOn(laptop, "fox", "first", 1);
        CommentRecord edit = phone.edit(post, "from the phone", 2);

        CommentBook snapshot = bookOf(bob);
        snapshot.applyAll(List.of(edit));
        assertTrue(snapshot.holdsOrSupersedes(post));
        assertTrue(snapshot.holdsOrSupersedes(edit));

        CommentBook forged = bookOf(bob);
        forged.applyAll(List.of(Commenter.account("alice", random).edit(post, "forged", 9)));
        assertFalse(forged.holdsOrSupersedes(post), "another account's version supersedes nothing");
    }

    @Test
    void resolvesByTwoDevicesOfOneAccountAtTheSameClock_settleTheThreadAlikeInEitherOrder() {
        CommentRecord post = postOn(bob, "fox", "start", 1);
        CommentRecord resolve = laptop.resolve(note, post.threadId(), 2);
        CommentRecord reopen = phone.reopen(note, post.threadId(), 2);

        Boolean resolved = null;
        for (List<CommentRecord> order : orders(post, resolve, reopen)) {
            CommentBook book = bookOf(laptop);
            book.applyAll(order);
            boolean now = book.isResolved(post.threadId());
            if (resolved == null) {
                resolved = now;
            }
            assertEquals(resolved, now, order::toString);
        }
        boolean laptopKeyGreater = RecordOrder.compareUnsigned(resolve.author().toBytes(),
                reopen.author().toBytes()) > 0;
        assertEquals(laptopKeyGreater, resolved, "equal clocks: the greater signing key's state counts");
    }

    @Test
    void sameAuthor_isTheAccountForCertifiedRecords_andTheKeyForAnonymousOnes() {
        CommentRecord byLaptop = postOn(laptop, "fox", "a", 1);
        CommentRecord byPhone = postOn(phone, "dog", "b", 2);
        Commenter visitor = Commenter.anonymous("alice", random);
        CommentRecord byVisitor = postOn(visitor, "fox", "c", 3);

        assertTrue(CommentOwner.sameAuthor(byLaptop, byPhone));
        assertTrue(CommentOwner.sameAuthor(byLaptop, laptop.edit(byLaptop, "a2", 4)));
        assertTrue(CommentOwner.sameAuthor(byVisitor, visitor.edit(byVisitor, "c2", 5)));
        assertFalse(CommentOwner.sameAuthor(byLaptop, byVisitor));
        assertFalse(CommentOwner.sameAuthor(byVisitor, Commenter.anonymous("alice", random).post(note,
                byVisitor.anchor(), "d", 6)));
        assertFalse(CommentOwner.sameAuthor(byLaptop, postOn(Commenter.account("alice", random), "fox", "e", 7)));
        assertTrue(laptop.owner().owns(byPhone));
        assertFalse(bob.owner().owns(byPhone));
    }
}
