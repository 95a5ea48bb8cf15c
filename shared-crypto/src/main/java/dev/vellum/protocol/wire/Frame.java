package dev.vellum.protocol.wire;

import dev.vellum.protocol.item.NoteItem;
import java.util.Arrays;

/**
 * A WebSocket message between a client and the relay. Every frame is binary: a version byte, a type byte, then the
 * body.
 * {@link FrameCodec} turns frames into bytes and back.
 */
public sealed interface Frame {
    /** Client to server: store this item (an update or a snapshot) and relay it to the note's other readers. */
    record Publish(NoteItem item) implements Frame {
    }

    /**
     * Server to client: a stored item and the revision number the server gave it, from the note's history on joining
     * or just published by someone else. The numbers order the history; the server assigns them, so readers check
     * each author's own sequence and hash chain rather than trusting them.
     */
    record Revision(long revision, NoteItem item) implements Frame {
    }

    /**
     * Server to client on joining: consecutive stored items, many to a frame, so a long history costs a few
     * messages rather than one per item. Each is handled as a {@link Revision}.
     */
    record History(java.util.List<Revision> revisions) implements Frame {
        /** The server stops adding items to a frame once it holds this many bytes. */
        public static final int TARGET_BYTES = 256 * 1024;

        public History {
            revisions = java.util.List.copyOf(revisions);
        }
    }

    /**
     * Server to client, first on joining when it covers more than the client has: the note's latest snapshot. The
     * items it covers are not sent; the client starts from its state.
     */
    record Snapshot(long revision, NoteItem item) implements Frame {
    }

    /** Client to server: list up to {@code limit} snapshots stored before revision {@code before}, newest first. */
    record HistoryRequest(long before, int limit) implements Frame {
        public static final int MAX_LIMIT = 50;

        public HistoryRequest {
            if (before < 1 || limit < 1 || limit > MAX_LIMIT) {
                throw new IllegalArgumentException("history requests need before >= 1 and 1 <= limit <= "
                        + MAX_LIMIT);
            }
        }
    }

    /** Server to client, answering a {@link HistoryRequest}: one stored snapshot and when the server stored it. */
    record HistoryEntry(long revision, long storedAtMillis, NoteItem snapshot) implements Frame {
    }

    /**
     * Server to client: the {@link HistoryEntry} frames answering the last {@link HistoryRequest} are all sent;
     * {@code more} says whether older versions remain (ask again from the oldest one sent).
     */
    record HistoryEnd(boolean more) implements Frame {
    }

    /**
     * Either way: where a person's caret is, as a {@link dev.vellum.protocol.item.SignedPresence}: sealed with the
     * note's presence key so the server sees only bytes, and signed by its author and the note's write key, which the
     * server checks before relaying it to the note's other readers. Never stored.
     */
    record Presence(byte[] sealed) implements Frame {
        /** Room for the longest presence message (255-byte replica ids) and the 265 bytes of keys and signatures. */
        public static final int MAX_LENGTH = 2048;

        public Presence {
            sealed = sealed.clone();
        }

        @Override
        public byte[] sealed() {
            return sealed.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Presence presence && Arrays.equals(sealed, presence.sealed);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(sealed);
        }

        @Override
        public String toString() {
            return "Presence[" + sealed.length + " bytes]";
        }
    }

    /**
     * Client to server: this reader replayed the updates the snapshot stored under the confirmation's revision covers
     * and found its text right; once an author other than the snapshot's own confirms it, the server lets those
     * updates go. Nothing is sent back unless it is refused.
     */
    record ConfirmSnapshot(dev.vellum.protocol.item.SnapshotConfirmation confirmation) implements Frame {
    }

    /** Server to client: your revision with this number is stored. */
    record Accepted(long revision) implements Frame {
    }

    /** Server to client, on joining: the whole stored history has been sent; its last revision number (0: none). */
    record CaughtUp(long latestRevision) implements Frame {
    }

    /**
     * Server to client, first on every connection, before the history: the limits this server enforces, so that a
     * client can pace what it sends instead of being closed for sending too much or too fast.
     *
     * @param maxFrameBytes the largest frame the server accepts, in bytes
     * @param framesPerSecond how many frames a connection may send per second, on average
     */
    record ServerHello(int maxFrameBytes, int framesPerSecond) implements Frame {
        public ServerHello {
            if (maxFrameBytes < 1 || framesPerSecond < 1) {
                throw new IllegalArgumentException("a server's limits are positive");
            }
        }
    }

    /** Server to client: your last frame was refused, and why. */
    record Error(ErrorCode code, String message) implements Frame {
        public Error {
            if (code == ErrorCode.RETRY_AFTER) {
                throw new IllegalArgumentException("a retry-after refusal carries its delay: use Frame.RetryAfter");
            }
        }
    }

    /**
     * Server to client, an error frame with code {@link ErrorCode#RETRY_AFTER}: the server is overloaded and did not
     * take the client's frame of type {@code refusedType} (a {@link Publish} or a {@link ConfirmSnapshot}): nothing
     * of it was stored or acknowledged, and the connection stays open. The client sends it again, and what it sent
     * after it, no sooner than {@code delayMillis} from now; the server refuses this connection's writes until then.
     *
     * @param refusedType the refused frame's type byte: {@link #PUBLISH_TYPE} or {@link #CONFIRM_SNAPSHOT_TYPE}
     * @param delayMillis how long to wait, 1 to {@link #MAX_DELAY_MILLIS}
     * @param message a sentence for people
     */
    record RetryAfter(int refusedType, int delayMillis, String message) implements Frame {
        /** Longer waits are malformed: an overloaded server still answers within a minute. */
        public static final int MAX_DELAY_MILLIS = 60_000;
        public static final int PUBLISH_TYPE = FrameCodec.PUBLISH;
        public static final int CONFIRM_SNAPSHOT_TYPE = FrameCodec.CONFIRM_SNAPSHOT;

        public RetryAfter {
            if (refusedType != PUBLISH_TYPE && refusedType != CONFIRM_SNAPSHOT_TYPE) {
                throw new IllegalArgumentException("only a Publish or a ConfirmSnapshot is refused with retry-after, "
                        + "not frame type " + refusedType);
            }
            if (delayMillis < 1 || delayMillis > MAX_DELAY_MILLIS) {
                throw new IllegalArgumentException("a retry-after delay is 1 to " + MAX_DELAY_MILLIS + " ms, got "
                        + delayMillis);
            }
            if (message == null) {
                throw new IllegalArgumentException("a retry-after refusal says why, for people");
            }
        }

        /** Whether the refused frame was an item (the client's item on its way), not a snapshot confirmation. */
        public boolean refusedAnItem() {
            return refusedType == PUBLISH_TYPE;
        }
    }
}
