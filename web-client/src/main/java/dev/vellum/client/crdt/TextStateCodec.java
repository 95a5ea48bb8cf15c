package dev.vellum.client.crdt;

import dev.vellum.error.InvalidMessageException;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary form of a whole {@link TextDocument}: every run, tombstones included, without deleted text. It is what
 * a snapshot stores and enough to merge later ops into, as Yjs's {@code UpdateEncoder}/{@code UpdateDecoder} and
 * diamond-types' {@code list/encoding} sit beside the data structure. Decoding checks everything before it trusts
 * it, and refuses a state that declares more than {@link TextDocument#MAX_CLOCK} characters in all before it
 * allocates a slot for any of them, since a deleted run declares any number of characters in a few bytes.
 *
 * <p>Layout, all varints unless said otherwise: {@code version || replica count || per replica (id bytes,
 * length-prefixed || next clock) || run count || runs}, where a run is {@code flags (one byte) || replica? || clock?
 * || length || left origin (replica, clock)? || right origin (replica, clock)? || UTF-16 units (live runs only)}.
 * Origins that point at the neighbouring run and clocks that continue the replica's previous run cost a flag bit
 * instead of numbers.
 */
final class TextStateCodec {
    private static final int MAX_CLOCK = TextDocument.MAX_CLOCK;
    private static final int STATE_VERSION = 1;
    private static final int DELETED = 1;
    private static final int HAS_LEFT = 2;
    private static final int LEFT_IS_PREVIOUS = 4;
    private static final int HAS_RIGHT = 8;
    private static final int RIGHT_IS_NEXT = 16;
    private static final int CLOCK_FOLLOWS = 32;
    private static final int SAME_REPLICA = 64;
    private static final int RIGHT_AS_PREVIOUS = 128;

    private TextStateCodec() {
    }

    /** The whole state of {@code doc}; the same document always gives the same bytes. */
    static byte[] encode(TextDocument doc) {
        ItemStore store = doc.store;
        Item head = doc.list.head;
        Varints.Writer out = new Varints.Writer();
        out.writeVarint(STATE_VERSION);
        out.writeVarint(store.replicaCount());
        for (int r = 0; r < store.replicaCount(); r++) {
            out.writeBytes(store.replica(r).bytes());
            out.writeVarint(store.nextClock(r));
        }
        int count = 0;
        for (Item item = head.next; item != null; item = item.next) {
            count++;
        }
        out.writeVarint(count);
        int[] lastEnd = new int[store.replicaCount()];
        Item previous = head;
        for (Item item = head.next; item != null; item = item.next) {
            boolean leftIsPrevious = item.originLeft != null && previous != head
                    && item.originLeft.replica() == previous.replica
                    && item.originLeft.clock() == previous.lastClock();
            boolean rightIsNext = item.originRight != null && item.next != null
                    && item.originRight.replica() == item.next.replica && item.originRight.clock() == item.next.clock;
            // A run split off its predecessor keeps that run's right origin: one bit instead of two numbers.
            boolean rightAsPrevious = !rightIsNext && item.originRight != null && previous != head
                    && item.originRight.equals(previous.originRight);
            boolean clockFollows = item.clock == lastEnd[item.replica];
            boolean sameReplica = previous != head && item.replica == previous.replica;
            int flags = (item.deleted ? DELETED : 0) | (item.originLeft != null ? HAS_LEFT : 0)
                    | (leftIsPrevious ? LEFT_IS_PREVIOUS : 0) | (item.originRight != null ? HAS_RIGHT : 0)
                    | (rightIsNext ? RIGHT_IS_NEXT : 0) | (clockFollows ? CLOCK_FOLLOWS : 0)
                    | (sameReplica ? SAME_REPLICA : 0) | (rightAsPrevious ? RIGHT_AS_PREVIOUS : 0);
            out.writeByte(flags);
            if (!sameReplica) {
                out.writeVarint(item.replica);
            }
            if (!clockFollows) {
                out.writeVarint(item.clock);
            }
            out.writeVarint(item.length);
            if (item.originLeft != null && !leftIsPrevious) {
                out.writeVarint(item.originLeft.replica());
                out.writeVarint(item.originLeft.clock());
            }
            if (item.originRight != null && !rightIsNext && !rightAsPrevious) {
                out.writeVarint(item.originRight.replica());
                out.writeVarint(item.originRight.clock());
            }
            if (!item.deleted) {
                out.writeChars(item.content);
            }
            lastEnd[item.replica] = item.clock + item.length;
            previous = item;
        }
        return out.toByteArray();
    }

    /**
     * Rebuilds a document from {@link #encode}, as replica {@code self}.
     *
     * @throws InvalidMessageException if the bytes are not a well-formed state: truncated, an
     *     unknown version, a replica or origin out of range, or runs that do not add up to the clocks declared
     */
    static TextDocument decode(byte[] encoded, ReplicaId self) throws InvalidMessageException {
        Varints.Reader in = new Varints.Reader(encoded);
        if (in.readVarint() != STATE_VERSION) {
            throw new InvalidMessageException("unknown CRDT state version");
        }
        TextDocument doc = new TextDocument(self);
        ItemStore store = doc.store;
        ItemList list = doc.list;
        int replicaCount = in.readInt(encoded.length);
        int[] local = new int[replicaCount];
        int[] declaredClock = new int[replicaCount];
        long totalClock = 0;
        for (int r = 0; r < replicaCount; r++) {
            byte[] id = in.readBytes(255);
            if (id.length == 0) {
                throw new InvalidMessageException("empty replica id");
            }
            int index = store.indexOf(ReplicaId.of(id));
            for (int earlier = 0; earlier < r; earlier++) {
                if (local[earlier] == index) {
                    throw new InvalidMessageException("replica listed twice");
                }
            }
            local[r] = index;
            declaredClock[r] = in.readInt(MAX_CLOCK);
            totalClock += declaredClock[r];
            if (totalClock > MAX_CLOCK) {
                // Every declared character costs a slot, and a deleted run declares any number in a few bytes: a
                // bound keeps a hostile state from taking a tab's memory. No note holds 16 million characters.
                throw new InvalidMessageException("state declares more than " + MAX_CLOCK + " characters");
            }
        }
        int count = in.readInt(Integer.MAX_VALUE);
        int[] lastEnd = new int[replicaCount];
        Item previous = list.head;
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int flags = in.readByte();
            int r;
            if ((flags & SAME_REPLICA) != 0) {
                if (previous == list.head) {
                    throw new InvalidMessageException("first run has no previous run");
                }
                r = encodedReplicaOf(local, previous.replica);
            } else {
                r = in.readInt(replicaCount - 1);
            }
            int clock = (flags & CLOCK_FOLLOWS) != 0 ? lastEnd[r] : in.readInt(MAX_CLOCK);
            int length = in.readInt(MAX_CLOCK);
            if (length == 0 || clock + length > declaredClock[r]) {
                throw new InvalidMessageException("run outside its replica's declared clock");
            }
            CharRef left = null;
            if ((flags & HAS_LEFT) != 0) {
                if ((flags & LEFT_IS_PREVIOUS) != 0) {
                    if (previous == list.head) {
                        throw new InvalidMessageException("first run has no previous run");
                    }
                    left = new CharRef(previous.replica, previous.lastClock());
                } else {
                    left = new CharRef(local[in.readInt(replicaCount - 1)], in.readInt(MAX_CLOCK));
                }
            }
            CharRef right = null;
            boolean rightIsNext = (flags & HAS_RIGHT) != 0 && (flags & RIGHT_IS_NEXT) != 0;
            boolean rightAsPrevious = (flags & HAS_RIGHT) != 0 && !rightIsNext && (flags & RIGHT_AS_PREVIOUS) != 0;
            if (rightAsPrevious) {
                if (previous == list.head || previous.originRight == null) {
                    throw new InvalidMessageException("previous run has no right origin to share");
                }
                right = previous.originRight;
            } else if ((flags & HAS_RIGHT) != 0 && !rightIsNext) {
                right = new CharRef(local[in.readInt(replicaCount - 1)], in.readInt(MAX_CLOCK));
            }
            boolean deleted = (flags & DELETED) != 0;
            StringBuilder content = deleted ? null : new StringBuilder(in.readChars(length));
            Item item = new Item(local[r], clock, left, right, content, length);
            item.deleted = deleted;
            if (rightIsNext) {
                item.splitNext = item; // marker: resolved once the next run is known
            }
            list.linkAfter(previous, item);
            items.add(item);
            lastEnd[r] = clock + length;
            previous = item;
        }
        if (!in.atEnd()) {
            throw new InvalidMessageException("bytes after the CRDT state");
        }
        adopt(store, list, items, local, declaredClock);
        return doc;
    }

    /**
     * The text a state shows, read straight from its bytes: the live runs' characters in document order, without
     * building the document (about a tenth of {@link #decode}'s cost, which allocates a slot per character). Only
     * what finding the text needs is checked; a state {@link #decode} would refuse opens nowhere, so its text
     * matters to nobody.
     *
     * @throws InvalidMessageException if the bytes cannot even be read as runs
     */
    static String visibleText(byte[] encoded) throws InvalidMessageException {
        Varints.Reader in = new Varints.Reader(encoded);
        if (in.readVarint() != STATE_VERSION) {
            throw new InvalidMessageException("unknown CRDT state version");
        }
        int replicaCount = in.readInt(encoded.length);
        for (int r = 0; r < replicaCount; r++) {
            in.readBytes(255);
            in.readInt(MAX_CLOCK);
        }
        int count = in.readInt(Integer.MAX_VALUE);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            int flags = in.readByte();
            if ((flags & SAME_REPLICA) == 0) {
                in.readInt(Math.max(0, replicaCount - 1));
            }
            if ((flags & CLOCK_FOLLOWS) == 0) {
                in.readInt(MAX_CLOCK);
            }
            int length = in.readInt(MAX_CLOCK);
            if ((flags & HAS_LEFT) != 0 && (flags & LEFT_IS_PREVIOUS) == 0) {
                in.readInt(Math.max(0, replicaCount - 1));
                in.readInt(MAX_CLOCK);
            }
            boolean rightIsNext = (flags & HAS_RIGHT) != 0 && (flags & RIGHT_IS_NEXT) != 0;
            boolean rightAsPrevious = (flags & HAS_RIGHT) != 0 && !rightIsNext && (flags & RIGHT_AS_PREVIOUS) != 0;
            if ((flags & HAS_RIGHT) != 0 && !rightIsNext && !rightAsPrevious) {
                in.readInt(Math.max(0, replicaCount - 1));
                in.readInt(MAX_CLOCK);
            }
            if ((flags & DELETED) == 0) {
                text.append(in.readChars(length));
            }
        }
        if (!in.atEnd()) {
            throw new InvalidMessageException("bytes after the CRDT state");
        }
        return text.toString();
    }

    private static int encodedReplicaOf(int[] local, int localIndex) {
        for (int r = 0; r < local.length; r++) {
            if (local[r] == localIndex) {
                return r;
            }
        }
        throw new IllegalStateException("decoded run of an unlisted replica");
    }

    /** Finishes a decoded document: origins that named the next run, slots, clocks and length. */
    private static void adopt(ItemStore store, ItemList list, List<Item> items, int[] local, int[] declaredClock)
            throws InvalidMessageException {
        List<Item> rebuilt = new ArrayList<>(items.size());
        for (Item item : items) {
            if (item.splitNext == item) {
                if (item.next == null) {
                    throw new InvalidMessageException("last run's right origin names no run");
                }
                Item fixed = new Item(item.replica, item.clock, item.originLeft,
                        new CharRef(item.next.replica, item.next.clock), item.content, item.length);
                fixed.deleted = item.deleted;
                list.replace(item, fixed);
                item = fixed;
            }
            rebuilt.add(item);
        }
        long[] runTotal = new long[store.replicaCount()];
        for (Item item : rebuilt) {
            runTotal[item.replica] += item.length;
        }
        for (int r = 0; r < local.length; r++) {
            // Each character is held by exactly one run: check the sum before allocating a slot per character.
            if (runTotal[local[r]] != declaredClock[r]) {
                throw new InvalidMessageException("runs do not add up to a replica's clock");
            }
        }
        for (int r = 0; r < local.length; r++) {
            store.reserve(local[r], declaredClock[r]);
        }
        for (Item item : rebuilt) {
            for (int clock = item.clock; clock < item.clock + item.length; clock++) {
                if (store.isRecorded(item.replica, clock)) {
                    throw new InvalidMessageException("two runs claim one character");
                }
            }
            store.record(item, item.clock, item.length);
            list.addVisible(item.visibleLength());
        }
        for (int r = 0; r < local.length; r++) {
            for (int clock = 0; clock < declaredClock[r]; clock++) {
                if (!store.isRecorded(local[r], clock)) {
                    throw new InvalidMessageException("a replica's clock has a gap");
                }
            }
        }
        for (Item item : rebuilt) {
            if (!store.present(item.originLeft) || !store.present(item.originRight)) {
                throw new InvalidMessageException("an origin names a missing character");
            }
        }
    }
}
