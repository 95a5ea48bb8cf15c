package dev.vellum.protocol.wire;

import dev.vellum.encoding.ByteReader;
import dev.vellum.encoding.ByteWriter;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.error.UnsupportedVersionException;
import dev.vellum.protocol.item.NoteItem;
import dev.vellum.protocol.item.SnapshotConfirmation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes and parses {@link Frame}s. Layout: {@code version (1) || type (1) || body}. The version
 * ({@value #VERSION}) comes first so that a later layout can be told apart before anything else is read; a frame of
 * another version is refused whole, with {@link UnsupportedVersionException}. The body is
 * <ul>
 *   <li>Publish (1): a {@link NoteItem};</li>
 *   <li>Revision (2): the revision number (8), then a {@link NoteItem};</li>
 *   <li>Accepted (3): the revision number, 8 bytes big-endian;</li>
 *   <li>CaughtUp (4): the latest stored revision number, 8 bytes big-endian (0 for a new note);</li>
 *   <li>Presence (5): a {@link dev.vellum.protocol.item.SignedPresence}, at most {@value Frame.Presence#MAX_LENGTH} bytes;</li>
 *   <li>HistoryRequest (6): before (8), limit (2);</li>
 *   <li>HistoryEntry (7): revision (8), stored-at milliseconds since 1970 (8), then a snapshot {@link NoteItem};</li>
 *   <li>HistoryEnd (8): 1 if older versions remain, else 0 (1 byte);</li>
 *   <li>Snapshot (9): the revision number (8), then a snapshot {@link NoteItem};</li>
 *   <li>History (10): count (4), then per item its revision number (8), its length (4) and the {@link NoteItem};</li>
 *   <li>ServerHello (11): the server's largest accepted frame in bytes (4), then its frames per second (4);</li>
 *   <li>ConfirmSnapshot (12): a {@link SnapshotConfirmation};</li>
 *   <li>CompactRevision (13): a Revision without what the reader can rebuild; encoded and decoded only by a
 *   connection's {@link CompactRevisions}, which knows what was sent before (this class refuses it);</li>
 *   <li>Error (127): error code (1), then a UTF-8 message; with code 26 ({@link Frame.RetryAfter}), between the two:
 *   the refused frame's type (1) and the delay in milliseconds (4, 1 to {@value Frame.RetryAfter#MAX_DELAY_MILLIS}).
 *   </li>
 * </ul>
 */
public final class FrameCodec {
    /**
     * Revision numbers above this are refused: 2^53, the largest a JavaScript number holds exactly, more than any
     * note will reach, and far enough from overflow that a hostile number cannot make a reader loop or wrap.
     */
    public static final long MAX_REVISION = 1L << 53;

    /** The frame layout's version, the first byte of every frame. */
    public static final int VERSION = 1;

    static final int PUBLISH = 1;
    static final int REVISION = 2;
    static final int ACCEPTED = 3;
    static final int CAUGHT_UP = 4;
    static final int PRESENCE = 5;
    static final int HISTORY_REQUEST = 6;
    static final int HISTORY_ENTRY = 7;
    static final int HISTORY_END = 8;
    static final int SNAPSHOT = 9;
    static final int HISTORY = 10;
    static final int SERVER_HELLO = 11;
    static final int CONFIRM_SNAPSHOT = 12;
    /** Decoded only with the connection's state: see {@link CompactRevisions}. */
    static final int COMPACT_REVISION = 13;
    static final int ERROR = 127;
    /** Per item of a history frame, before the item: its revision number (8) and its length (4). */
    private static final int HISTORY_ENTRY_OVERHEAD = 12;

    private FrameCodec() {
    }

    public static byte[] encode(Frame frame) {
        ByteWriter out = new ByteWriter(capacityOf(frame)).writeByte(VERSION);
        if (frame instanceof Frame.Publish publish) {
            out.writeByte(PUBLISH);
            publish.item().writeTo(out);
        } else if (frame instanceof Frame.Revision revision) {
            out.writeByte(REVISION).writeLong(revision.revision());
            revision.item().writeTo(out);
        } else if (frame instanceof Frame.History history) {
            out.writeByte(HISTORY).writeInt(history.revisions().size());
            for (Frame.Revision revision : history.revisions()) {
                out.writeLong(revision.revision()).writeInt(revision.item().length());
                revision.item().writeTo(out);
            }
        } else if (frame instanceof Frame.Snapshot snapshot) {
            out.writeByte(SNAPSHOT).writeLong(snapshot.revision());
            snapshot.item().writeTo(out);
        } else if (frame instanceof Frame.HistoryRequest request) {
            out.writeByte(HISTORY_REQUEST).writeLong(request.before()).writeShort(request.limit());
        } else if (frame instanceof Frame.HistoryEntry entry) {
            out.writeByte(HISTORY_ENTRY).writeLong(entry.revision()).writeLong(entry.storedAtMillis())
                    .writeBytes(entry.snapshot().encode());
        } else if (frame instanceof Frame.HistoryEnd end) {
            out.writeByte(HISTORY_END).writeByte(end.more() ? 1 : 0);
        } else if (frame instanceof Frame.Accepted accepted) {
            out.writeByte(ACCEPTED).writeLong(accepted.revision());
        } else if (frame instanceof Frame.CaughtUp caughtUp) {
            out.writeByte(CAUGHT_UP).writeLong(caughtUp.latestRevision());
        } else if (frame instanceof Frame.Presence presence) {
            out.writeByte(PRESENCE).writeBytes(presence.sealed());
        } else if (frame instanceof Frame.ConfirmSnapshot confirm) {
            out.writeByte(CONFIRM_SNAPSHOT).writeBytes(confirm.confirmation().encode());
        } else if (frame instanceof Frame.ServerHello hello) {
            out.writeByte(SERVER_HELLO).writeInt(hello.maxFrameBytes()).writeInt(hello.framesPerSecond());
        } else if (frame instanceof Frame.RetryAfter retry) {
            out.writeByte(ERROR).writeByte(ErrorCode.RETRY_AFTER.code()).writeByte(retry.refusedType())
                    .writeInt(retry.delayMillis()).writeBytes(retry.message().getBytes(StandardCharsets.UTF_8));
        } else if (frame instanceof Frame.Error error) {
            out.writeByte(ERROR).writeByte(error.code().code())
                    .writeBytes(error.message().getBytes(StandardCharsets.UTF_8));
        } else {
            throw new IllegalStateException("unhandled frame " + frame.getClass().getName());
        }
        return out.toByteArray();
    }

    /**
     * The exact size of a frame that carries items, so that the writer hands its buffer over rather than growing it
     * and copying the items once more (a snapshot can be megabytes); a guess for the small frames.
     */
    private static int capacityOf(Frame frame) {
        if (frame instanceof Frame.Publish publish) {
            return 2 + publish.item().length();
        } else if (frame instanceof Frame.Revision revision) {
            return 2 + 8 + revision.item().length();
        } else if (frame instanceof Frame.Snapshot snapshot) {
            return 2 + 8 + snapshot.item().length();
        } else if (frame instanceof Frame.History history) {
            long length = 2 + 4;
            for (Frame.Revision revision : history.revisions()) {
                length += HISTORY_ENTRY_OVERHEAD + revision.item().length();
            }
            return (int) Math.min(length, Integer.MAX_VALUE - 8);
        }
        return 64;
    }

    /**
     * @throws UnsupportedVersionException if the first byte is not {@value #VERSION}
     * @throws UnknownFrameTypeException if the type byte names no frame
     * @throws InvalidMessageException if the body does not fit its type
     */
    public static Frame decode(byte[] bytes) throws InvalidMessageException {
        ByteReader in = new ByteReader(bytes, "frame");
        int version = in.readUnsignedByte("frame version");
        if (version != VERSION) {
            throw new UnsupportedVersionException("frame", version, VERSION);
        }
        int type = in.readUnsignedByte("frame type");
        Frame frame = switch (type) {
            case PUBLISH -> new Frame.Publish(NoteItem.parse(in.readRemaining()));
            case REVISION -> new Frame.Revision(revision(in, "revision"), NoteItem.parse(in.readRemaining()));
            case HISTORY -> decodeHistory(in);
            case SNAPSHOT -> new Frame.Snapshot(revision(in, "revision"), NoteItem.parse(in.readRemaining()));
            case HISTORY_REQUEST -> {
                long before = in.readLong("before");
                int limit = in.readUnsignedShort("limit");
                try {
                    yield new Frame.HistoryRequest(before, limit);
                } catch (IllegalArgumentException e) {
                    throw new InvalidMessageException(e.getMessage());
                }
            }
            case HISTORY_ENTRY -> new Frame.HistoryEntry(revision(in, "revision"), in.readLong("stored at"),
                    NoteItem.parse(in.readRemaining()));
            case HISTORY_END -> {
                int more = in.readUnsignedByte("more flag");
                if (more > 1) {
                    throw new InvalidMessageException("history end's more flag must be 0 or 1");
                }
                yield new Frame.HistoryEnd(more == 1);
            }
            case ACCEPTED -> new Frame.Accepted(revision(in, "accepted revision"));
            case CAUGHT_UP -> {
                long latest = in.readLong("latest revision");
                if (latest < 0 || latest > MAX_REVISION) {
                    throw new InvalidMessageException("caught-up revision " + latest + " is out of range");
                }
                yield new Frame.CaughtUp(latest);
            }
            case PRESENCE -> {
                if (in.remaining() == 0 || in.remaining() > Frame.Presence.MAX_LENGTH) {
                    throw new InvalidMessageException("presence must be 1 to " + Frame.Presence.MAX_LENGTH + " bytes");
                }
                yield new Frame.Presence(in.readRemaining());
            }
            case ERROR -> {
                ErrorCode code = ErrorCode.fromCode(in.readUnsignedByte("error code"));
                if (code == ErrorCode.RETRY_AFTER) {
                    yield decodeRetryAfter(in);
                }
                yield new Frame.Error(code, new String(in.readRemaining(), StandardCharsets.UTF_8));
            }
            case SERVER_HELLO -> {
                int maxFrameBytes = in.readInt("max frame bytes");
                int framesPerSecond = in.readInt("frames per second");
                try {
                    yield new Frame.ServerHello(maxFrameBytes, framesPerSecond);
                } catch (IllegalArgumentException e) {
                    throw new InvalidMessageException(e.getMessage());
                }
            }
            case CONFIRM_SNAPSHOT -> new Frame.ConfirmSnapshot(
                    SnapshotConfirmation.parse(in.readRemaining(), MAX_REVISION));
            case COMPACT_REVISION -> throw new InvalidMessageException("a compact revision is read with the "
                    + "connection's state (CompactRevisions), not alone");
            default -> throw new UnknownFrameTypeException(type);
        };
        in.expectEnd();
        return frame;
    }

    /**
     * Whether an encoded frame, known by its first two bytes, is presence: a relay drops presence for a reader that
     * is behind rather than queue it, without parsing the frame again.
     */
    public static boolean isPresence(int versionByte, int typeByte) {
        return versionByte == VERSION && typeByte == PRESENCE;
    }

    private static Frame.RetryAfter decodeRetryAfter(ByteReader in) throws InvalidMessageException {
        int refusedType = in.readUnsignedByte("refused frame type");
        int delayMillis = in.readInt("retry-after delay");
        try {
            return new Frame.RetryAfter(refusedType, delayMillis,
                    new String(in.readRemaining(), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new InvalidMessageException(e.getMessage());
        }
    }

    private static Frame.History decodeHistory(ByteReader in) throws InvalidMessageException {
        int count = in.readInt("history count");
        if (count < 0 || count > in.remaining() / HISTORY_ENTRY_OVERHEAD) {
            throw new InvalidMessageException("history count " + count + " does not fit its frame");
        }
        List<Frame.Revision> revisions = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long revision = revision(in, "revision");
            revisions.add(new Frame.Revision(revision,
                    NoteItem.parse(in.readBytesWithIntLength(in.remaining(), "history item"))));
        }
        return new Frame.History(revisions);
    }

    private static long revision(ByteReader in, String name) throws InvalidMessageException {
        long number = in.readLong(name);
        if (number < 1 || number > MAX_REVISION) {
            throw new InvalidMessageException(name + " number " + number + " is out of range");
        }
        return number;
    }
}
