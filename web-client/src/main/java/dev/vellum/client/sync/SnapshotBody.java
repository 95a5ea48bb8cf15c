package dev.vellum.client.sync;

import dev.vellum.error.InvalidMessageException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.util.Pack;

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
        byte[] heads = chains.encode();
        byte[] out = new byte[10 + name.length + heads.length + state.length];
        out[0] = VERSION;
        Pack.longToBigEndian(createdAtMillis, out, 1);
        out[9] = (byte) name.length;
        System.arraycopy(name, 0, out, 10, name.length);
        System.arraycopy(heads, 0, out, 10 + name.length, heads.length);
        System.arraycopy(state, 0, out, 10 + name.length + heads.length, state.length);
        return out;
    }

    public static SnapshotBody decode(byte[] in) throws InvalidMessageException {
        if (in.length < 10 || in[0] != VERSION) {
            throw new InvalidMessageException("not a version 1 snapshot body");
        }
        int nameLength = in[9] & 0xff;
        if (nameLength > MAX_NAME_BYTES || 10 + nameLength > in.length) {
            throw new InvalidMessageException("snapshot author name does not fit");
        }
        String name = new String(in, 10, nameLength, StandardCharsets.UTF_8);
        AuthorChains chains = AuthorChains.decode(in, 10 + nameLength);
        int stateAt = 10 + nameLength + chains.encodedLength();
        return new SnapshotBody(Pack.bigEndianToLong(in, 1), name, chains, Arrays.copyOfRange(in, stateAt, in.length));
    }
}
