package dev.vellum.client.crdt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who wrote what, as Yjs's {@code StructStore}: the replicas a document has heard of (each a small index), each
 * replica's next clock, and per character identity the run that holds it. It never decides where a run goes in the
 * text; that is {@link ItemList}'s and {@link Integrator}'s job.
 *
 * <p>Every clock a replica has used has a slot, so a lookup is an array read plus, after splits, a walk along
 * {@link Item#splitNext}: a slot keeps the run that held the clock when it was inserted, and the pieces split off
 * that run's tail are reached from it without a search.
 */
final class ItemStore {
    private final List<ReplicaId> replicas = new ArrayList<>();
    private final Map<ReplicaId, Integer> replicaIndexes = new HashMap<>();
    private int[] nextClock = new int[4];
    /** Per replica, per clock: the run that held that clock when it was inserted (see {@link #find}). */
    private Item[][] slots = new Item[4][];

    /** The index of {@code replica}, which is added to the table if it is new. */
    int indexOf(ReplicaId replica) {
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

    /** The index of {@code replica}, or -1 if this document has never heard of it; the table is left as it is. */
    int knownIndexOf(ReplicaId replica) {
        Integer index = replicaIndexes.get(replica);
        return index == null ? -1 : index;
    }

    ReplicaId replica(int index) {
        return replicas.get(index);
    }

    int replicaCount() {
        return replicas.size();
    }

    /** The clock replica {@code r}'s next character will have: every clock below it is here. */
    int nextClock(int r) {
        return nextClock[r];
    }

    void advance(int r, int clock) {
        nextClock[r] = clock;
    }

    /** Whether the character {@code ref} names is here; null (the start or the end) always is. */
    boolean present(CharRef ref) {
        return ref == null || ref.clock() < nextClock[ref.replica()];
    }

    /** The run holding {@code clock} of replica {@code r}, which must be present. */
    Item find(int r, int clock) {
        Item item = slots[r][clock];
        while (clock >= item.clock + item.length) {
            item = item.splitNext;
        }
        return item;
    }

    /** Notes that {@code item} holds clocks {@code clock .. clock + count - 1} of its replica. */
    void record(Item item, int clock, int count) {
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

    /** Gives replica {@code r} exactly {@code clocks} empty slots, for a decoded state to fill. */
    void reserve(int r, int clocks) {
        nextClock[r] = clocks;
        slots[r] = new Item[Math.max(clocks, 1)];
    }

    /** Whether some run already claims {@code clock} of replica {@code r} (a decoded state's check). */
    boolean isRecorded(int r, int clock) {
        return slots[r][clock] != null;
    }

    CharRef ref(CharId id) {
        return id == null ? null : new CharRef(indexOf(id.replica()), id.clock());
    }

    CharId charId(CharRef ref) {
        return ref == null ? null : new CharId(replicas.get(ref.replica()), ref.clock());
    }
}
