package dev.vellum.client.sync;

import dev.vellum.encoding.ByteReader;
import dev.vellum.encoding.ByteWriter;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.id.Id128;
import dev.vellum.protocol.id.IdentityKeyId;
import dev.vellum.protocol.item.UpdateHash;
import dev.vellum.protocol.item.UpdateHeader;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where each author of a note stands: the sequence number and chain hash of their last item this reader knows. A
 * reader checks every item against it, so a server that withholds, replays or swaps an item is caught even though
 * it numbers the history itself.
 */
public final class AuthorChains {
    private static final int ENTRY_LENGTH = Id128.LENGTH + 8 + UpdateHash.LENGTH;

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

    /** Every author's last known item, by key id; read-only. */
    public Map<IdentityKeyId, Head> heads() {
        return java.util.Collections.unmodifiableMap(heads);
    }

    /** The author's last known item, or null. */
    public Head head(IdentityKeyId author) {
        return heads.get(author);
    }

    /** {@code count (4) || count × (author key id (16) || sequence (8) || chain hash (32))}. */
    public byte[] encode() {
        ByteWriter out = new ByteWriter(encodedLength());
        writeTo(out);
        return out.toByteArray();
    }

    /** Writes {@link #encode()}'s bytes into a larger message. */
    public void writeTo(ByteWriter out) {
        out.writeInt(heads.size());
        for (Map.Entry<IdentityKeyId, Head> entry : heads.entrySet()) {
            out.writeBytes(entry.getKey().toBytes())
                    .writeLong(entry.getValue().sequence())
                    .writeBytes(entry.getValue().hash().toBytes());
        }
    }

    /** Reads exactly what {@link #encode()} wrote. */
    public static AuthorChains decode(byte[] in) throws InvalidMessageException {
        ByteReader reader = new ByteReader(in, "author chains");
        AuthorChains chains = read(reader);
        reader.expectEnd();
        return chains;
    }

    /** Reads {@link #writeTo}'s bytes from inside a larger message. */
    public static AuthorChains read(ByteReader in) throws InvalidMessageException {
        int count = in.readInt("author chain count");
        if (count < 0 || count > in.remaining() / ENTRY_LENGTH) {
            throw new InvalidMessageException("author chain count " + count + " does not fit");
        }
        AuthorChains chains = new AuthorChains();
        for (int i = 0; i < count; i++) {
            IdentityKeyId author = IdentityKeyId.fromBytes(in.readBytes(Id128.LENGTH, "author key id"));
            long sequence = in.readLong("sequence");
            UpdateHash hash = UpdateHash.fromBytes(in.readBytes(UpdateHash.LENGTH, "chain hash"));
            if (sequence < 1) {
                throw new InvalidMessageException("an author chain's sequence must be positive");
            }
            if (chains.heads.containsKey(author)) {
                throw new InvalidMessageException("an author is listed twice");
            }
            chains.advance(author, sequence, hash);
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
