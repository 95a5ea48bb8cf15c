package dev.vellum.client.sync;

import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.id.IdentityKeyId;
import dev.vellum.protocol.item.UpdateHash;
import dev.vellum.protocol.item.UpdateHeader;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.util.Pack;

/**
 * Where each author of a note stands: the sequence number and chain hash of their last item this reader knows. A
 * reader checks every item against it, so a server that withholds, replays or swaps an item is caught even though
 * it numbers the history itself.
 */
public final class AuthorChains {
    private static final int ENTRY_LENGTH = 16 + 8 + UpdateHash.LENGTH;

    /** An author's last known item. */
    public record Head(long sequence, UpdateHash hash) {
    }

    /** How an item relates to its author's chain. */
    public enum Verdict {
        /** The author's next item, naming the last one's hash. */
        NEXT,
        /** A sequence number at or below one already seen: the same item again, or a second item for a number. */
        REPLAY,
        /** A sequence number that skips some: items of this author were withheld or lost. */
        GAP,
        /** The next number, naming another predecessor than the item this reader has: a forked or swapped chain. */
        BROKEN
    }

    private final Map<IdentityKeyId, Head> heads = new LinkedHashMap<>();

    public Verdict check(UpdateHeader header) {
        Head head = heads.get(header.authorKeyId());
        long last = head == null ? 0 : head.sequence();
        if (header.sequence() <= last) {
            return Verdict.REPLAY;
        }
        if (header.sequence() > last + 1) {
            return Verdict.GAP;
        }
        UpdateHash expected = head == null ? UpdateHash.NONE : head.hash();
        return header.previousHash().equals(expected) ? Verdict.NEXT : Verdict.BROKEN;
    }

    /** Records the item as its author's last. */
    public void advance(IdentityKeyId author, long sequence, UpdateHash hash) {
        heads.put(author, new Head(sequence, hash));
    }

    /** Takes, for every author {@code other} knows, its head if it is later than this one's. */
    public void keepLaterOf(AuthorChains other) {
        for (Map.Entry<IdentityKeyId, Head> entry : other.heads.entrySet()) {
            Head mine = heads.get(entry.getKey());
            if (mine == null || mine.sequence() < entry.getValue().sequence()) {
                heads.put(entry.getKey(), entry.getValue());
            }
        }
    }

    /** The author's last known item, or null. */
    public Head head(IdentityKeyId author) {
        return heads.get(author);
    }

    /** {@code count (4) || count × (author key id (16) || sequence (8) || chain hash (32))}. */
    public byte[] encode() {
        byte[] out = new byte[4 + heads.size() * ENTRY_LENGTH];
        Pack.intToBigEndian(heads.size(), out, 0);
        int at = 4;
        for (Map.Entry<IdentityKeyId, Head> entry : heads.entrySet()) {
            System.arraycopy(entry.getKey().toBytes(), 0, out, at, 16);
            Pack.longToBigEndian(entry.getValue().sequence(), out, at + 16);
            System.arraycopy(entry.getValue().hash().toBytes(), 0, out, at + 24, UpdateHash.LENGTH);
            at += ENTRY_LENGTH;
        }
        return out;
    }

    /** Reads {@link #encode()} at {@code offset}; {@link #encodedLength()} then says how many bytes it took. */
    public static AuthorChains decode(byte[] in, int offset) throws InvalidMessageException {
        if (in.length - offset < 4) {
            throw new InvalidMessageException("author chains are cut short");
        }
        int count = Pack.bigEndianToInt(in, offset);
        if (count < 0 || count > (in.length - offset - 4) / ENTRY_LENGTH) {
            throw new InvalidMessageException("author chain count " + count + " does not fit");
        }
        AuthorChains chains = new AuthorChains();
        int at = offset + 4;
        for (int i = 0; i < count; i++) {
            byte[] id = new byte[16];
            System.arraycopy(in, at, id, 0, 16);
            long sequence = Pack.bigEndianToLong(in, at + 16);
            byte[] hash = new byte[UpdateHash.LENGTH];
            System.arraycopy(in, at + 24, hash, 0, UpdateHash.LENGTH);
            if (sequence < 1) {
                throw new InvalidMessageException("an author chain's sequence must be positive");
            }
            IdentityKeyId author = IdentityKeyId.fromBytes(id);
            if (chains.heads.containsKey(author)) {
                throw new InvalidMessageException("an author is listed twice");
            }
            chains.advance(author, sequence, UpdateHash.fromBytes(hash));
            at += ENTRY_LENGTH;
        }
        return chains;
    }

    public int encodedLength() {
        return 4 + heads.size() * ENTRY_LENGTH;
    }

    public AuthorChains copy() {
        AuthorChains copy = new AuthorChains();
        copy.heads.putAll(heads);
        return copy;
    }
}
