package dev.vellum.client.crdt;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Applies one op from any replica, as Yjs's {@code Item.integrate}: an insert goes between its origins, at the
 * place every replica picks for it whatever order concurrent inserts arrived in; a delete turns characters into
 * tombstones. It says whether the op could be applied now; ops whose dependencies are missing are kept by
 * {@link PendingOps}, not here. Ops no honest replica sends are dropped the same way on every replica.
 */
final class Integrator {
    private final ItemStore store;
    private final ItemList list;
    /** Replicas whose characters came with two different texts, each said once. */
    private final Set<Integer> conflicting = new HashSet<>();
    private final List<ReplicaId> newlyConflicting = new ArrayList<>();

    Integrator(ItemStore store, ItemList list) {
        this.store = store;
        this.list = list;
    }

    /** Applies {@code op} if what it depends on is here; returns false if it must wait. Duplicates change nothing. */
    boolean tryApply(TextOp op) {
        if (op instanceof TextOp.Insert insert) {
            return tryInsert(insert);
        }
        return tryDelete((TextOp.Delete) op);
    }

    private boolean tryInsert(TextOp.Insert op) {
        int r = store.indexOf(op.replica());
        int clock = op.clock();
        String text = op.text();
        CharRef left = store.ref(op.left());
        int next = store.nextClock(r);
        if (clock + text.length() <= next) {
            noteIfDifferent(r, clock, text, text.length());
            return true; // already here: the first text received stays
        }
        if (clock > next || !store.present(left) || !store.present(store.ref(op.right()))) {
            return false;
        }
        if (clock + text.length() > TextDocument.MAX_CLOCK) {
            return true; // beyond any document's size: dropped, as an honest replica never sends it
        }
        if (clock < next) {
            // Partly here already: honest replicas never send this (each clock goes out in exactly one op), and
            // guessing what the rest meant could make replicas disagree. Dropped.
            noteIfDifferent(r, clock, text, next - clock);
            return true;
        }
        if (!rightFollowsLeft(left, store.ref(op.right()))) {
            // No honest replica can produce this; applying it anywhere would make replicas disagree. Dropped the
            // same way everywhere, it is as if it never was. Its clocks stay unused, so later ops of that replica
            // wait forever: a replica that sends such ops stops being heard.
            return true;
        }
        integrate(r, clock, left, store.ref(op.right()), text);
        list.forgetPosition();
        return true;
    }

    /**
     * The replicas found since the last call to have sent characters this document already held with another
     * text, each named once per document: a writer who sent different versions of the same characters to different
     * people. Their first text stays, as before; this only lets the reader say so.
     */
    List<ReplicaId> takeConflicting() {
        List<ReplicaId> found = new ArrayList<>(newlyConflicting);
        newlyConflicting.clear();
        return found;
    }

    /**
     * Compares the first {@code count} characters of an insert with the ones held under the same clocks. Deleted
     * characters keep no text, and a NUL stands for text that was deleted before it was sent (see
     * {@link CatchUpOps}), so those are not compared: only two visible, different characters are a conflict.
     */
    private void noteIfDifferent(int r, int clock, String text, int count) {
        if (conflicting.contains(r)) {
            return;
        }
        int offset = 0;
        while (offset < count) {
            Item item = store.find(r, clock + offset);
            int from = clock + offset - item.clock;
            int span = Math.min(item.length - from, count - offset);
            if (!item.deleted && item.content != null) {
                for (int i = 0; i < span; i++) {
                    char held = item.content.charAt(from + i);
                    char sent = text.charAt(offset + i);
                    if (held != sent && held != 0 && sent != 0) {
                        conflicting.add(r);
                        newlyConflicting.add(store.replica(r));
                        return;
                    }
                }
            }
            offset += span;
        }
    }

    /** Whether the right origin comes strictly after the left one in the list (both present). */
    private boolean rightFollowsLeft(CharRef left, CharRef right) {
        if (right == null) {
            return true;
        }
        if (left != null && left.equals(right)) {
            return false;
        }
        Item rightItem = store.find(right.replica(), right.clock());
        if (left == null) {
            return true;
        }
        Item leftItem = store.find(left.replica(), left.clock());
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
        int r = store.indexOf(op.replica());
        int end = op.clock() + op.length();
        if (end > store.nextClock(r)) {
            return false;
        }
        int clock = op.clock();
        while (clock < end) {
            Item item = store.find(r, clock);
            if (item.clock < clock) {
                item = list.split(item, clock - item.clock);
            }
            if (item.clock + item.length > end) {
                list.split(item, end - item.clock);
            }
            if (!item.deleted) {
                list.markDeleted(item);
            }
            clock = item.clock + item.length;
            list.mergeTombstones(item.prev, item.next);
        }
        list.forgetPosition();
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
            right = store.find(originRight.replica(), originRight.clock());
            if (right.clock != originRight.clock()) {
                right = list.split(right, originRight.clock() - right.clock);
            }
        }
        Item left = list.head;
        if (originLeft != null) {
            left = store.find(originLeft.replica(), originLeft.clock());
            if (left.lastClock() != originLeft.clock()) {
                list.split(left, originLeft.clock() - left.clock + 1);
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
                scanned = Collections.newSetFromMap(new IdentityHashMap<>());
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
                    if (store.replica(r).compareTo(store.replica(o.replica)) < 0) {
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
        list.linkAfter(insertAfter, item);
        store.record(item, clock, text.length());
        store.advance(r, clock + text.length());
        list.addVisible(text.length());
    }

    /** Where {@code other} lies relative to our left origin: before it (-1), at it (0), or after it (+1). */
    private int compareLeft(CharRef other, CharRef ours, Item leftItem, Set<Item> scanned) {
        if (Objects.equals(other, ours)) {
            return 0;
        }
        if (other == null) {
            return -1; // the document's start, and ours is a character
        }
        Item item = store.find(other.replica(), other.clock());
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
        Item target = store.find(other.replica(), other.clock());
        for (Item item = o.next; item != null && item != rightItem; item = item.next) {
            if (item == target) {
                return -1;
            }
        }
        return 1;
    }
}
