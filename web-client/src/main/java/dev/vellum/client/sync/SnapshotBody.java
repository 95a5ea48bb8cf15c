package dev.vellum.client.sync;

import dev.vellum.encoding.ByteReader;
import dev.vellum.encoding.ByteWriter;
import dev.vellum.error.InvalidMessageException;
import java.nio.charset.StandardCharsets;

/**
 * What a snapshot seals: when and by whom it was made, where every author's chain stood at the revisions it covers,
 * and the note's CRDT state. Layout (docs/protocol.md, "Snapshot body"): {@code version 1 (1) || created at (8) ||
 * name length (1) || UTF-8 name || author chains || CRDT state}.
 */
public record SnapshotBody(long createdAtMillis, String authorName, AuthorChains chains, byte[] state) {
    private static final int VERSION = 1;
    static final int MAX_NAME_BYTES = 60;

    public byte[] encode() {
        byte[] name = authorName.getBytes(StandardCharsets.UTF_8);
        if (name.length > MAX_NAME_BYTES) {
            throw new IllegalArgumentException("author name is longer than " + MAX_NAME_BYTES + " bytes");
        }
        ByteWriter out = new ByteWriter(10 + name.length + chains.encodedLength() + state.length)
                .writeByte(VERSION)
                .writeLong(createdAtMillis)
                .writeBytesWithByteLength(name, MAX_NAME_BYTES);
        chains.writeTo(out);
        return out.writeBytes(state).toByteArray();
    }

    public static SnapshotBody decode(byte[] bytes) throws InvalidMessageException {
        ByteReader in = new ByteReader(bytes, "snapshot body");
        if (in.readUnsignedByte("version") != VERSION) {
            throw new InvalidMessageException("not a version 1 snapshot body");
        }
        long createdAt = in.readLong("created at");
        String name = new String(in.readBytesWithByteLength(MAX_NAME_BYTES, "author name"), StandardCharsets.UTF_8);
        AuthorChains chains = AuthorChains.read(in);
        return new SnapshotBody(createdAt, name, chains, in.readRemaining());
    }
}
