package dev.vellum.protocol.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vellum.crypto.random.JvmSecureRandomSource;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.seal.NoteKeys;
import dev.vellum.protocol.wire.Frame;
import dev.vellum.protocol.wire.FrameCodec;
import dev.vellum.testing.TestAuthor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryPagesTest {
    private final JvmSecureRandomSource random = new JvmSecureRandomSource();
    private final TestAuthor alice = new TestAuthor(NoteKeys.generate(random), random);

    @Test
    void join_sendsTheBaseFirst_theItemsInOrder_thenCaughtUp() throws Exception {
        StoredItem base = new StoredItem(3, 0, alice.stored(alice.nextSnapshot(2, new byte[] {2})));
        List<StoredItem> tail = List.of(stored(4, 10), stored(5, 10));

        List<Frame> frames = decode(HistoryPages.join(new JoinHistory(base, tail, 5)));

        assertEquals(3, frames.size());
        assertEquals(3, ((Frame.Snapshot) frames.get(0)).revision());
        assertEquals(List.of(4L, 5L), revisions((Frame.History) frames.get(1)));
        assertEquals(new Frame.CaughtUp(5), frames.get(2));
    }

    @Test
    void join_cutsALongTailIntoFramesOfAboutTheTargetSize() throws Exception {
        int itemBody = Frame.History.TARGET_BYTES / 3;
        List<StoredItem> tail = new ArrayList<>();
        for (int revision = 1; revision <= 7; revision++) {
            tail.add(stored(revision, itemBody));
        }

        List<Frame> frames = decode(HistoryPages.join(new JoinHistory(null, tail, 7)));

        // Each item is a little over a third of the target: a frame closes once its third item passes the target.
        assertEquals(List.of(1L, 2L, 3L), revisions((Frame.History) frames.get(0)));
        assertEquals(List.of(4L, 5L, 6L), revisions((Frame.History) frames.get(1)));
        assertEquals(List.of(7L), revisions((Frame.History) frames.get(2)));
        assertEquals(new Frame.CaughtUp(7), frames.get(3));
    }

    @Test
    void join_ofANewNote_isJustCaughtUpZero() throws Exception {
        assertEquals(List.of(new Frame.CaughtUp(0)), decode(HistoryPages.join(new JoinHistory(null, List.of(), 0))));
    }

    @Test
    void versions_listsEveryEntry_andSaysMoreOnlyWhenThePageWasFull() throws Exception {
        List<StoredItem> two = List.of(stored(4, 10), stored(2, 10));

        List<Frame> partPage = decode(HistoryPages.versions(two, 20));
        assertEquals(3, partPage.size());
        assertEquals(4, ((Frame.HistoryEntry) partPage.get(0)).revision());
        assertFalse(((Frame.HistoryEnd) partPage.get(2)).more());

        List<Frame> fullPage = decode(HistoryPages.versions(two, 2));
        assertTrue(((Frame.HistoryEnd) fullPage.get(2)).more(), "a full page may have more behind it");
    }

    @Test
    void versions_stopPastTheByteBudget_andSayThereIsMore() throws Exception {
        StoredItem large = stored(9, 1024 * 1024);
        int fit = HistoryPages.MAX_VERSIONS_BYTES / large.item().length() + 1; // the one that crosses is still sent
        List<StoredItem> listed = Collections.nCopies(fit + 3, large);

        List<byte[]> frames = HistoryPages.versions(listed, 100);

        assertEquals(fit + 1, frames.size());
        assertInstanceOf(Frame.HistoryEnd.class, FrameCodec.decode(frames.get(fit)));
        assertTrue(((Frame.HistoryEnd) FrameCodec.decode(frames.get(fit))).more());
    }

    @Test
    void versions_thatReachTheByteBudget_sayThereIsMore_evenIfTheStoreListedNoMore() throws Exception {
        StoredItem large = stored(9, 1024 * 1024);
        int fit = HistoryPages.MAX_VERSIONS_BYTES / large.item().length() + 1; // what the store lists, cut by bytes
        List<StoredItem> listed = Collections.nCopies(fit, large);

        List<byte[]> frames = HistoryPages.versions(listed, 100);

        assertEquals(fit + 1, frames.size());
        assertTrue(((Frame.HistoryEnd) FrameCodec.decode(frames.get(fit))).more(), "the client asks again");
    }

    private StoredItem stored(long revision, int bodyBytes) {
        NoteItem item = alice.stored(alice.nextUpdate(new byte[bodyBytes]));
        return new StoredItem(revision, 1_700_000_000_000L, item);
    }

    private static List<Frame> decode(List<byte[]> frames) throws InvalidMessageException {
        List<Frame> decoded = new ArrayList<>();
        for (byte[] frame : frames) {
            decoded.add(FrameCodec.decode(frame));
        }
        return decoded;
    }

    private static List<Long> revisions(Frame.History history) {
        return history.revisions().stream().map(Frame.Revision::revision).toList();
    }
}
