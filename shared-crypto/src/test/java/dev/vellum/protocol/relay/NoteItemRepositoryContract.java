package dev.vellum.protocol.relay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.protocol.id.NoteId;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.item.NoteItemKind;
import dev.vellum.protocol.item.UpdateHash;
import dev.vellum.protocol.seal.NoteKeys;
import dev.vellum.testing.TestAuthor;
import java.util.List;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What every {@link NoteItemRepository} does, whatever it stores in: the database store on the server and the
 * in-memory one behind the sync tests' relay each run these tests, so the test double cannot drift from the server.
 * Items are real signed items, sealed by {@link TestAuthor}s as clients would.
 */
public abstract class NoteItemRepositoryContract {
    private final JvmSecureRandomSource random = new JvmSecureRandomSource();
    private final NoteKeys keys = NoteKeys.generate(random);
    private final NoteId noteId = keys.noteId();
    private final TestAuthor alice = new TestAuthor(keys, random);
    private final TestAuthor bob = new TestAuthor(keys, random);
    /** The repositories' clock, moved by the tests: never slept on. */
    private long now = 1_700_000_000_000L;
    private NoteItemRepository repository;

    /** How long an unconfirmed snapshot keeps its updates in these tests. */
    protected static final long RETENTION_MILLIS = 60 * 60 * 1000;

    /**
     * A new, empty repository whose notes may hold at most {@code maxNoteBytes}, reading the time from {@code clock}
     * and keeping an unconfirmed snapshot's updates for {@code retentionMillis}.
     */
    protected abstract NoteItemRepository open(long maxNoteBytes, LongSupplier clock, long retentionMillis)
            throws Exception;

    /** The revisions the repository still holds for the note, in order, deleted ones left out. */
    protected abstract List<Long> storedRevisions(NoteId noteId) throws Exception;

    /** Releases what {@link #open()} took; nothing by default. */
    protected void close() throws Exception {
    }

    @BeforeEach
    void openRepository() throws Exception {
        repository = open(RelayRules.DEFAULT_MAX_NOTE_BYTES, () -> now, RETENTION_MILLIS);
    }

    @AfterEach
    void closeRepository() throws Exception {
        close();
    }

    @Nested
    class Chains {
        @Test
        void firstItemsOfSeveralAuthors_areStored_numberedFromOneWithoutGaps() throws Exception {
            assertEquals(new AppendResult.Stored(1), append(update(alice)));
            assertEquals(new AppendResult.Stored(2), append(update(bob)));
            assertEquals(new AppendResult.Stored(3), append(update(alice)));
            assertEquals(List.of(1L, 2L, 3L), storedRevisions(noteId));
        }

        @Test
        void replayOfAStoredItem_isAConflictNamingTheExpectedSequence_andStoresNothing() throws Exception {
            NoteItem first = update(alice);
            append(first);

            assertEquals(new AppendResult.ChainConflict(2), append(first));
            assertEquals(List.of(1L), storedRevisions(noteId));
        }

        @Test
        void newcomerStartingInTheMiddle_isAConflict() throws Exception {
            NoteItem first = update(alice);
            append(first);
            TestAuthor newcomer = new TestAuthor(keys, random);

            assertEquals(new AppendResult.ChainConflict(1),
                    append(newcomer.seal(NoteItemKind.UPDATE, 0, 2, first.hash(), new byte[0])));
            assertEquals(List.of(1L), storedRevisions(noteId));
        }

        @Test
        void forkNamingTheWrongPredecessor_isAConflict() throws Exception {
            NoteItem first = update(alice);
            append(first);
            append(update(alice));

            assertEquals(new AppendResult.ChainConflict(3),
                    append(alice.seal(NoteItemKind.UPDATE, 0, 3, first.hash(), new byte[0])));
            assertEquals(new AppendResult.ChainConflict(3),
                    append(alice.seal(NoteItemKind.UPDATE, 0, 3, UpdateHash.NONE, new byte[0])));
            assertEquals(2, repository.joinHistory(noteId, 0).latestRevision());
        }

        @Test
        void authorsChain_isKept_afterTheSnapshotThatDeletedItsItems() throws Exception {
            NoteItem first = update(alice);
            append(first);
            append(snapshot(bob, 1));
            confirm(2);
            assertEquals(List.of(2L), storedRevisions(noteId));

            assertEquals(new AppendResult.ChainConflict(2), append(first), "still a replay");
            assertEquals(new AppendResult.Stored(3), append(update(alice)));
        }

        @Test
        void notesNumberTheirItemsApart() throws Exception {
            NoteKeys otherKeys = NoteKeys.generate(random);
            TestAuthor elsewhere = new TestAuthor(otherKeys, random);
            append(update(alice));

            assertEquals(new AppendResult.Stored(1), append(update(elsewhere)));
            assertEquals(1, repository.joinHistory(otherKeys.noteId(), 0).latestRevision());
        }
    }

    @Nested
    class Snapshots {
        @Test
        void snapshotCoveringTheLatestRevision_isStored() throws Exception {
            append(update(alice));

            assertEquals(new AppendResult.Stored(2), append(snapshot(bob, 1)));
        }

        @Test
        void snapshotClaimingRevisionsThatDoNotExist_isRefused_andStoresNothing() throws Exception {
            append(update(alice));
            NoteItem beyond = bob.seal(NoteItemKind.SNAPSHOT, 2, 1, UpdateHash.NONE, new byte[] {2});

            assertEquals(new AppendResult.SnapshotBeyondHistory(1), append(beyond));
            assertEquals(List.of(1L), storedRevisions(noteId));
            assertEquals(new AppendResult.Stored(2), append(update(bob)), "the refused item did not move the chain");
        }

        @Test
        void storedSnapshot_keepsTheUpdatesItCovers_untilConfirmed() throws Exception {
            append(update(alice));
            append(update(bob));

            append(snapshot(alice, 2));

            assertEquals(List.of(1L, 2L, 3L), storedRevisions(noteId), "nobody has checked it yet");
        }

        @Test
        void confirmedSnapshot_deletesTheUpdatesItCovers_andKeepsLaterOnesAndOlderSnapshots() throws Exception {
            append(update(alice));
            append(update(bob));
            append(snapshot(alice, 2));
            append(update(bob));
            append(update(alice));
            append(snapshot(bob, 4));

            assertTrue(repository.confirm(noteId, 6));

            assertEquals(List.of(3L, 5L, 6L), storedRevisions(noteId));
        }

        @Test
        void confirmingANarrowerSnapshot_deletesOnlyWhatItCovers() throws Exception {
            append(update(alice));
            append(update(bob));
            append(snapshot(alice, 1));
            append(snapshot(bob, 2));

            confirm(3);

            assertEquals(List.of(2L, 3L, 4L), storedRevisions(noteId));
        }

        @Test
        void confirmingWhatIsNoStoredSnapshot_changesNothing() throws Exception {
            append(update(alice));
            append(snapshot(bob, 1));

            assertFalse(repository.confirm(noteId, 1), "an update");
            assertFalse(repository.confirm(noteId, 9), "beyond the note");
            assertFalse(repository.confirm(NoteId.random(random), 2), "another note");
            assertEquals(List.of(1L, 2L), storedRevisions(noteId));
            assertNull(repository.snapshotAt(noteId, 1));
            assertEquals(2, repository.snapshotAt(noteId, 2).revision());
        }

        @Test
        void unconfirmedSnapshot_letsItsUpdatesGo_onceOlderThanTheRetentionTime() throws Exception {
            append(update(alice));
            append(snapshot(alice, 1));
            now += RETENTION_MILLIS - 1;
            append(update(alice));
            assertEquals(List.of(1L, 2L, 3L), storedRevisions(noteId), "not yet");
            assertNull(repository.joinHistory(noteId, 0).base(), "not yet a base");

            now += 1;
            assertEquals(2, repository.joinHistory(noteId, 0).base().revision(), "a base once past the time");
            append(update(alice));

            assertEquals(List.of(2L, 3L, 4L), storedRevisions(noteId), "the next append lets them go");
        }
    }

    @Nested
    class Joining {
        @Test
        void newNote_hasNoBaseNoItems_andLatestRevisionZero() throws Exception {
            JoinHistory history = repository.joinHistory(noteId, 0);

            assertNull(history.base());
            assertTrue(history.items().isEmpty());
            assertEquals(0, history.latestRevision());
        }

        @Test
        void withoutSnapshots_aJoinerGetsWhatFollowsWhatItHas() throws Exception {
            NoteItem first = update(alice);
            append(first);
            append(update(bob));
            append(update(alice));

            JoinHistory fresh = repository.joinHistory(noteId, 0);
            assertNull(fresh.base());
            assertEquals(List.of(1L, 2L, 3L), revisions(fresh.items()));
            assertArrayEquals(first.encode(), fresh.items().get(0).item().encode());
            assertEquals(3, fresh.latestRevision());
            assertEquals(List.of(3L), revisions(repository.joinHistory(noteId, 2).items()));
        }

        @Test
        void snapshotCoveringMoreThanTheJoinerHas_isTheBase_followedByWhatComesAfterItsCoverage() throws Exception {
            for (int i = 0; i < 4; i++) {
                append(update(alice));
            }
            NoteItem snapshot = snapshot(bob, 3);
            append(snapshot);
            append(update(alice));
            confirm(5);

            JoinHistory history = repository.joinHistory(noteId, 1);

            assertEquals(5, history.base().revision());
            assertArrayEquals(snapshot.encode(), history.base().item().encode());
            assertEquals(List.of(4L, 6L), revisions(history.items()), "after what it covers, without itself");
            assertEquals(6, history.latestRevision());
        }

        @Test
        void joinerThatHasEverythingASnapshotCovers_getsNoBase_andTheSnapshotInItsTurn() throws Exception {
            for (int i = 0; i < 4; i++) {
                append(update(alice));
            }
            append(snapshot(bob, 3));
            append(update(alice));

            JoinHistory history = repository.joinHistory(noteId, 4);

            assertNull(history.base());
            assertEquals(List.of(5L, 6L), revisions(history.items()));
        }

        @Test
        void theSnapshotCoveringMost_isTheBase_evenIfANarrowerOneCameLater() throws Exception {
            for (int i = 0; i < 4; i++) {
                append(update(alice));
            }
            append(snapshot(alice, 4));
            append(snapshot(bob, 2)); // a slow client's, made before it saw revisions 3 and 4
            confirm(5);
            confirm(6);

            JoinHistory history = repository.joinHistory(noteId, 0);

            assertEquals(5, history.base().revision());
            assertEquals(List.of(6L), revisions(history.items()));
        }

        @Test
        void ofTwoSnapshotsCoveringAsMuch_theLaterIsTheBase() throws Exception {
            append(update(alice));
            append(snapshot(alice, 1));
            append(snapshot(bob, 1));
            confirm(2);
            confirm(3);

            assertEquals(3, repository.joinHistory(noteId, 0).base().revision());
        }

        @Test
        void unconfirmedSnapshot_isNotTheBase_theJoinerGetsTheUpdatesItCoversAndItInItsTurn() throws Exception {
            append(update(alice));
            append(update(bob));
            append(snapshot(bob, 2));
            append(update(alice));

            JoinHistory history = repository.joinHistory(noteId, 0);

            assertNull(history.base());
            assertEquals(List.of(1L, 2L, 3L, 4L), revisions(history.items()));
        }

        @Test
        void joinStartsFromTheWidestConfirmedSnapshot_andSendsALaterUnconfirmedOneWithWhatItCovers()
                throws Exception {
            append(update(alice));
            append(snapshot(alice, 1));
            append(update(bob));
            append(update(alice));
            append(snapshot(bob, 4)); // nobody has confirmed this one
            confirm(2);

            JoinHistory history = repository.joinHistory(noteId, 0);

            assertEquals(2, history.base().revision());
            assertEquals(List.of(3L, 4L, 5L), revisions(history.items()));
        }

        @Test
        void sinceBeyondTheLatestRevision_getsNoItems_andTheTrueLatestRevision() throws Exception {
            append(update(alice));
            append(snapshot(alice, 1));

            JoinHistory history = repository.joinHistory(noteId, 9);

            assertNull(history.base());
            assertTrue(history.items().isEmpty());
            assertEquals(2, history.latestRevision());
        }
    }

    @Nested
    class SizeLimit {
        private final int updateBytes = update(new TestAuthor(keys, random)).length();

        /** A repository whose notes hold three updates and a half. */
        private void openSmall() throws Exception {
            close();
            repository = open(3L * updateBytes + updateBytes / 2, () -> now, RETENTION_MILLIS);
        }

        @Test
        void itemThatWouldTakeTheNotePastItsLimit_isRefused_storingNothingAndKeepingTheChain() throws Exception {
            openSmall();
            for (int i = 0; i < 3; i++) {
                append(update(alice));
            }
            NoteItem fourth = alice.nextUpdate(new byte[] {1});

            AppendResult refused = append(fourth);
            assertEquals(new AppendResult.NoteTooLarge(4L * updateBytes, 3L * updateBytes + updateBytes / 2),
                    refused);
            assertEquals(List.of(1L, 2L, 3L), storedRevisions(noteId));
            assertEquals(refused, append(fourth), "the chain did not move: the same item is refused again");
        }

        @Test
        void snapshotThatShrinksAFullNote_isStored_judgedAfterItsDeletions_andMakesRoom() throws Exception {
            openSmall();
            for (int i = 0; i < 3; i++) {
                append(update(alice));
            }
            // About two updates' worth: with its updates kept the note holds five, once they go two.
            NoteItem large = bob.stored(bob.nextSnapshot(3, new byte[updateBytes]));

            assertEquals(new AppendResult.Stored(4), append(large), "stored past the limit: it will make room");
            assertTrue(append(alice.nextUpdate(new byte[] {1})) instanceof AppendResult.NoteTooLarge,
                    "its updates count until it is confirmed");
            confirm(4);
            assertEquals(new AppendResult.Stored(5), append(update(alice)),
                    "3 updates out once confirmed: room for one more update");
            assertTrue(append(update(alice)) instanceof AppendResult.NoteTooLarge);
        }

        @Test
        void otherNotes_haveTheirOwnLimit() throws Exception {
            openSmall();
            for (int i = 0; i < 3; i++) {
                append(update(alice));
            }
            TestAuthor elsewhere = new TestAuthor(NoteKeys.generate(random), random);

            assertEquals(new AppendResult.Stored(1), append(update(elsewhere)));
        }
    }

    @Nested
    class PagedJoin {
        @Test
        void itemsBetween_stopsAtTheItemLimit_andAtTheByteLimitAfterAtLeastOneItem() throws Exception {
            for (int i = 0; i < 5; i++) {
                append(update(alice));
            }
            int oneItem = update(bob).length();

            assertEquals(List.of(2L, 3L), revisions(repository.itemsBetween(noteId, 1, 5, 2, Long.MAX_VALUE)));
            assertEquals(List.of(3L, 4L), revisions(repository.itemsBetween(noteId, 2, 5, 9, oneItem + 1)));
            assertEquals(List.of(3L), revisions(repository.itemsBetween(noteId, 2, 5, 9, 1)), "one item at least");
            assertEquals(List.of(5L), revisions(repository.itemsBetween(noteId, 4, 9, 9, Long.MAX_VALUE)));
            assertTrue(repository.itemsBetween(noteId, 5, 9, 9, Long.MAX_VALUE).isEmpty());
        }

        @Test
        void joinReadInPages_sendsEveryRevisionOnce_inOrder_thenSaysItIsTheLast() throws Exception {
            for (int i = 0; i < 5; i++) {
                append(update(alice));
            }
            JoinPager pager = JoinPager.open(repository, noteId, 0, 2, Long.MAX_VALUE);

            assertEquals(List.of(1L, 2L), revisions(pager.next().items()));
            assertEquals(List.of(3L, 4L), revisions(pager.next().items()));
            JoinPage last = pager.next();
            assertEquals(List.of(5L), revisions(last.items()));
            assertTrue(last.last());
            assertEquals(5, pager.latestRevision());
        }

        @Test
        void itemAppendedDuringTheJoin_isNotPromised_theJoinStopsAtTheLatestItBeganWith() throws Exception {
            append(update(alice));
            append(update(alice));
            JoinPager pager = JoinPager.open(repository, noteId, 0, 1, Long.MAX_VALUE);
            pager.next();
            append(update(bob)); // relayed live to the joiner, not part of its history

            JoinPage last = pager.next();
            assertEquals(List.of(2L), revisions(last.items()));
            assertTrue(last.last());
            assertEquals(2, pager.latestRevision());
        }

        @Test
        void confirmationBetweenPages_deletingUpdatesNotSentYet_makesTheSnapshotTheNewBase_andNothingIsSkipped()
                throws Exception {
            for (int i = 0; i < 6; i++) {
                append(update(alice));
            }
            JoinPager pager = JoinPager.open(repository, noteId, 0, 2, Long.MAX_VALUE);
            assertEquals(List.of(1L, 2L), revisions(pager.next().items()));

            append(snapshot(bob, 4)); // revision 7
            append(update(alice)); // revision 8
            confirm(7); // deletes updates 1 to 4, of which 3 and 4 were not sent yet

            JoinPage restart = pager.next();
            assertEquals(7, restart.base().revision(), "the newer snapshot is sent as the base");
            List<StoredItem> rest = new java.util.ArrayList<>(restart.items());
            JoinPage page;
            do {
                page = pager.next();
                rest.addAll(page.items());
            } while (!page.last());
            assertEquals(List.of(5L, 6L, 8L), revisions(rest), "after what it covers, without itself");
            assertEquals(8, pager.latestRevision());
        }

        @Test
        void unconfirmedSnapshotStoredBetweenPages_deletesNothing_theJoinGoesOnWithTheUpdates() throws Exception {
            for (int i = 0; i < 4; i++) {
                append(update(alice));
            }
            JoinPager pager = JoinPager.open(repository, noteId, 0, 1, Long.MAX_VALUE);
            assertEquals(List.of(1L), revisions(pager.next().items()));
            append(snapshot(bob, 4));

            JoinHistory history = pager.readAll();

            assertNull(history.base());
            assertEquals(List.of(2L, 3L, 4L), revisions(history.items()), "the rest, with nothing deleted");
        }

        @Test
        void snapshotPastTheRetentionTimeBetweenPages_becomesTheNewBase_onceAnAppendLetsItsUpdatesGo()
                throws Exception {
            for (int i = 0; i < 4; i++) {
                append(update(alice));
            }
            append(snapshot(bob, 3));
            JoinPager pager = JoinPager.open(repository, noteId, 0, 1, Long.MAX_VALUE);
            pager.next();
            now += RETENTION_MILLIS;
            append(update(alice)); // revision 6: updates 1 to 3 go

            JoinHistory history = pager.readAll();

            assertEquals(5, history.base().revision());
            assertEquals(List.of(4L, 6L), revisions(history.items()), "after what it covers, up to the latest then");
            assertEquals(6, history.latestRevision());
        }

        @Test
        void snapshotCoveringEverythingStoredBetweenPages_endsTheJoinWithIt() throws Exception {
            for (int i = 0; i < 4; i++) {
                append(update(alice));
            }
            JoinPager pager = JoinPager.open(repository, noteId, 0, 1, Long.MAX_VALUE);
            pager.next();
            append(snapshot(bob, 4));
            confirm(5); // deletes every update

            JoinHistory history = pager.readAll();

            assertEquals(5, history.base().revision());
            assertTrue(history.items().isEmpty());
            assertEquals(5, history.latestRevision());
        }
    }

    @Nested
    class Versions {
        @Test
        void versions_areTheSnapshots_newestFirst_pagedByRevisionAndLimit() throws Exception {
            append(update(alice));
            append(snapshot(alice, 1));
            append(update(alice));
            append(snapshot(bob, 3));
            append(update(bob));

            assertEquals(List.of(4L, 2L), revisions(repository.snapshotsBefore(noteId, 10, 20)));
            assertEquals(List.of(2L), revisions(repository.snapshotsBefore(noteId, 4, 20)));
            assertEquals(List.of(4L), revisions(repository.snapshotsBefore(noteId, 10, 1)));
            assertTrue(repository.snapshotsBefore(noteId, 2, 20).isEmpty());
            assertTrue(repository.snapshotsBefore(NoteId.random(random), 10, 20).isEmpty());
        }

        @Test
        void aPageOfLargeSnapshots_stopsAtTheByteBound_withAtLeastOne() throws Exception {
            append(update(alice));
            for (long covers = 1; covers <= 4; covers++) {
                append(alice.stored(alice.nextSnapshot(covers, new byte[10_000])));
            }

            assertEquals(List.of(5L, 4L), revisions(repository.snapshotsBefore(noteId, 10, 20, 15_000)),
                    "the second crosses the bound and is the last");
            assertEquals(List.of(3L, 2L), revisions(repository.snapshotsBefore(noteId, 4, 20, 15_000)),
                    "the next page goes on from the oldest sent");
            assertEquals(List.of(5L), revisions(repository.snapshotsBefore(noteId, 10, 20, 1)),
                    "one larger than the bound is still listed alone");
            assertEquals(List.of(5L, 4L, 3L, 2L), revisions(repository.snapshotsBefore(noteId, 10, 20)),
                    "the default bound is a whole versions page");
        }

        @Test
        void aVersion_carriesTheStoredItem() throws Exception {
            append(update(alice));
            NoteItem snapshot = snapshot(bob, 1);
            append(snapshot);

            StoredItem version = repository.snapshotsBefore(noteId, 10, 20).get(0);

            assertArrayEquals(snapshot.encode(), version.item().encode());
            assertTrue(version.storedAtMillis() > 0);
        }
    }

    /**
     * Comment items (kind 3) are opaque to the relay like updates: numbered in the note's one sequence, part of their
     * author's chain, sent to joiners, counted in the note's size, and deleted with the updates a safe snapshot
     * covers (the snapshot carries every current comment record). Snapshots alone are versions.
     */
    @Nested
    class Comments {
        @Test
        void commentItems_areNumberedWithUpdates_continueTheAuthorsChain_andReachJoiners() throws Exception {
            NoteItem update = update(alice);
            NoteItem comment = comment(bob);
            assertEquals(new AppendResult.Stored(1), append(update));
            assertEquals(new AppendResult.Stored(2), append(comment));
            assertEquals(new AppendResult.Stored(3), append(comment(alice)), "alice's chain: update then comment");
            assertEquals(new AppendResult.ChainConflict(2), append(comment), "a replayed comment item");

            JoinHistory fresh = repository.joinHistory(noteId, 0);
            assertEquals(List.of(1L, 2L, 3L), revisions(fresh.items()));
            assertArrayEquals(comment.encode(), fresh.items().get(1).item().encode());
            assertEquals(NoteItemKind.COMMENT, fresh.items().get(2).item().kind());
        }

        @Test
        void aNewcomersFirstItem_mayBeAComment_butNotInTheMiddleOfAChain() throws Exception {
            NoteItem first = update(alice);
            append(first);
            TestAuthor newcomer = new TestAuthor(keys, random);

            assertEquals(new AppendResult.ChainConflict(1),
                    append(newcomer.seal(NoteItemKind.COMMENT, 0, 2, first.hash(), new byte[] {3})));
            assertEquals(new AppendResult.Stored(2), append(comment(newcomer)));
        }

        @Test
        void unconfirmedSnapshot_keepsTheCommentItemsItCovers() throws Exception {
            append(update(alice));
            append(comment(bob));
            append(snapshot(alice, 2));

            assertEquals(List.of(1L, 2L, 3L), storedRevisions(noteId));
            assertEquals(List.of(1L, 2L, 3L), revisions(repository.joinHistory(noteId, 0).items()));
        }

        @Test
        void confirmedSnapshot_deletesTheCommentItemsItCovers_withItsUpdates_andKeepsLaterOnes() throws Exception {
            append(comment(bob));
            append(update(alice));
            append(comment(alice));
            append(snapshot(alice, 3));
            append(comment(bob));

            confirm(4);

            assertEquals(List.of(4L, 5L), storedRevisions(noteId));
            JoinHistory history = repository.joinHistory(noteId, 0);
            assertEquals(4, history.base().revision());
            assertEquals(List.of(5L), revisions(history.items()), "the later comment item, after the base");
        }

        @Test
        void unconfirmedSnapshot_letsItsCommentItemsGo_onceOlderThanTheRetentionTime() throws Exception {
            append(comment(alice));
            append(snapshot(bob, 1));
            now += RETENTION_MILLIS;

            append(comment(alice));

            assertEquals(List.of(2L, 3L), storedRevisions(noteId));
        }

        @Test
        void commentItems_countTowardTheNoteSize_andASnapshotFreesTheirBytes() throws Exception {
            int commentBytes = comment(new TestAuthor(keys, random)).length();
            close();
            repository = open(3L * commentBytes + commentBytes / 2, () -> now, RETENTION_MILLIS);
            for (int i = 0; i < 3; i++) {
                append(comment(alice));
            }
            assertTrue(append(alice.nextCommentItem(new byte[] {3})) instanceof AppendResult.NoteTooLarge,
                    "a fourth comment item does not fit");

            // About two comment items' worth: stored past the limit only because it frees the three it covers.
            assertEquals(new AppendResult.Stored(4), append(bob.stored(bob.nextSnapshot(3, new byte[commentBytes]))));
            confirm(4);

            assertEquals(new AppendResult.Stored(5), append(comment(alice)),
                    "the three comment items' bytes were taken off the note's size");
            assertTrue(append(alice.nextCommentItem(new byte[] {3})) instanceof AppendResult.NoteTooLarge);
        }

        @Test
        void pagedJoin_sendsCommentItemsInTurn_andGoesOnFromASnapshotConfirmedBetweenPages() throws Exception {
            append(update(alice));
            append(comment(bob));
            append(comment(alice));
            append(comment(bob));
            JoinPager pager = JoinPager.open(repository, noteId, 0, 2, Long.MAX_VALUE);
            assertEquals(List.of(1L, 2L), revisions(pager.next().items()));

            append(snapshot(alice, 3)); // revision 5
            append(comment(bob)); // revision 6
            confirm(5); // deletes revisions 1 to 3, of which 3 was not sent yet

            JoinPage restart = pager.next();
            assertEquals(5, restart.base().revision(), "the snapshot carrying the comments is the new base");
            List<StoredItem> rest = new java.util.ArrayList<>(restart.items());
            JoinPage page = restart;
            while (!page.last()) {
                page = pager.next();
                rest.addAll(page.items());
            }
            assertEquals(List.of(4L, 6L), revisions(rest), "the comment items after what it covers");
        }

        @Test
        void commentItems_areNoVersions() throws Exception {
            append(comment(alice));
            append(snapshot(alice, 1));
            append(comment(bob));

            assertEquals(List.of(2L), revisions(repository.snapshotsBefore(noteId, 10, 20)));
            assertFalse(repository.confirm(noteId, 1), "a comment item is no snapshot to confirm");
            assertNull(repository.snapshotAt(noteId, 3));
        }
    }

    private AppendResult append(NoteItem item) throws StorageException {
        return repository.append(item);
    }

    /** Another reader's confirmation of the snapshot stored as {@code revision}, as the relay counts it. */
    private void confirm(long revision) throws StorageException {
        assertTrue(repository.confirm(noteId, revision), "revision " + revision + " is a stored snapshot");
    }

    /** The author's next update, counted as part of their chain whether or not the repository takes it. */
    private static NoteItem update(TestAuthor author) {
        return author.stored(author.nextUpdate(new byte[] {1}));
    }

    /** The author's next comment item, counted as part of their chain whether or not the repository takes it. */
    private static NoteItem comment(TestAuthor author) {
        return author.stored(author.nextCommentItem(new byte[] {3}));
    }

    private static NoteItem snapshot(TestAuthor author, long covers) {
        return author.stored(author.nextSnapshot(covers, new byte[] {2}));
    }

    private static List<Long> revisions(List<StoredItem> items) {
        return items.stream().map(StoredItem::revision).toList();
    }
}
