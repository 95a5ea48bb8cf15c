package dev.vellum.client.sync;

import dev.vellum.encoding.ByteReader;
import dev.vellum.encoding.ByteWriter;
import dev.vellum.error.InvalidMessageException;
import dev.vellum.protocol.item.UpdateHash;
import java.util.Map;
import java.util.TreeMap;

/**
 * The hash of the item the server served at each of the last revisions this reader dealt with. The server numbers
 * the history, and a server that forgot some revisions (a crash, a restore from an older backup) hands the same
 * numbers to new items; authors' chains cannot see that, since each new item is a fine successor in its own chain.
 * A reader that is served a different item under a number it already applied knows the server's history is no
 * longer the one it followed. Bounded: only the newest {@link #CAPACITY} revisions are kept, which is what a
 * reconnection shows again (the last one), what a late duplicate may still name, and more than the revisions a local
 * copy kept while an item waits for its predecessor resumes before (at most {@link SyncTunables#GAP_WAIT_REVISIONS}).
 */
final class ServedItems {
    static final int CAPACITY = 64;
    private static final int ENTRY_LENGTH = 8 + UpdateHash.LENGTH;

    private final TreeMap<Long, UpdateHash> hashes = new TreeMap<>();

    /** The server served {@code hash} at {@code revision}, and this reader dealt with it. */
    void remember(long revision, UpdateHash hash) {
        hashes.put(revision, hash);
        while (hashes.size() > CAPACITY) {
            hashes.pollFirstEntry();
        }
    }

    /** Whether this reader dealt with another item than {@code hash} at {@code revision}; false if it does not know. */
    boolean differs(long revision, UpdateHash hash) {
        UpdateHash known = hashes.get(revision);
        return known != null && !known.equals(hash);
    }

    /** The hash of the item served at {@code revision}, or null if this reader does not know it. */
    UpdateHash hashAt(long revision) {
        return hashes.get(revision);
    }

    boolean knows(long revision) {
        return hashes.containsKey(revision);
    }

    void clear() {
        hashes.clear();
    }

    ServedItems copy() {
        ServedItems copy = new ServedItems();
        copy.hashes.putAll(hashes);
        return copy;
    }

    /**
     * The first revision at which both lists name an item and the items differ, or 0 if they agree wherever both
     * know: one of the two histories is not the server's any more.
     */
    long firstDifferenceWith(ServedItems other) {
        for (Map.Entry<Long, UpdateHash> entry : other.hashes.entrySet()) {
            if (differs(entry.getKey(), entry.getValue())) {
                return entry.getKey();
            }
        }
        return 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ServedItems served && hashes.equals(served.hashes);
    }

    @Override
    public int hashCode() {
        return hashes.hashCode();
    }

    /** {@code count (4) || count × (revision (8) || item hash (32))}, revisions ascending. */
    void writeTo(ByteWriter out) {
        out.writeInt(hashes.size());
        for (Map.Entry<Long, UpdateHash> entry : hashes.entrySet()) {
            out.writeLong(entry.getKey()).writeBytes(entry.getValue().toBytes());
        }
    }

    int encodedLength() {
        return 4 + hashes.size() * ENTRY_LENGTH;
    }

    /** Reads {@link #writeTo}'s bytes from inside a larger message. */
    static ServedItems read(ByteReader in) throws InvalidMessageException {
        int count = in.readInt("served item count");
        if (count < 0 || count > CAPACITY || count > in.remaining() / ENTRY_LENGTH) {
            throw new InvalidMessageException("served item count " + count + " does not fit");
        }
        ServedItems served = new ServedItems();
        long previous = 0;
        for (int i = 0; i < count; i++) {
            long revision = in.readLong("served revision");
            UpdateHash hash = UpdateHash.fromBytes(in.readBytes(UpdateHash.LENGTH, "served item hash"));
            if (revision <= previous) {
                throw new InvalidMessageException("served revisions must be positive and ascending");
            }
            previous = revision;
            served.hashes.put(revision, hash);
        }
        return served;
    }
}
