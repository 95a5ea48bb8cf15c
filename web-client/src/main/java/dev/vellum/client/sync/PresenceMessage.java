package dev.vellum.client.sync;

import dev.vellum.client.crdt.CharId;
import dev.vellum.client.crdt.ReplicaId;
import dev.vellum.encoding.ByteReader;
import dev.vellum.encoding.ByteWriter;
import dev.vellum.error.InvalidMessageException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * What one person tells the others about where they are: their replica (which identifies the tab), a display name
 * and colour, their selection as the characters it follows, so it stays on the same text while others type, and, for
 * a logged-in person, their device certificate, from which alone readers take their username.
 *
 * <p>Layout (before sealing): {@code version (1) || replica id length (1) || replica id || colour (1) ||
 * name length (1) || UTF-8 name || anchor || focus}, then in version 2 only {@code certificate length (2) ||
 * DeviceCertificate}, then optionally the {@link LatestPosition} (a tab that sends none states nothing, so a message
 * from before it is still read). Each of anchor and focus is {@code 0} (document start) or {@code 1 || replica
 * length (1) || replica id || clock (4, big-endian)}. An anonymous person writes version 1, as before accounts.
 *
 * @param name the name an anonymous person chose; a logged-in person's readers ignore it for the certificate's
 * @param credential the sender's device certificate, encoded, or null for an anonymous person
 * @param position where the note stands for the sender, or null if it states nothing
 */
record PresenceMessage(ReplicaId replica, String name, int color, CharId anchor, CharId focus, byte[] credential,
                       LatestPosition position) {
    private static final int VERSION_ANONYMOUS = 1;
    private static final int VERSION_WITH_CREDENTIAL = 2;
    static final int MAX_NAME_BYTES = 60;
    /** A replica id travels after a 1-byte length. */
    private static final int MAX_REPLICA_BYTES = 255;
    /** Far above a device certificate's size, well below what a presence frame may hold. */
    private static final int MAX_CREDENTIAL_BYTES = 1024;

    byte[] encode() {
        ByteWriter out = new ByteWriter()
                .writeByte(credential == null ? VERSION_ANONYMOUS : VERSION_WITH_CREDENTIAL)
                .writeBytesWithByteLength(replica.toBytes(), MAX_REPLICA_BYTES)
                .writeByte(color)
                // Written up to the prefix's limit, as before; readers refuse names above MAX_NAME_BYTES.
                .writeBytesWithByteLength(name.getBytes(StandardCharsets.UTF_8), 0xff);
        writeId(out, anchor);
        writeId(out, focus);
        if (credential != null) {
            if (credential.length > MAX_CREDENTIAL_BYTES) {
                throw new IllegalArgumentException("a device certificate of " + credential.length + " bytes");
            }
            out.writeShort(credential.length).writeBytes(credential);
        }
        if (position != null) {
            position.writeTo(out);
        }
        return out.toByteArray();
    }

    static PresenceMessage decode(byte[] bytes) throws InvalidMessageException {
        ByteReader in = new ByteReader(bytes, "presence message");
        int version = in.readUnsignedByte("version");
        if (version != VERSION_ANONYMOUS && version != VERSION_WITH_CREDENTIAL) {
            throw new InvalidMessageException("unknown presence version");
        }
        ReplicaId replica = readReplica(in);
        int color = in.readUnsignedByte("colour");
        String name = new String(in.readBytesWithByteLength(MAX_NAME_BYTES, "name"), StandardCharsets.UTF_8);
        CharId anchor = readId(in);
        CharId focus = readId(in);
        byte[] credential = null;
        if (version == VERSION_WITH_CREDENTIAL) {
            int length = in.readUnsignedShort("device certificate length");
            if (length == 0 || length > MAX_CREDENTIAL_BYTES) {
                throw new InvalidMessageException("a version 2 presence carries a device certificate of at most "
                        + MAX_CREDENTIAL_BYTES + " bytes");
            }
            credential = in.readBytes(length, "device certificate");
        }
        LatestPosition position = in.atEnd() ? null : LatestPosition.read(in);
        in.expectEnd();
        return new PresenceMessage(replica, name, color, anchor, focus, credential, position);
    }

    /** Equal when every field is, the certificate by its bytes: an unchanged caret is not sent again. */
    @Override
    public boolean equals(Object other) {
        return other instanceof PresenceMessage that && replica.equals(that.replica) && name.equals(that.name)
                && color == that.color && Objects.equals(anchor, that.anchor) && Objects.equals(focus, that.focus)
                && Arrays.equals(credential, that.credential) && Objects.equals(position, that.position);
    }

    @Override
    public int hashCode() {
        return Objects.hash(replica, name, color, anchor, focus, position) * 31 + Arrays.hashCode(credential);
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
