package dev.vellum.client.sync;

import dev.vellum.client.crdt.TextOp;
import dev.vellum.client.crdt.TextOpCodec;
import dev.vellum.error.InvalidMessageException;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.util.Pack;

/**
 * What the browser keeps of a note between visits, before sealing (docs/protocol.md, "Kept in the browser"):
 * {@code version 3 (1) || applied through (8) || last snapshot covers (8) || skipped through (8) || author chains ||
 * state length (4) || CRDT state || unsent ops}. Version 2, without "skipped through", is still read, so a copy
 * with offline edits made before an update is not lost.
 *
 * @param state the CRDT state, {@code TextDocument.encodeState}
 * @param unsent edits the server has not stored, oldest first
 */
record LocalCopy(long appliedThrough, long lastSnapshotCovers, long skippedThrough, AuthorChains chains,
                 byte[] state, List<TextOp> unsent) {
    private static final int VERSION = 3;
    private static final int HEADER = 25;
    private static final int VERSION_2_HEADER = 17;

    byte[] encode() {
        byte[] heads = chains.encode();
        byte[] ops = TextOpCodec.encode(unsent);
        byte[] out = new byte[HEADER + heads.length + 4 + state.length + ops.length];
        out[0] = VERSION;
        Pack.longToBigEndian(appliedThrough, out, 1);
        Pack.longToBigEndian(lastSnapshotCovers, out, 9);
        Pack.longToBigEndian(skippedThrough, out, 17);
        System.arraycopy(heads, 0, out, HEADER, heads.length);
        int at = HEADER + heads.length;
        Pack.intToBigEndian(state.length, out, at);
        System.arraycopy(state, 0, out, at + 4, state.length);
        System.arraycopy(ops, 0, out, at + 4 + state.length, ops.length);
        return out;
    }

    /** @throws InvalidMessageException for another version, a negative number, or lengths that do not fit */
    static LocalCopy decode(byte[] in) throws InvalidMessageException {
        int header = in.length > 0 && in[0] == 2 ? VERSION_2_HEADER : HEADER;
        if (in.length < header + 4 || (in[0] != VERSION && in[0] != 2)) {
            throw new InvalidMessageException("not a version 2 or " + VERSION + " local copy");
        }
        long appliedThrough = Pack.bigEndianToLong(in, 1);
        long lastSnapshotCovers = Pack.bigEndianToLong(in, 9);
        long skippedThrough = header == HEADER ? Pack.bigEndianToLong(in, 17) : 0;
        if (appliedThrough < 0 || lastSnapshotCovers < 0 || skippedThrough < 0) {
            throw new InvalidMessageException("a local copy's revision numbers are not negative");
        }
        AuthorChains chains = AuthorChains.decode(in, header);
        int at = header + chains.encodedLength();
        if (in.length - at < 4) {
            throw new InvalidMessageException("local copy is cut short");
        }
        int stateLength = Pack.bigEndianToInt(in, at);
        if (stateLength < 0 || stateLength > in.length - at - 4) {
            throw new InvalidMessageException("local copy's state length does not fit");
        }
        byte[] state = Arrays.copyOfRange(in, at + 4, at + 4 + stateLength);
        List<TextOp> unsent = TextOpCodec.decode(Arrays.copyOfRange(in, at + 4 + stateLength, in.length));
        return new LocalCopy(appliedThrough, lastSnapshotCovers, skippedThrough, chains, state, unsent);
    }
}
