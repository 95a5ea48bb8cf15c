package dev.vellum.client.sync;

import dev.vellum.encoding.ByteReader;
import dev.vellum.encoding.ByteWriter;
import dev.vellum.error.InvalidMessageException;
import java.nio.charset.StandardCharsets;

/**
 * What a snapshot seals: when and by whom it was made, where every author's chain stood at the revisions it covers,
 * which items the server served its author at the last of those revisions, and the note's CRDT state. Layout
 * (docs/protocol.md, "Snapshot body"): {@code version 2 (1) || created at (8) || name length (1) || UTF-8 name ||
 * author chains || served items || CRDT state}; version 1 had no served items.
 *
 * <p>The served items let a reader who missed the covered updates still see that the server's history is not the
 * one it followed: a server that lost revisions and gave their numbers to new items would otherwise hide that behind
 * a snapshot, since it no longer sends what the snapshot covers.
 */
public record SnapshotBody(long createdAtMillis, String authorName, AuthorChains chains, ServedItems served,
                           byte[] state) {
    private static final int VERSION = 2;
    private static final int VERSION_WITHOUT_SERVED = 1;
    static final int MAX_NAME_BYTES = 60;

    /** A body that names no served items, as a version 1 body, and as a writer that keeps none (a benchmark's). */
    public SnapshotBody(long createdAtMillis, String authorName, AuthorChains chains, byte[] state) {
        this(createdAtMillis, authorName, chains, new ServedItems(), state);
    }

    public byte[] encode() {
        byte[] name = authorName.getBytes(StandardCharsets.UTF_8);
        if (name.length > MAX_NAME_BYTES) {
            throw new IllegalArgumentException("author name is longer than " + MAX_NAME_BYTES + " bytes");
        }
        ByteWriter out = new ByteWriter(10 + name.length + chains.encodedLength() + served.encodedLength()
                + state.length)
                .writeByte(VERSION)
                .writeLong(createdAtMillis)
                .writeBytesWithByteLength(name, MAX_NAME_BYTES);
        chains.writeTo(out);
        served.writeTo(out);
        return out.writeBytes(state).toByteArray();
    }

    public static SnapshotBody decode(byte[] bytes) throws InvalidMessageException {
        ByteReader in = new ByteReader(bytes, "snapshot body");
        int version = in.readUnsignedByte("version");
        if (version != VERSION && version != VERSION_WITHOUT_SERVED) {
            throw new InvalidMessageException("not a version 1 or 2 snapshot body");
        }
        long createdAt = in.readLong("created at");
        String name = new String(in.readBytesWithByteLength(MAX_NAME_BYTES, "author name"), StandardCharsets.UTF_8);
        AuthorChains chains = AuthorChains.read(in);
        ServedItems served = version == VERSION ? ServedItems.read(in) : new ServedItems();
        return new SnapshotBody(createdAt, name, chains, served, in.readRemaining());
    }
}
