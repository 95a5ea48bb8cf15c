package dev.vellum.client.sync;

import dev.vellum.client.crdt.CharId;
import dev.vellum.client.crdt.ReplicaId;
import dev.vellum.encoding.ByteReader;
import dev.vellum.encoding.ByteWriter;
import dev.vellum.error.InvalidMessageException;
import java.nio.charset.StandardCharsets;

/**
 * What one person tells the others about where they are: their replica (which identifies the tab), a display name
 * and colour, and their selection as the characters it follows, so it stays on the same text while others type.
 *
 * <p>Layout (before sealing): {@code version 1 (1) || replica id length (1) || replica id || colour (1) ||
 * name length (1) || UTF-8 name
 * || anchor || focus || latest position}, each of anchor and focus being {@code 0} (document start) or {@code 1 ||
 * replica length (1) || replica id || clock (4, big-endian)}. The {@link LatestPosition} at the end is optional (a
 * tab that sends none states nothing), so a message from before it is still read.
 *
 * @param position where the note stands for the sender, or null if it states nothing
 */
record PresenceMessage(ReplicaId replica, String name, int color, CharId anchor, CharId focus,
                       LatestPosition position) {
    private static final int VERSION = 1;
    static final int MAX_NAME_BYTES = 60;
    /** A replica id travels after a 1-byte length. */
    private static final int MAX_REPLICA_BYTES = 255;

    byte[] encode() {
        ByteWriter out = new ByteWriter()
                .writeByte(VERSION)
                .writeBytesWithByteLength(replica.toBytes(), MAX_REPLICA_BYTES)
                .writeByte(color)
                // Written up to the prefix's limit, as before; readers refuse names above MAX_NAME_BYTES.
                .writeBytesWithByteLength(name.getBytes(StandardCharsets.UTF_8), 0xff);
        writeId(out, anchor);
        writeId(out, focus);
        if (position != null) {
            position.writeTo(out);
        }
        return out.toByteArray();
    }

    static PresenceMessage decode(byte[] bytes) throws InvalidMessageException {
        ByteReader in = new ByteReader(bytes, "presence message");
        if (in.readUnsignedByte("version") != VERSION) {
            throw new InvalidMessageException("unknown presence version");
        }
        ReplicaId replica = readReplica(in);
        int color = in.readUnsignedByte("colour");
        String name = new String(in.readBytesWithByteLength(MAX_NAME_BYTES, "name"), StandardCharsets.UTF_8);
        CharId anchor = readId(in);
        CharId focus = readId(in);
        LatestPosition position = in.atEnd() ? null : LatestPosition.read(in);
        in.expectEnd();
        return new PresenceMessage(replica, name, color, anchor, focus, position);
    }

    private static void writeId(ByteWriter out, CharId id) {
        if (id == null) {
            out.writeByte(0);
            return;
        }
        out.writeByte(1).writeBytesWithByteLength(id.replica().toBytes(), MAX_REPLICA_BYTES).writeInt(id.clock());
    }

    private static CharId readId(ByteReader in) throws InvalidMessageException {
        int kind = in.readUnsignedByte("position kind");
        if (kind == 0) {
            return null;
        }
        if (kind != 1) {
            throw new InvalidMessageException("unknown presence position kind");
        }
        ReplicaId replica = readReplica(in);
        int clock = in.readInt("clock");
        if (clock < 0) {
            throw new InvalidMessageException("negative clock");
        }
        return new CharId(replica, clock);
    }

    private static ReplicaId readReplica(ByteReader in) throws InvalidMessageException {
        byte[] bytes = in.readBytesWithByteLength(MAX_REPLICA_BYTES, "replica id");
        if (bytes.length == 0) {
            throw new InvalidMessageException("presence names an empty replica id");
        }
        return ReplicaId.of(bytes);
    }
}
