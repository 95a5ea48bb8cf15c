package dev.vellum.client.sync;

import dev.vellum.client.crdt.CharId;
import dev.vellum.client.crdt.ReplicaId;
import dev.vellum.error.InvalidMessageException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What one person tells the others about where they are: their replica (which identifies the tab), a display name
 * and colour, and their selection as the characters it follows, so it stays on the same text while others type.
 *
 * <p>Layout (before sealing): {@code version 1 (1) || replica id length (1) || replica id || colour (1) ||
 * name length (1) || UTF-8 name
 * || anchor || focus}, each of anchor and focus being {@code 0} (document start) or {@code 1 || replica length (1) ||
 * replica id || clock (4, big-endian)}.
 */
record PresenceMessage(ReplicaId replica, String name, int color, CharId anchor, CharId focus) {
    private static final int VERSION = 1;
    static final int MAX_NAME_BYTES = 60;

    byte[] encode() {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        byte[] replicaBytes = replicaBytes(replica);
        byte[] out = new byte[3 + replicaBytes.length + 1 + nameBytes.length + idLength(anchor) + idLength(focus)];
        int at = 0;
        out[at++] = VERSION;
        out[at++] = (byte) replicaBytes.length;
        System.arraycopy(replicaBytes, 0, out, at, replicaBytes.length);
        at += replicaBytes.length;
        out[at++] = (byte) color;
        out[at++] = (byte) nameBytes.length;
        System.arraycopy(nameBytes, 0, out, at, nameBytes.length);
        at += nameBytes.length;
        at = writeId(out, at, anchor);
        writeId(out, at, focus);
        return out;
    }

    static PresenceMessage decode(byte[] bytes) throws InvalidMessageException {
        Reader in = new Reader(bytes);
        if (in.next() != VERSION) {
            throw new InvalidMessageException("unknown presence version");
        }
        ReplicaId replica = ReplicaId.of(in.bytes(in.next()));
        int color = in.next();
        int nameLength = in.next();
        if (nameLength > MAX_NAME_BYTES) {
            throw new InvalidMessageException("presence name too long");
        }
        String name = new String(in.bytes(nameLength), StandardCharsets.UTF_8);
        CharId anchor = readId(in);
        CharId focus = readId(in);
        if (!in.atEnd()) {
            throw new InvalidMessageException("bytes after the presence message");
        }
        return new PresenceMessage(replica, name, color, anchor, focus);
    }

    private static int idLength(CharId id) {
        return id == null ? 1 : 2 + replicaBytes(id.replica()).length + 4;
    }

    private static int writeId(byte[] out, int at, CharId id) {
        if (id == null) {
            out[at] = 0;
            return at + 1;
        }
        byte[] replicaBytes = replicaBytes(id.replica());
        out[at++] = 1;
        out[at++] = (byte) replicaBytes.length;
        System.arraycopy(replicaBytes, 0, out, at, replicaBytes.length);
        at += replicaBytes.length;
        for (int shift = 24; shift >= 0; shift -= 8) {
            out[at++] = (byte) (id.clock() >>> shift);
        }
        return at;
    }

    private static CharId readId(Reader in) throws InvalidMessageException {
        int kind = in.next();
        if (kind == 0) {
            return null;
        }
        if (kind != 1) {
            throw new InvalidMessageException("unknown presence position kind");
        }
        ReplicaId replica = ReplicaId.of(in.bytes(in.next()));
        int clock = 0;
        for (int i = 0; i < 4; i++) {
            clock = (clock << 8) | in.next();
        }
        if (clock < 0) {
            throw new InvalidMessageException("negative clock");
        }
        return new CharId(replica, clock);
    }

    private static byte[] replicaBytes(ReplicaId replica) {
        return replica.toBytes();
    }

    /** A bounds-checked cursor over the bytes. */
    private static final class Reader {
        private final byte[] bytes;
        private int position;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        int next() throws InvalidMessageException {
            if (position >= bytes.length) {
                throw new InvalidMessageException("presence message ends early");
            }
            return bytes[position++] & 0xff;
        }

        byte[] bytes(int length) throws InvalidMessageException {
            if (length == 0 || length > bytes.length - position) {
                throw new InvalidMessageException("presence field out of range");
            }
            byte[] out = Arrays.copyOfRange(bytes, position, position + length);
            position += length;
            return out;
        }

        boolean atEnd() {
            return position == bytes.length;
        }
    }
}
