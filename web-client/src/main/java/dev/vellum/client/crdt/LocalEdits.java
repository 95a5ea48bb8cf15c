package dev.vellum.client.crdt;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * This replica's own edits, by position: applies them to the list and describes them as {@link TextOp}s that name
 * character identities, for the other replicas. Text typed right after this replica's previous character, before
 * the same neighbour, extends that run instead of adding a node.
 */
final class LocalEdits {
    private final ItemStore store;
    private final ItemList list;
    private final int self;

    LocalEdits(ItemStore store, ItemList list, int self) {
        this.store = store;
        this.list = list;
        this.self = self;
    }

    /** Deletes {@code deleteCount} characters at {@code position}, then inserts {@code text} there. */
    List<TextOp> replace(int position, int deleteCount, String text) {
        if (store.nextClock(self) + text.length() > TextDocument.MAX_CLOCK) {
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

    TextOp.Insert insert(int position, String text) {
        int visibleLength = list.visibleLength();
        if (position < 0 || position > visibleLength) {
            throw new IndexOutOfBoundsException("insert at " + position + " in a text of " + visibleLength);
        }
        if (text.isEmpty()) {
            throw new IllegalArgumentException("nothing to insert");
        }
        int clock = store.nextClock(self);
        if (clock + text.length() > TextDocument.MAX_CLOCK) {
            throw new IllegalStateException("this document has reached its size limit");
        }
        Item left = list.head;
        int leftStart = 0;
        if (position > 0) {
            list.findVisible(position - 1);
            left = list.foundItem;
            int offset = list.foundOffset;
            leftStart = position - 1 - offset;
            if (offset < left.length - 1) {
                list.split(left, offset + 1);
            }
        }
        CharRef originLeft = left == list.head ? null : new CharRef(left.replica, left.lastClock());
        Item right = left.next;
        CharRef originRight = right == null ? null : new CharRef(right.replica, right.clock);
        boolean extendsRun = left != list.head && left.replica == self && left.lastClock() == clock - 1
                && !left.deleted && Objects.equals(left.originRight, originRight);
        if (extendsRun) {
            left.content.append(text);
            left.length += text.length();
            store.record(left, clock, text.length());
            list.remember(left, leftStart);
        } else {
            Item item = new Item(self, clock, originLeft, originRight, new StringBuilder(text), text.length());
            list.linkAfter(left, item);
            store.record(item, clock, text.length());
            list.remember(item, position);
        }
        store.advance(self, clock + text.length());
        list.addVisible(text.length());
        return new TextOp.Insert(store.replica(self), clock, store.charId(originLeft), store.charId(originRight),
                text);
    }

    List<TextOp.Delete> delete(int position, int count) {
        int visibleLength = list.visibleLength();
        if (position < 0 || count < 0 || position + count > visibleLength) {
            throw new IndexOutOfBoundsException("delete " + count + " at " + position + " in a text of "
                    + visibleLength);
        }
        List<TextOp.Delete> ops = new ArrayList<>();
        if (count == 0) {
            return ops;
        }
        list.findVisible(position);
        Item item = list.foundItem;
        if (list.foundOffset > 0) {
            item = list.split(item, list.foundOffset);
        }
        Item first = item;
        int remaining = count;
        Item last = item;
        while (remaining > 0) {
            while (item.deleted) {
                item = item.next;
            }
            if (item.length > remaining) {
                list.split(item, remaining);
            }
            list.markDeleted(item);
            remaining -= item.length;
            addDelete(ops, store.replica(item.replica), item);
            last = item;
            item = item.next;
        }
        list.mergeTombstones(first.prev, last.next);
        list.remember(ItemList.survivor(first), position);
        return ops;
    }

    /** Adds the deletion of {@code item}'s characters, joined onto the last op if it continues it. */
    static void addDelete(List<TextOp.Delete> ops, ReplicaId replica, Item item) {
        if (!ops.isEmpty()) {
            TextOp.Delete last = ops.get(ops.size() - 1);
            if (last.replica().equals(replica) && last.clock() + last.length() == item.clock) {
                ops.set(ops.size() - 1, new TextOp.Delete(replica, last.clock(), last.length() + item.length));
                return;
            }
        }
        ops.add(new TextOp.Delete(replica, item.clock, item.length));
    }
}
