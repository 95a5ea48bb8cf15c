package dev.vellum.client.comment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.client.crdt.AnchoredRange;
import dev.vellum.client.crdt.ReplicaId;
import dev.vellum.client.crdt.TextDocument;
import dev.vellum.client.people.PersonName;
import dev.vellum.protocol.comment.CommentDraft;
import dev.vellum.protocol.comment.CommentRecord;
import dev.vellum.protocol.comment.CommentType;
import dev.vellum.protocol.id.CommentId;
import dev.vellum.protocol.id.NoteId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommentBookTest {
    private final SeededRandomSource random = new SeededRandomSource(11);
    private final NoteId note = NoteId.random(random);
    private final Commenter alice = Commenter.account("alice", random);
    private final Commenter bob = Commenter.account("bob", random);
    private final Commenter visitor = Commenter.anonymous("Merry Otter", random);
    private final TextDocument doc = new TextDocument(ReplicaId.of(new byte[] {1}));

    CommentBookTest() {
        doc.insert(0, "The quick brown fox jumps over the lazy dog");
    }

    private CommentBook bookOf(Commenter reader) {
        return new CommentBook(note, reader.keyId());
    }

    private CommentRecord postOn(Commenter author, String word, String text, long clock) {
        int start = doc.text().indexOf(word);
        return author.post(note, doc.anchorOf(start, start + word.length()), text, clock);
    }

    @Test
    void postedThread_isShownAtItsAnchoredText_withItsAuthorAndText() {
        CommentBook book = bookOf(alice);
        ApplyResult result = book.apply(postOn(bob, "brown", "Which brown?", 1));

        assertTrue(result.changed());
        List<CommentThread> threads = book.threads(doc);
        assertEquals(1, threads.size());
        CommentThread thread = threads.get(0);
        assertEquals(AnchoredRange.of(10, 15), thread.range());
        assertEquals("brown", thread.quote());
        assertFalse(thread.resolved());
        CommentView comment = thread.comments().get(0);
        assertEquals("Which brown?", comment.text());
        assertEquals(PersonName.account("bob"), comment.author());
        assertEquals("bob", comment.authorName());
        assertFalse(comment.mine());
        assertFalse(comment.edited());
        assertEquals(1, book.openThreadCount());
    }

    @Test
    void anonymousAuthor_isNamedByTheirChosenName_andTheirOwnCommentIsMine() {
        CommentBook book = bookOf(visitor);
        book.apply(postOn(visitor, "fox", "Nice fox", 1));

        CommentView comment = book.threads(doc).get(0).comments().get(0);
        assertEquals(PersonName.anonymous("Merry Otter"), comment.author());
        assertEquals("Merry Otter (no account)", comment.author().label());
        assertTrue(comment.mine());
    }

    @Test
    void applyingARecordTwice_changesNothingTheSecondTime() {
        CommentBook book = bookOf(alice);
        CommentRecord post = postOn(bob, "fox", "Hm", 1);
        book.apply(post);

        ApplyResult again = book.apply(post);

        assertFalse(again.changed());
        assertTrue(again.warnings().isEmpty());
        assertEquals(List.of(post), book.currentRecords());
    }

    @Test
    void higherEditBySameAuthor_wins_whicheverArrivesFirst() {
        CommentRecord post = postOn(bob, "fox", "first", 1);
        CommentRecord edit = bob.edit(post, "second", 2);
        CommentRecord third = bob.edit(edit, "third", 3);
        for (List<CommentRecord> order : List.of(List.of(post, edit, third), List.of(third, post, edit),
                List.of(edit, third, post))) {
            CommentBook book = bookOf(alice);
            book.applyAll(order);

            CommentView comment = book.threads(doc).get(0).comments().get(0);
            assertEquals("third", comment.text());
            assertTrue(comment.edited());
            assertEquals(third, book.comment(post.recordId()));
        }
    }

    @Test
    void olderEdit_arrivingLate_changesNothing() {
        CommentBook book = bookOf(alice);
        CommentRecord post = postOn(bob, "fox", "first", 1);
        CommentRecord edit = bob.edit(post, "second", 2);
        book.apply(edit);

        ApplyResult late = book.apply(post);

        assertFalse(late.changed());
        assertEquals("second", book.threads(doc).get(0).comments().get(0).text());
    }

    @Test
    void forgedEdit_byAnotherKey_isRefused_andWarnedOnce_namingBoth() {
        CommentBook book = bookOf(alice);
        CommentRecord post = postOn(bob, "fox", "bob's words", 1);
        book.apply(post);
        CommentRecord forged = visitor.sign(CommentDraft.edit(post, "words put in bob's mouth", 2, 5));

        ApplyResult result = book.apply(forged);
        ApplyResult again = book.apply(forged);

        assertFalse(result.changed());
        assertEquals(1, result.warnings().size());
        CommentWarning warning = result.warnings().get(0);
        assertEquals(CommentWarning.Kind.FORGED_EDIT, warning.kind());
        assertEquals(post.recordId(), warning.commentId());
        assertEquals(visitor.keyId(), warning.sender());
        assertEquals(bob.keyId(), warning.holder());
        assertTrue(warning.message().contains("Merry Otter (no account)") && warning.message().contains("bob"),
                warning.message());
        assertTrue(again.warnings().isEmpty());
        assertEquals("bob's words", book.threads(doc).get(0).comments().get(0).text());
        assertEquals(List.of(post), book.currentRecords());
    }

    @Test
    void forgedDeletion_byAnotherKey_isRefused() {
        CommentBook book = bookOf(alice);
        CommentRecord post = postOn(bob, "fox", "keep me", 1);
        book.apply(post);

        ApplyResult result = book.apply(alice.sign(CommentDraft.delete(post, 2, 5)));

        assertEquals(CommentWarning.Kind.FORGED_EDIT, result.warnings().get(0).kind());
        assertEquals(1, book.threads(doc).size());
    }

    @Test
    void equivocation_sameEditTwoVersions_keepsTheFirstEncoding_inEitherOrder_andWarns() {
        CommentRecord post = postOn(bob, "fox", "first", 1);
        CommentRecord one = bob.edit(post, "version one", 2);
        CommentRecord two = bob.edit(post, "version two", 2);
        CommentRecord kept = compareUnsigned(one.encode(), two.encode()) < 0 ? one : two;
        for (List<CommentRecord> order : List.of(List.of(post, one, two), List.of(post, two, one))) {
            CommentBook book = bookOf(alice);
            ApplyResult result = book.applyAll(order);

            assertEquals(kept, book.comment(post.recordId()));
            assertEquals(1, result.warnings().size());
            assertEquals(CommentWarning.Kind.EQUIVOCATION, result.warnings().get(0).kind());
        }
    }

    @Test
    void sameAuthorMovingACommentToAnotherParent_isRefused() {
        CommentBook book = bookOf(alice);
        CommentRecord post = postOn(bob, "fox", "start", 1);
        CommentRecord reply = alice.reply(post, "a reply", 2);
        CommentRecord other = alice.reply(post, "another reply", 3);
        book.applyAll(List.of(post, reply, other));
        CommentRecord moved = alice.sign(new CommentDraft(CommentType.COMMENT, note, post.threadId(),
                reply.recordId(), other.recordId(), 1, 4, 5, false, false, null, "moved", ""));

        ApplyResult result = book.apply(moved);

        assertEquals(CommentWarning.Kind.EQUIVOCATION, result.warnings().get(0).kind());
        assertEquals(reply, book.comment(reply.recordId()));
    }

    @Test
    void replyBeforeItsParent_waits_andIsAppliedWhenTheParentArrives() {
        CommentBook book = bookOf(alice);
        CommentRecord post = postOn(bob, "fox", "start", 1);
        CommentRecord reply = alice.reply(post, "answer", 2);
        CommentRecord replyToReply = bob.reply(reply, "answer to the answer", 3);

        ApplyResult early = book.applyAll(List.of(replyToReply, reply));
        assertFalse(early.changed());
        assertEquals(List.of(replyToReply, reply), early.waiting());
        assertEquals(2, book.waitingCount());
        assertTrue(book.threads(doc).isEmpty());

        ApplyResult arrived = book.apply(post);
        assertEquals(List.of(post, reply, replyToReply), arrived.applied());
        assertEquals(0, book.waitingCount());
        List<CommentView> comments = book.threads(doc).get(0).comments();
        assertEquals(List.of("start", "answer", "answer to the answer"), texts(comments));
        assertEquals(reply.recordId(), comments.get(2).parentId());
    }

    @Test
    void replyNamingAnotherThreadThanItsParents_isRefused() {
        CommentBook book = bookOf(alice);
        CommentRecord first = postOn(bob, "fox", "one", 1);
        CommentRecord second = postOn(bob, "dog", "two", 2);
        book.applyAll(List.of(first, second));
        CommentRecord crossed = alice.sign(CommentDraft.reply(note, second.threadId(), first.recordId(), "crossed", 3,
                5, "", random));

        ApplyResult result = book.apply(crossed);

        assertEquals(CommentWarning.Kind.WRONG_THREAD, result.warnings().get(0).kind());
        assertNull(book.comment(crossed.recordId()));
    }

    @Test
    void recordForAnotherNote_isRefused() {
        CommentBook book = bookOf(alice);
        NoteId elsewhere = NoteId.random(random);
        CommentRecord foreign = bob.post(elsewhere, doc.anchorOf(0, 3), "elsewhere", 1);

        ApplyResult result = book.apply(foreign);

        assertEquals(CommentWarning.Kind.WRONG_NOTE, result.warnings().get(0).kind());
        assertTrue(book.currentRecords().isEmpty());
    }

    @Test
    void threadState_withTheGreatestClock_counts_inAnyOrder() {
        CommentRecord post = postOn(bob, "fox", "start", 1);
        CommentRecord resolve = alice.resolve(note, post.threadId(), 2);
        CommentRecord reopen = bob.reopen(note, post.threadId(), 3);
        CommentRecord resolveAgain = visitor.resolve(note, post.threadId(), 4);
        List<CommentRecord> records = new ArrayList<>(List.of(post, resolve, reopen, resolveAgain));
        for (int shuffle = 0; shuffle < 6; shuffle++) {
            Collections.shuffle(records, new java.util.Random(shuffle)); // test order only
            CommentBook book = bookOf(alice);
            book.applyAll(records);

            assertTrue(book.isResolved(post.threadId()));
            assertTrue(book.threads(doc).get(0).resolved());
            assertEquals(0, book.openThreadCount());
        }
    }

    @Test
    void concurrentThreadStates_withEqualClocks_areSettledByAuthorKeyBytes() {
        CommentRecord post = postOn(bob, "fox", "start", 1);
        CommentRecord byAlice = alice.resolve(note, post.threadId(), 2);
        CommentRecord byBob = bob.reopen(note, post.threadId(), 2);
        boolean aliceWins = compareUnsigned(byAlice.author().toBytes(), byBob.author().toBytes()) > 0;

        CommentBook first = bookOf(alice);
        first.applyAll(List.of(post, byAlice, byBob));
        CommentBook second = bookOf(bob);
        second.applyAll(List.of(byBob, byAlice, post));

        assertEquals(aliceWins, first.isResolved(post.threadId()));
        assertEquals(aliceWins, second.isResolved(post.threadId()));
    }

    @Test
    void resolveBeforeItsThread_waits() {
        CommentBook book = bookOf(alice);
        CommentRecord post = postOn(bob, "fox", "start", 1);
        CommentRecord resolve = alice.resolve(note, post.threadId(), 2);

        assertEquals(List.of(resolve), book.apply(resolve).waiting());
        book.apply(post);

        assertTrue(book.isResolved(post.threadId()));
    }

    @Test
    void nextClock_isOneMoreThanTheHighestHeld_waitingRecordsIncluded() {
        CommentBook book = bookOf(alice);
        assertEquals(1, book.nextClock());
        CommentRecord post = postOn(bob, "fox", "start", 4);
        book.apply(post);
        assertEquals(5, book.nextClock());

        book.apply(alice.reply(alice.reply(post, "unseen", 6), "waits", 9));

        assertEquals(10, book.nextClock());
    }

    @Test
    void currentRecords_carryLatestVersionsStatesAndWaiting_andRebuildTheSameThreads() {
        CommentBook book = bookOf(alice);
        CommentRecord post = postOn(bob, "fox", "start", 1);
        CommentRecord edit = bob.edit(post, "edited", 2);
        CommentRecord reply = alice.reply(post, "reply", 3);
        CommentRecord resolve = alice.resolve(note, post.threadId(), 4);
        CommentRecord reopen = bob.reopen(note, post.threadId(), 5);
        CommentRecord orphan = alice.reply(alice.reply(post, "never arrives", 6), "waits", 7);
        book.applyAll(List.of(post, edit, reply, resolve, reopen, orphan));

        List<CommentRecord> carried = book.currentRecords();

        assertEquals(List.of(edit, reply, reopen, orphan), carried);
        CommentBook rebuilt = bookOf(bob);
        rebuilt.applyAll(carried);
        assertEquals(projection(book.threads(doc)), projection(rebuilt.threads(doc)));
        assertEquals(1, rebuilt.waitingCount());
    }

    @Test
    void bookFromASnapshotsRecords_holdsOrSupersedesEveryRecordApplied_butNotOneItDropped() {
        CommentBook book = bookOf(alice);
        CommentRecord post = postOn(bob, "fox", "start", 1);
        CommentRecord edit = bob.edit(post, "edited", 2);
        CommentRecord reply = alice.reply(post, "reply", 3);
        CommentRecord resolve = alice.resolve(note, post.threadId(), 4);
        CommentRecord reopen = bob.reopen(note, post.threadId(), 5);
        CommentRecord orphan = alice.reply(alice.reply(post, "never arrives", 6), "waits", 7);
        List<CommentRecord> applied = List.of(post, edit, reply, resolve, reopen, orphan);
        book.applyAll(applied);

        CommentBook snapshot = bookOf(bob);
        snapshot.applyAll(book.currentRecords());
        for (CommentRecord record : applied) {
            assertTrue(snapshot.holdsOrSupersedes(record), record.toString());
        }
        CommentBook dropped = bookOf(bob);
        dropped.applyAll(List.of(post, resolve, orphan));
        assertFalse(dropped.holdsOrSupersedes(reply));
        assertFalse(dropped.holdsOrSupersedes(edit));
        assertFalse(dropped.holdsOrSupersedes(reopen));
        CommentRecord forgedLater = visitor.sign(CommentDraft.edit(edit, "forged", 9, 5));
        CommentBook forged = bookOf(bob);
        forged.applyAll(List.of(forgedLater));
        assertFalse(forged.holdsOrSupersedes(post), "a record by another key supersedes nothing");
    }

    @Test
    void threads_comeInTextOrder_withDetachedOnesAfter() {
        CommentBook book = bookOf(alice);
        CommentRecord dog = postOn(bob, "dog", "on dog", 1);
        CommentRecord quick = postOn(bob, "quick", "on quick", 2);
        CommentRecord fox = postOn(alice, "fox", "on fox", 3);
        book.applyAll(List.of(dog, quick, fox));
        int foxAt = doc.text().indexOf("fox");
        doc.delete(foxAt, 3);

        List<CommentThread> threads = book.threads(doc);

        assertEquals(List.of(quick.threadId(), dog.threadId(), fox.threadId()), threadIds(threads));
        assertTrue(threads.get(2).detached());
        assertEquals("fox", threads.get(2).quote());
        assertEquals(3, book.openThreadCount());
    }

    @Test
    void deletedComment_isShownDeleted_andAThreadWhollyDeleted_isGone() {
        CommentBook book = bookOf(alice);
        CommentRecord post = postOn(bob, "fox", "start", 1);
        CommentRecord reply = alice.reply(post, "reply", 2);
        book.applyAll(List.of(post, reply, bob.delete(post, 3)));

        CommentView deleted = book.threads(doc).get(0).comments().get(0);
        assertTrue(deleted.deleted());
        assertEquals("", deleted.text());
        assertFalse(deleted.edited());

        book.apply(alice.delete(reply, 4));
        assertTrue(book.threads(doc).isEmpty());
        assertEquals(0, book.openThreadCount());
    }

    @Test
    void replies_comeInReplyOrder_eachFollowedByItsOwnReplies() {
        CommentBook book = bookOf(alice);
        CommentRecord post = postOn(bob, "fox", "root", 1);
        CommentRecord a = alice.reply(post, "a", 2);
        CommentRecord b = bob.reply(post, "b", 3);
        CommentRecord a1 = bob.reply(a, "a1", 4);
        book.applyAll(List.of(b, a1, a, post));

        assertEquals(List.of("root", "a", "a1", "b"), texts(book.threads(doc).get(0).comments()));
    }

    private static List<String> texts(List<CommentView> comments) {
        List<String> texts = new ArrayList<>();
        for (CommentView comment : comments) {
            texts.add(comment.text());
        }
        return texts;
    }

    private static List<CommentId> threadIds(List<CommentThread> threads) {
        List<CommentId> ids = new ArrayList<>();
        for (CommentThread thread : threads) {
            ids.add(thread.threadId());
        }
        return ids;
    }

    /** What every reader must agree on: everything but whose own each comment is. */
    static List<String> projection(List<CommentThread> threads) {
        List<String> lines = new ArrayList<>();
        for (CommentThread thread : threads) {
            lines.add(thread.threadId() + " " + thread.range() + " " + thread.resolved() + " " + thread.quote());
            for (CommentView c : thread.comments()) {
                lines.add("  " + c.id() + " < " + c.parentId() + " " + c.author() + " " + c.deleted() + " "
                        + c.edited() + " " + c.text());
            }
        }
        return lines;
    }

    private static int compareUnsigned(byte[] a, byte[] b) {
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            if (a[i] != b[i]) {
                return (a[i] & 0xff) - (b[i] & 0xff);
            }
        }
        return a.length - b.length;
    }
}
