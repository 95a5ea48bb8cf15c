package dev.vellum.client.crdt;

import dev.vellum.error.InvalidMessageException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A collaborative plain text: a sequence CRDT in the Fugue family (Weidner and Kleppmann, "The Art of the Fugue",
 * 2023), written as "YjsMod": Yjs's list of runs with left and right origins, and FugueMax's rule for placing
 * concurrent inserts, so that text two people type at the same place concurrently is never interleaved.
 *
 * <p>Every character has an identity (its writer's {@link ReplicaId} and that writer's counter). Local edits by
 * position become {@link TextOp}s that name identities, so they mean the same on every replica. Ops may arrive in
 * any order and more than once: each waits until what it depends on (its origins, the writer's earlier
 * characters, the characters it deletes) is there, and duplicates change nothing. Replicas that have applied the
 * same ops hold the same text.
 *
 * <p>Characters typed one after another form one run (one list node), so a document costs memory per run, not per
 * keystroke. Deleted characters stay as tombstones that keep their identity but not their text. Positions count
 * UTF-16 code units, as the browser's text controls do. Not thread-safe.
 */
public final class TextDocument {
    private final List<ReplicaId> replicas = new ArrayList<>();
    private final Map<ReplicaId, Integer> replicaIndexes = new HashMap<>();
    private int[] nextClock = new int[4];
    /** Per replica, per clock: the run that held that clock when it was inserted (see {@link #find}). */
    private Item[][] slots = new Item[4][];
    private final int self;
    /** Sentinel before the first run; never deleted, never split. */
    private final Item head = new Item(-1, 0, null, null, null, 0);
    private int visibleLength;
    private final List<TextOp> pending = new ArrayList<>();

    /** Where the last position lookup ended: {@code cacheItem} starts at visible position {@code cachePosition}. */
    private Item cacheItem;
    private int cachePosition;
    private Item foundItem;
    private int foundOffset;

    public TextDocument(ReplicaId self) {
        this.self = replicaIndex(self);
    }

    public ReplicaId self() {
        return replicas.get(self);
    }

    public int length() {
        return visibleLength;
    }

    public String text() {
        StringBuilder out = new StringBuilder(visibleLength);
        for (Item item = head.next; item != null; item = item.next) {
            if (!item.deleted) {
                out.append(item.content);
            }
        }
        return out.toString();
    }

    /** How many ops wait for something they depend on. */
    public int pendingCount() {
        return pending.size();
    }

    /** The ops waiting for what they depend on, to carry them over to another copy of the document. */
    public List<TextOp> pendingOps() {
        return new ArrayList<>(pending);
    }

    // --- Snapshots ------------------------------------------------------------------------------------------

    /** Characters one replica may ever insert into one document; each costs a slot, deleted or not. */
    public static final int MAX_CLOCK = 1 << 24;
    private static final int STATE_VERSION = 1;
    private static final int DELETED = 1;
    private static final int HAS_LEFT = 2;
    private static final int LEFT_IS_PREVIOUS = 4;
    private static final int HAS_RIGHT = 8;
    private static final int RIGHT_IS_NEXT = 16;
    private static final int CLOCK_FOLLOWS = 32;
    private static final int SAME_REPLICA = 64;
    private static final int RIGHT_AS_PREVIOUS = 128;

    /**
     * The whole state (every run, tombstones included, without deleted text) as bytes: what a snapshot stores, and
     * enough to merge later ops into. Origins that point at the neighbouring run and clocks that continue the
     * replica's previous run cost a flag bit instead of numbers.
     */
    public byte[] encodeState() {
        Varints.Writer out = new Varints.Writer();
        out.writeVarint(STATE_VERSION);
        out.writeVarint(replicas.size());
        for (int r = 0; r < replicas.size(); r++) {
            out.writeBytes(replicas.get(r).bytes());
            out.writeVarint(nextClock[r]);
        }
        int count = 0;
        for (Item item = head.next; item != null; item = item.next) {
            count++;
        }
        out.writeVarint(count);
        int[] lastEnd = new int[replicas.size()];
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
     * Rebuilds a document from {@link #encodeState()}, as replica {@code self}.
     *
     * @throws InvalidMessageException if the bytes are not a well-formed state: truncated, an
     *     unknown version, a replica or origin out of range, or runs that do not add up to the clocks declared
     */
    public static TextDocument decodeState(byte[] encoded, ReplicaId self)
            throws InvalidMessageException {
        Varints.Reader in = new Varints.Reader(encoded);
        if (in.readVarint() != STATE_VERSION) {
            throw new InvalidMessageException("unknown CRDT state version");
        }
        TextDocument doc = new TextDocument(self);
        int replicaCount = in.readInt(encoded.length);
        int[] local = new int[replicaCount];
        int[] declaredClock = new int[replicaCount];
        long totalClock = 0;
        for (int r = 0; r < replicaCount; r++) {
            byte[] id = in.readBytes(255);
            if (id.length == 0) {
                throw new InvalidMessageException("empty replica id");
            }
            int index = doc.replicaIndex(ReplicaId.of(id));
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
        Item previous = doc.head;
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int flags = in.readByte();
            int r;
            if ((flags & SAME_REPLICA) != 0) {
                if (previous == doc.head) {
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
                    if (previous == doc.head) {
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
                if (previous == doc.head || previous.originRight == null) {
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
            doc.linkAfter(previous, item);
            items.add(item);
            lastEnd[r] = clock + length;
            previous = item;
        }
        if (!in.atEnd()) {
            throw new InvalidMessageException("bytes after the CRDT state");
        }
        return doc.adopt(items, local, declaredClock);
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
    private TextDocument adopt(List<Item> items, int[] local, int[] declaredClock)
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
                replace(item, fixed);
                item = fixed;
            }
            rebuilt.add(item);
        }
        long[] runTotal = new long[replicas.size()];
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
            nextClock[local[r]] = declaredClock[r];
            slots[local[r]] = new Item[Math.max(declaredClock[r], 1)];
        }
        for (Item item : rebuilt) {
            Item[] replicaSlots = slots[item.replica];
            for (int clock = item.clock; clock < item.clock + item.length; clock++) {
                if (replicaSlots[clock] != null) {
                    throw new InvalidMessageException("two runs claim one character");
                }
            }
            record(item, item.clock, item.length);
            visibleLength += item.visibleLength();
        }
        for (int r = 0; r < local.length; r++) {
            Item[] replicaSlots = slots[local[r]];
            for (int clock = 0; clock < declaredClock[r]; clock++) {
                if (replicaSlots[clock] == null) {
                    throw new InvalidMessageException("a replica's clock has a gap");
                }
            }
        }
        for (Item item : rebuilt) {
            if (!present(item.originLeft) || !present(item.originRight)) {
                throw new InvalidMessageException("an origin names a missing character");
            }
        }
        return this;
    }

    private void replace(Item old, Item fresh) {
        fresh.prev = old.prev;
        fresh.next = old.next;
        old.prev.next = fresh;
        if (old.next != null) {
            old.next.prev = fresh;
        }
    }

    // --- Positions that survive edits ----------------------------------------------------------------------

    /** The identity of the character just before {@code position}, or null at the start: a caret that stays put. */
    public CharId charBefore(int position) {
        if (position <= 0 || visibleLength == 0) {
            return null;
        }
        findVisible(Math.min(position, visibleLength) - 1);
        return new CharId(replicas.get(foundItem.replica), foundItem.clock + foundOffset);
    }

    /**
     * Where a caret placed after {@code id} is now: after that character, or where it was if it has been deleted.
     * Unknown characters (not yet received) place it at the start.
     */
    public int positionAfter(CharId id) {
        if (id == null) {
            return 0;
        }
        Integer r = replicaIndexes.get(id.replica());
        if (r == null || id.clock() >= nextClock[r]) {
            return 0;
        }
        Item target = find(r, id.clock());
        int position = 0;
        for (Item item = head.next; item != target; item = item.next) {
            position += item.visibleLength();
        }
        return target.deleted ? position : position + id.clock() - target.clock + 1;
    }

    // --- Local edits -----------------------------------------------------------------------------------------

    /** Deletes {@code deleteCount} characters at {@code position}, then inserts {@code text} there. */
    public List<TextOp> replace(int position, int deleteCount, String text) {
        if (nextClock[self] + text.length() > MAX_CLOCK) {
            throw new IllegalStateException("this document has reached its size limit");
        }
        List<TextOp> ops = new ArrayList<>(2);
        if (deleteCount > 0) {
            ops.addAll(delete(position, deleteCount));
        }
        if (!text.isEmpty()) {
            ops.add(insert(position, text));
        }
        return ops;
    }

    public TextOp.Insert insert(int position, String text) {
        if (position < 0 || position > visibleLength) {
            throw new IndexOutOfBoundsException("insert at " + position + " in a text of " + visibleLength);
        }
        if (text.isEmpty()) {
            throw new IllegalArgumentException("nothing to insert");
        }
        if (nextClock[self] + text.length() > MAX_CLOCK) {
            throw new IllegalStateException("this document has reached its size limit");
        }
        Item left = head;
        int leftStart = 0;
        if (position > 0) {
            findVisible(position - 1);
            left = foundItem;
            leftStart = position - 1 - foundOffset;
            if (foundOffset < left.length - 1) {
                split(left, foundOffset + 1);
            }
        }
        CharRef originLeft = left == head ? null : new CharRef(left.replica, left.lastClock());
        Item right = left.next;
        CharRef originRight = right == null ? null : new CharRef(right.replica, right.clock);
        int clock = nextClock[self];
        boolean extendsRun = left != head && left.replica == self && left.lastClock() == clock - 1 && !left.deleted
                && Objects.equals(left.originRight, originRight);
        if (extendsRun) {
            left.content.append(text);
            left.length += text.length();
            record(left, clock, text.length());
            cacheItem = left;
            cachePosition = leftStart;
        } else {
            Item item = new Item(self, clock, originLeft, originRight, new StringBuilder(text), text.length());
            linkAfter(left, item);
            record(item, clock, text.length());
            cacheItem = item;
            cachePosition = position;
        }
        nextClock[self] = clock + text.length();
        visibleLength += text.length();
        return new TextOp.Insert(replicas.get(self), clock, charId(originLeft), charId(originRight), text);
    }

    public List<TextOp.Delete> delete(int position, int count) {
        if (position < 0 || count < 0 || position + count > visibleLength) {
            throw new IndexOutOfBoundsException("delete " + count + " at " + position + " in a text of "
                    + visibleLength);
        }
        List<TextOp.Delete> ops = new ArrayList<>();
        if (count == 0) {
            return ops;
        }
        findVisible(position);
        Item item = foundItem;
        if (foundOffset > 0) {
            item = split(item, foundOffset);
        }
        Item first = item;
        int remaining = count;
        Item last = item;
        while (remaining > 0) {
            while (item.deleted) {
                item = item.next;
            }
            if (item.length > remaining) {
                split(item, remaining);
            }
            markDeleted(item);
            remaining -= item.length;
            addDelete(ops, item);
            last = item;
            item = item.next;
        }
        mergeTombstones(first.prev, last.next);
        cacheItem = survivor(first);
        cachePosition = position;
        return ops;
    }

    // --- Remote ops ------------------------------------------------------------------------------------------

    /**
     * Applies ops from any replica, in any order, duplicates included. Ops whose dependencies are missing wait and
     * are applied as soon as those arrive.
     */
    public void apply(List<? extends TextOp> ops) {
        boolean progress = false;
        for (TextOp op : ops) {
            if (tryApply(op)) {
                progress = true;
            } else {
                pending.add(op);
            }
        }
        while (progress && !pending.isEmpty()) {
            progress = false;
            for (int i = 0; i < pending.size(); i++) {
                if (tryApply(pending.get(i))) {
                    pending.remove(i--);
                    progress = true;
                }
            }
        }
    }

    private boolean tryApply(TextOp op) {
        if (op instanceof TextOp.Insert insert) {
            return tryInsert(insert);
        }
        return tryDelete((TextOp.Delete) op);
    }

    private boolean tryInsert(TextOp.Insert op) {
        int r = replicaIndex(op.replica());
        int clock = op.clock();
        String text = op.text();
        CharRef left = ref(op.left());
        if (clock + text.length() <= nextClock[r]) {
            return true; // already here
        }
        if (clock > nextClock[r] || !present(left) || !present(ref(op.right()))) {
            return false;
        }
        if (clock + text.length() > MAX_CLOCK) {
            return true; // beyond any document's size: dropped, as an honest replica never sends it
        }
        if (clock < nextClock[r]) {
            // Partly here already: honest replicas never send this (each clock goes out in exactly one op), and
            // guessing what the rest meant could make replicas disagree. Dropped.
            return true;
        }
        if (!rightFollowsLeft(left, ref(op.right()))) {
            // No honest replica can produce this; applying it anywhere would make replicas disagree. Dropped the
            // same way everywhere, it is as if it never was. Its clocks stay unused, so later ops of that replica
            // wait forever: a replica that sends such ops stops being heard.
            return true;
        }
        integrate(r, clock, left, ref(op.right()), text);
        cacheItem = null;
        return true;
    }

    /** Whether the right origin comes strictly after the left one in the list (both present). */
    private boolean rightFollowsLeft(CharRef left, CharRef right) {
        if (right == null) {
            return true;
        }
        if (left != null && left.equals(right)) {
            return false;
        }
        Item rightItem = find(right.replica(), right.clock());
        if (left == null) {
            return true;
        }
        Item leftItem = find(left.replica(), left.clock());
        if (leftItem == rightItem) {
            return right.clock() > left.clock();
        }
        for (Item item = leftItem.next; item != null; item = item.next) {
            if (item == rightItem) {
                return true;
            }
        }
        return false;
    }

    private boolean tryDelete(TextOp.Delete op) {
        int r = replicaIndex(op.replica());
        int end = op.clock() + op.length();
        if (end > nextClock[r]) {
            return false;
        }
        int clock = op.clock();
        while (clock < end) {
            Item item = find(r, clock);
            if (item.clock < clock) {
                item = split(item, clock - item.clock);
            }
            if (item.clock + item.length > end) {
                split(item, end - item.clock);
            }
            if (!item.deleted) {
                markDeleted(item);
            }
            clock = item.clock + item.length;
            mergeTombstones(item.prev, item.next);
        }
        cacheItem = null;
        return true;
    }

    /**
     * Places a run between its origins. Among runs already there with the same left origin, FugueMax's order
     * applies: runs whose right origin comes earlier are skipped as part of an earlier subtree, and a tie is broken
     * by replica id; runs whose left origin lies inside the scanned region belong to them and are skipped with
     * them. (Weidner's "YjsMod", as in Gentle's reference-crdts.)
     */
    private void integrate(int r, int clock, CharRef originLeft, CharRef originRight, String text) {
        // Split at the right origin first: if it lies inside the left origin's run, splitting the left first would
        // leave a stale item boundary, and replicas whose runs happen to be split differently would disagree.
        Item right = null;
        if (originRight != null) {
            right = find(originRight.replica(), originRight.clock());
            if (right.clock != originRight.clock()) {
                right = split(right, originRight.clock() - right.clock);
            }
        }
        Item left = head;
        if (originLeft != null) {
            left = find(originLeft.replica(), originLeft.clock());
            if (left.lastClock() != originLeft.clock()) {
                split(left, originLeft.clock() - left.clock + 1);
            }
        }
        Item insertAfter = left;
        Item beforeO = left;
        Item o = left.next;
        boolean scanning = false;
        Set<Item> scanned = null;
        while (true) {
            if (!scanning) {
                insertAfter = beforeO;
            }
            if (o == null || o == right) {
                break;
            }
            if (scanned == null) {
                scanned = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            }
            scanned.add(o);
            int leftOrder = compareLeft(o.originLeft, originLeft, left, scanned);
            if (leftOrder < 0) {
                break;
            }
            if (leftOrder == 0) {
                int rightOrder = compareRight(o, originRight, right);
                if (rightOrder < 0) {
                    scanning = true;
                } else if (rightOrder == 0) {
                    if (replicas.get(r).compareTo(replicas.get(o.replica)) < 0) {
                        break;
                    }
                    scanning = false;
                } else {
                    scanning = false;
                }
            }
            beforeO = o;
            o = o.next;
        }
        Item item = new Item(r, clock, originLeft, originRight, new StringBuilder(text), text.length());
        linkAfter(insertAfter, item);
        record(item, clock, text.length());
        nextClock[r] = clock + text.length();
        visibleLength += text.length();
    }

    /** Where {@code other} lies relative to our left origin: before it (-1), at it (0), or after it (+1). */
    private int compareLeft(CharRef other, CharRef ours, Item leftItem, Set<Item> scanned) {
        if (Objects.equals(other, ours)) {
            return 0;
        }
        if (other == null) {
            return -1; // the document's start, and ours is a character
        }
        Item item = find(other.replica(), other.clock());
        // Every run between our left origin and the one being scanned has been scanned; anything else is before.
        return item != leftItem && scanned.contains(item) ? 1 : -1;
    }

    /** Where {@code o}'s right origin lies relative to ours: before it (-1), at it (0), or after it (+1). */
    private int compareRight(Item o, CharRef ours, Item rightItem) {
        CharRef other = o.originRight;
        if (Objects.equals(other, ours)) {
            return 0;
        }
        if (ours == null) {
            return -1; // ours is the end of the document, theirs a character before it
        }
        if (other == null) {
            return 1;
        }
        Item target = find(other.replica(), other.clock());
        for (Item item = o.next; item != null && item != rightItem; item = item.next) {
            if (item == target) {
                return -1;
            }
        }
        return 1;
    }

    // --- The list --------------------------------------------------------------------------------------------

    /** Sets {@link #foundItem} to the live run holding visible position {@code index}, and the offset in it. */
    private void findVisible(int index) {
        Item item = cacheItem;
        int position = cachePosition;
        if (item == null) {
            item = head;
            position = 0;
        }
        while (index < position) {
            item = item.prev;
            position -= item.visibleLength();
        }
        while (item.deleted || item == head || index >= position + item.length) {
            position += item.visibleLength();
            item = item.next;
        }
        cacheItem = item;
        cachePosition = position;
        foundItem = item;
        foundOffset = index - position;
    }

    /** The run holding {@code clock} of replica {@code r}, which must be present. */
    private Item find(int r, int clock) {
        Item item = slots[r][clock];
        while (clock >= item.clock + item.length) {
            item = item.splitNext;
        }
        return item;
    }

    /** Splits {@code item} before its character at {@code offset}; returns the new right part. */
    private Item split(Item item, int offset) {
        StringBuilder tail = item.content == null ? null : new StringBuilder(item.content.substring(offset));
        Item right = new Item(item.replica, item.clock + offset, new CharRef(item.replica, item.clock + offset - 1),
                item.originRight, tail, item.length - offset);
        right.deleted = item.deleted;
        if (item.content != null) {
            item.content.setLength(offset);
        }
        item.length = offset;
        right.splitNext = item.splitNext;
        item.splitNext = right;
        linkAfter(item, right);
        return right;
    }

    /**
     * Merges neighbouring tombstones that are pieces of one run (same writer, consecutive clocks, the second typed
     * right after the first, the same right origin) back into one, between {@code from} and {@code to} inclusive.
     * Typing and backspacing splits runs a character at a time; without this, every deleted character would stay a
     * node of its own.
     */
    private void mergeTombstones(Item from, Item to) {
        Item item = from == head ? head.next : from;
        while (item != null && item != to) {
            Item next = item.next;
            if (next == null) {
                return;
            }
            if (isContinuedTombstone(item, next)) {
                absorb(item, next);
                if (next == to) {
                    return;
                }
            } else {
                item = next;
            }
        }
    }

    private static boolean isContinuedTombstone(Item first, Item second) {
        return second != null && first.deleted && second.deleted && first.replica == second.replica
                && second.clock == first.clock + first.length && second.originLeft != null
                && second.originLeft.replica() == first.replica && second.originLeft.clock() == first.lastClock()
                && Objects.equals(first.originRight, second.originRight);
    }

    /** Joins {@code second}, the piece split off {@code first}'s tail, back onto {@code first}. */
    private void absorb(Item first, Item second) {
        Item[] replicaSlots = slots[first.replica];
        for (int clock = second.clock; clock < second.clock + second.length; clock++) {
            replicaSlots[clock] = first;
        }
        first.length += second.length;
        first.splitNext = second.splitNext;
        first.next = second.next;
        if (second.next != null) {
            second.next.prev = first;
        }
        second.mergedInto = first;
    }

    private static Item survivor(Item item) {
        while (item.mergedInto != null) {
            item = item.mergedInto;
        }
        return item;
    }

    private void linkAfter(Item before, Item item) {
        item.prev = before;
        item.next = before.next;
        if (before.next != null) {
            before.next.prev = item;
        }
        before.next = item;
    }

    private void markDeleted(Item item) {
        item.deleted = true;
        item.content = null;
        visibleLength -= item.length;
    }

    private void record(Item item, int clock, int count) {
        Item[] replicaSlots = slots[item.replica];
        if (replicaSlots == null || replicaSlots.length < clock + count) {
            int capacity = Math.max(clock + count, replicaSlots == null ? 64 : replicaSlots.length * 2);
            replicaSlots = replicaSlots == null ? new Item[capacity] : Arrays.copyOf(replicaSlots, capacity);
            slots[item.replica] = replicaSlots;
        }
        for (int i = clock; i < clock + count; i++) {
            replicaSlots[i] = item;
        }
    }

    private void addDelete(List<TextOp.Delete> ops, Item item) {
        ReplicaId replica = replicas.get(item.replica);
        if (!ops.isEmpty()) {
            TextOp.Delete last = ops.get(ops.size() - 1);
            if (last.replica().equals(replica) && last.clock() + last.length() == item.clock) {
                ops.set(ops.size() - 1, new TextOp.Delete(replica, last.clock(), last.length() + item.length));
                return;
            }
        }
        ops.add(new TextOp.Delete(replica, item.clock, item.length));
    }

    // --- Catching up a snapshot -------------------------------------------------------------------------------

    /**
     * The ops that bring {@code base} (typically a snapshot) up to everything this document holds: each run, or the
     * part of it, with clocks {@code base} does not have, and every deletion. Applying them to {@code base} merges
     * the two; a run cut at a clock continues after the character before it, as any run typed in order does. Text
     * that was deleted here is sent as placeholders, since a tombstone keeps no text and nobody will see it.
     */
    public List<TextOp> opsBeyond(TextDocument base) {
        List<TextOp> inserts = new ArrayList<>();
        List<TextOp.Delete> deletes = new ArrayList<>();
        for (Item item = head.next; item != null; item = item.next) {
            ReplicaId replica = replicas.get(item.replica);
            Integer baseIndex = base.replicaIndexes.get(replica);
            int known = baseIndex == null ? 0 : base.nextClock[baseIndex];
            int from = Math.max(item.clock, known);
            if (from < item.clock + item.length) {
                CharId left = from == item.clock ? charId(item.originLeft) : new CharId(replica, from - 1);
                int offset = from - item.clock;
                String text = item.deleted ? new String(new char[item.length - offset])
                        : item.content.substring(offset);
                inserts.add(new TextOp.Insert(replica, from, left, charId(item.originRight), text));
            }
            if (item.deleted) {
                addDelete(deletes, item);
            }
        }
        inserts.addAll(deletes);
        return inserts;
    }

    // --- Identities ------------------------------------------------------------------------------------------

    private int replicaIndex(ReplicaId replica) {
        Integer index = replicaIndexes.get(replica);
        if (index != null) {
            return index;
        }
        int added = replicas.size();
        replicas.add(replica);
        replicaIndexes.put(replica, added);
        if (added == nextClock.length) {
            nextClock = Arrays.copyOf(nextClock, added * 2);
            slots = Arrays.copyOf(slots, added * 2);
        }
        return added;
    }

    private boolean present(CharRef ref) {
        return ref == null || ref.clock() < nextClock[ref.replica()];
    }

    private CharRef ref(CharId id) {
        return id == null ? null : new CharRef(replicaIndex(id.replica()), id.clock());
    }

    private CharId charId(CharRef ref) {
        return ref == null ? null : new CharId(replicas.get(ref.replica()), ref.clock());
    }
}
