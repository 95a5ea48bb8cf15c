package dev.vellum.protocol.relay;

import dev.vellum.protocol.wire.Frame;
import dev.vellum.protocol.wire.FrameCodec;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts what the relay sends into frames of bounded size, encoded: a joiner's history (base snapshot, items many to
 * a frame, then "caught up") and a page of versions (entries up to a byte budget, then whether more remain).
 */
public final class HistoryPages {
    /** A page of versions stops growing past this many bytes, whatever its limit said. */
    public static final int MAX_VERSIONS_BYTES = 8 * 1024 * 1024;

    private HistoryPages() {
    }

    /**
     * The frames that bring a joiner up to date: the base snapshot if any, the items after it in
     * {@link Frame.History} frames of about {@link Frame.History#TARGET_BYTES} each (a long tail costs the browser a
     * few messages, not one per item), then {@link Frame.CaughtUp}.
     */
    public static List<byte[]> join(JoinHistory history) {
        return page(new JoinPage(history.base(), history.items(), true), history.latestRevision());
    }

    /**
     * The frames of one page of a joiner's history, as {@link #join} cuts them; the last page ends with
     * {@link Frame.CaughtUp} to {@code latestRevision}.
     */
    public static List<byte[]> page(JoinPage page, long latestRevision) {
        List<byte[]> frames = new ArrayList<>();
        if (page.base() != null) {
            frames.add(FrameCodec.encode(new Frame.Snapshot(page.base().revision(), page.base().item())));
        }
        List<Frame.Revision> batch = new ArrayList<>();
        int batchBytes = 0;
        for (StoredItem stored : page.items()) {
            batch.add(new Frame.Revision(stored.revision(), stored.item()));
            batchBytes += stored.item().length();
            if (batchBytes >= Frame.History.TARGET_BYTES) {
                frames.add(FrameCodec.encode(new Frame.History(batch)));
                batch = new ArrayList<>();
                batchBytes = 0;
            }
        }
        if (!batch.isEmpty()) {
            frames.add(FrameCodec.encode(new Frame.History(batch)));
        }
        if (page.last()) {
            frames.add(FrameCodec.encode(new Frame.CaughtUp(latestRevision)));
        }
        return frames;
    }

    /**
     * The frames answering a request for up to {@code limit} versions, given the snapshots listed for it: one
     * {@link Frame.HistoryEntry} each until {@link #MAX_VERSIONS_BYTES} are reached (the client asks again from the
     * oldest it got), then {@link Frame.HistoryEnd} saying whether there may be more.
     */
    public static List<byte[]> versions(List<StoredItem> listed, int limit) {
        List<byte[]> frames = new ArrayList<>();
        int bytes = 0;
        int sent = 0;
        for (StoredItem snapshot : listed) {
            if (bytes >= MAX_VERSIONS_BYTES) {
                break;
            }
            sent++;
            byte[] frame = FrameCodec.encode(new Frame.HistoryEntry(snapshot.revision(), snapshot.storedAtMillis(),
                    snapshot.item()));
            frames.add(frame);
            bytes += frame.length;
        }
        // The store too stops listing at the byte bound (see NoteItemRepository), so a page that reached it may have
        // more behind it even if every listed snapshot was sent.
        boolean more = sent < listed.size() || listed.size() == limit || bytes >= MAX_VERSIONS_BYTES;
        frames.add(FrameCodec.encode(new Frame.HistoryEnd(more)));
        return frames;
    }
}
