package dev.vellum.protocol.wire;

import dev.vellum.encoding.Bytes;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.item.NoteItem;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.util.Pack;

/**
 * Encodes and parses {@link Frame}s. Layout: {@code type (1) || body}, where the body is
 * <ul>
 *   <li>Publish (1): a {@link NoteItem};</li>
 *   <li>Revision (2): the revision number (8), then a {@link NoteItem};</li>
 *   <li>Accepted (3): the revision number, 8 bytes big-endian;</li>
 *   <li>CaughtUp (4): the latest stored revision number, 8 bytes big-endian (0 for a new note);</li>
 *   <li>Presence (5): sealed presence, at most {@value Frame.Presence#MAX_LENGTH} bytes;</li>
 *   <li>HistoryRequest (6): before (8), limit (2);</li>
 *   <li>HistoryEntry (7): revision (8), stored-at milliseconds since 1970 (8), then a snapshot {@link NoteItem};</li>
 *   <li>HistoryEnd (8): 1 if older versions remain, else 0 (1 byte);</li>
 *   <li>Snapshot (9): the revision number (8), then a snapshot {@link NoteItem};</li>
 *   <li>History (10): count (4), then per item its revision number (8), its length (4) and the {@link NoteItem};</li>
 *   <li>Error (127): error code (1), then a UTF-8 message.</li>
 * </ul>
 */
public final class FrameCodec {
    /**
     * Revision numbers above this are refused: 2^53, the largest a JavaScript number holds exactly, more than any
     * note will reach, and far enough from overflow that a hostile number cannot make a reader loop or wrap.
     */
    public static final long MAX_REVISION = 1L << 53;

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
    static final int ERROR = 127;

    private FrameCodec() {
    }

    public static byte[] encode(Frame frame) {
        if (frame instanceof Frame.Publish publish) {
            return withType(PUBLISH, publish.item().encode());
        } else if (frame instanceof Frame.Revision revision) {
            return withType(REVISION, Bytes.concat(Pack.longToBigEndian(revision.revision()),
                    revision.item().encode()));
        } else if (frame instanceof Frame.History history) {
            return withType(HISTORY, encodeHistory(history));
        } else if (frame instanceof Frame.Snapshot snapshot) {
            return withType(SNAPSHOT, Bytes.concat(Pack.longToBigEndian(snapshot.revision()),
                    snapshot.item().encode()));
        } else if (frame instanceof Frame.HistoryRequest request) {
            return withType(HISTORY_REQUEST, Bytes.concat(Pack.longToBigEndian(request.before()),
                    new byte[] {(byte) (request.limit() >>> 8), (byte) request.limit()}));
        } else if (frame instanceof Frame.HistoryEntry entry) {
            return withType(HISTORY_ENTRY, Bytes.concat(Pack.longToBigEndian(entry.revision()),
                    Pack.longToBigEndian(entry.storedAtMillis()), entry.snapshot().encode()));
        } else if (frame instanceof Frame.HistoryEnd end) {
            return withType(HISTORY_END, new byte[] {(byte) (end.more() ? 1 : 0)});
        } else if (frame instanceof Frame.Accepted accepted) {
            return withType(ACCEPTED, Pack.longToBigEndian(accepted.revision()));
        } else if (frame instanceof Frame.CaughtUp caughtUp) {
            return withType(CAUGHT_UP, Pack.longToBigEndian(caughtUp.latestRevision()));
        } else if (frame instanceof Frame.Presence presence) {
            return withType(PRESENCE, presence.sealed());
        } else if (frame instanceof Frame.Error error) {
            byte[] message = error.message().getBytes(StandardCharsets.UTF_8);
            byte[] body = new byte[1 + message.length];
            body[0] = (byte) error.code().code();
            System.arraycopy(message, 0, body, 1, message.length);
            return withType(ERROR, body);
        }
        throw new IllegalStateException("unhandled frame " + frame.getClass().getName());
    }

    /**
     * @throws UnknownFrameTypeException if the type byte names no frame
     * @throws InvalidMessageException if the body does not fit its type
     */
    public static Frame decode(byte[] bytes) throws InvalidMessageException {
        if (bytes.length == 0) {
            throw new InvalidMessageException("empty frame");
        }
        int type = bytes[0] & 0xff;
        byte[] body = new byte[bytes.length - 1];
        System.arraycopy(bytes, 1, body, 0, body.length);
        switch (type) {
            case PUBLISH:
                return new Frame.Publish(NoteItem.parse(body));
            case REVISION:
                requireAtLeast(body, 8, "revision");
                return new Frame.Revision(positive(Pack.bigEndianToLong(body, 0), "revision"),
                        NoteItem.parse(Arrays.copyOfRange(body, 8, body.length)));
            case HISTORY:
                return decodeHistory(body);
            case SNAPSHOT:
                requireAtLeast(body, 8, "snapshot");
                return new Frame.Snapshot(positive(Pack.bigEndianToLong(body, 0), "revision"),
                        NoteItem.parse(Arrays.copyOfRange(body, 8, body.length)));
            case HISTORY_REQUEST: {
                requireLength(body, 10, "history request");
                int limit = ((body[8] & 0xff) << 8) | (body[9] & 0xff);
                try {
                    return new Frame.HistoryRequest(Pack.bigEndianToLong(body, 0), limit);
                } catch (IllegalArgumentException e) {
                    throw new InvalidMessageException(e.getMessage());
                }
            }
            case HISTORY_ENTRY:
                requireAtLeast(body, 16, "history entry");
                return new Frame.HistoryEntry(positive(Pack.bigEndianToLong(body, 0), "revision"),
                        Pack.bigEndianToLong(body, 8), NoteItem.parse(Arrays.copyOfRange(body, 16, body.length)));
            case HISTORY_END:
                requireLength(body, 1, "history end");
                if ((body[0] & 0xfe) != 0) {
                    throw new InvalidMessageException("history end's more flag must be 0 or 1");
                }
                return new Frame.HistoryEnd(body[0] == 1);
            case ACCEPTED:
                requireLength(body, 8, "accepted");
                return new Frame.Accepted(positive(Pack.bigEndianToLong(body, 0), "accepted revision"));
            case CAUGHT_UP:
                requireLength(body, 8, "caught-up");
                long latest = Pack.bigEndianToLong(body, 0);
                if (latest < 0 || latest > MAX_REVISION) {
                    throw new InvalidMessageException("caught-up revision " + latest + " is out of range");
                }
                return new Frame.CaughtUp(latest);
            case PRESENCE:
                if (body.length == 0 || body.length > Frame.Presence.MAX_LENGTH) {
                    throw new InvalidMessageException("presence must be 1 to " + Frame.Presence.MAX_LENGTH + " bytes");
                }
                return new Frame.Presence(body);
            case ERROR:
                if (body.length < 1) {
                    throw new InvalidMessageException("error frame without a code");
                }
                String message = new String(body, 1, body.length - 1, StandardCharsets.UTF_8);
                return new Frame.Error(ErrorCode.fromCode(body[0] & 0xff), message);
            default:
                throw new UnknownFrameTypeException(type);
        }
    }

    private static byte[] encodeHistory(Frame.History history) {
        byte[][] items = new byte[history.revisions().size()][];
        int length = 4;
        for (int i = 0; i < items.length; i++) {
            items[i] = history.revisions().get(i).item().encode();
            length += 12 + items[i].length;
        }
        byte[] out = new byte[length];
        Pack.intToBigEndian(items.length, out, 0);
        int at = 4;
        for (int i = 0; i < items.length; i++) {
            Pack.longToBigEndian(history.revisions().get(i).revision(), out, at);
            Pack.intToBigEndian(items[i].length, out, at + 8);
            System.arraycopy(items[i], 0, out, at + 12, items[i].length);
            at += 12 + items[i].length;
        }
        return out;
    }

    private static Frame.History decodeHistory(byte[] body) throws InvalidMessageException {
        requireAtLeast(body, 4, "history");
        int count = Pack.bigEndianToInt(body, 0);
        if (count < 0 || count > (body.length - 4) / 12) {
            throw new InvalidMessageException("history count " + count + " does not fit its frame");
        }
        java.util.List<Frame.Revision> revisions = new java.util.ArrayList<>(count);
        int at = 4;
        for (int i = 0; i < count; i++) {
            if (body.length - at < 12) {
                throw new InvalidMessageException("history frame is cut short");
            }
            long revision = positive(Pack.bigEndianToLong(body, at), "revision");
            int length = Pack.bigEndianToInt(body, at + 8);
            if (length < 0 || length > body.length - at - 12) {
                throw new InvalidMessageException("history item length " + length + " does not fit its frame");
            }
            revisions.add(new Frame.Revision(revision, NoteItem.parse(Arrays.copyOfRange(body, at + 12,
                    at + 12 + length))));
            at += 12 + length;
        }
        if (at != body.length) {
            throw new InvalidMessageException("history frame has trailing bytes");
        }
        return new Frame.History(revisions);
    }

    private static void requireAtLeast(byte[] body, int minimum, String name) throws InvalidMessageException {
        if (body.length < minimum) {
            throw new InvalidMessageException(name + " frame body needs at least " + minimum + " bytes");
        }
    }

    private static long positive(long number, String name) throws InvalidMessageException {
        if (number < 1 || number > MAX_REVISION) {
            throw new InvalidMessageException(name + " number " + number + " is out of range");
        }
        return number;
    }

    private static void requireLength(byte[] body, int expected, String name) throws InvalidMessageException {
        if (body.length != expected) {
            throw new InvalidMessageException(name + " frame body must be " + expected + " bytes, got " + body.length);
        }
    }

    private static byte[] withType(int type, byte[] body) {
        byte[] out = new byte[1 + body.length];
        out[0] = (byte) type;
        System.arraycopy(body, 0, out, 1, body.length);
        return out;
    }
}
