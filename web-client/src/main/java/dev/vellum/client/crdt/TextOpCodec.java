package dev.vellum.client.crdt;

import dev.vellum.error.InvalidMessageException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes a batch of {@link TextOp}s (one update's body, before encryption) and parses it back, rejecting any
 * malformed input with {@link InvalidMessageException} before allocating for it.
 *
 * <p>Layout: {@code version (varint) || replica count || replica ids (length-prefixed) || op count || ops}, where
 * an insert is {@code 0 || replica || clock || origin flags || left (replica, clock)? || right (replica, clock)? ||
 * length || UTF-16 units} and a delete is {@code 1 || replica || clock || length}, all varints.
 */
public final class TextOpCodec {
    private static final int VERSION = 1;
    private static final int INSERT = 0;
    private static final int DELETE = 1;
    private static final int HAS_LEFT = 1;
    private static final int HAS_RIGHT = 2;

    private TextOpCodec() {
    }

    public static byte[] encode(List<? extends TextOp> ops) {
        Map<ReplicaId, Integer> indexes = new HashMap<>();
        List<ReplicaId> table = new ArrayList<>();
        for (TextOp op : ops) {
            if (op instanceof TextOp.Insert insert) {
                index(insert.replica(), indexes, table);
                if (insert.left() != null) {
                    index(insert.left().replica(), indexes, table);
                }
                if (insert.right() != null) {
                    index(insert.right().replica(), indexes, table);
                }
            } else {
                index(((TextOp.Delete) op).replica(), indexes, table);
            }
        }
        Varints.Writer out = new Varints.Writer();
        out.writeVarint(VERSION);
        out.writeVarint(table.size());
        for (ReplicaId replica : table) {
            out.writeBytes(replica.bytes());
        }
        out.writeVarint(ops.size());
        for (TextOp op : ops) {
            if (op instanceof TextOp.Insert insert) {
                out.writeByte(INSERT);
                out.writeVarint(indexes.get(insert.replica()));
                out.writeVarint(insert.clock());
                out.writeByte((insert.left() != null ? HAS_LEFT : 0) | (insert.right() != null ? HAS_RIGHT : 0));
                writeId(out, insert.left(), indexes);
                writeId(out, insert.right(), indexes);
                out.writeVarint(insert.text().length());
                out.writeChars(insert.text());
            } else {
                TextOp.Delete delete = (TextOp.Delete) op;
                out.writeByte(DELETE);
                out.writeVarint(indexes.get(delete.replica()));
                out.writeVarint(delete.clock());
                out.writeVarint(delete.length());
            }
        }
        return out.toByteArray();
    }

    public static List<TextOp> decode(byte[] encoded) throws InvalidMessageException {
        Varints.Reader in = new Varints.Reader(encoded);
        if (in.readVarint() != VERSION) {
            throw new InvalidMessageException("unknown text update version");
        }
        int replicaCount = in.readInt(encoded.length);
        List<ReplicaId> table = new ArrayList<>(replicaCount);
        for (int i = 0; i < replicaCount; i++) {
            byte[] id = in.readBytes(255);
            if (id.length == 0) {
                throw new InvalidMessageException("empty replica id");
            }
            table.add(ReplicaId.of(id));
        }
        int opCount = in.readInt(encoded.length);
        List<TextOp> ops = new ArrayList<>(opCount);
        for (int i = 0; i < opCount; i++) {
            int kind = in.readByte();
            ReplicaId replica = table.get(in.readInt(replicaCount - 1));
            int clock = in.readInt(TextDocument.MAX_CLOCK);
            if (kind == INSERT) {
                int flags = in.readByte();
                if ((flags & ~(HAS_LEFT | HAS_RIGHT)) != 0) {
                    throw new InvalidMessageException("unknown origin flags");
                }
                CharId left = (flags & HAS_LEFT) != 0 ? readId(in, table) : null;
                CharId right = (flags & HAS_RIGHT) != 0 ? readId(in, table) : null;
                int length = in.readInt(TextDocument.MAX_CLOCK);
                if (length == 0) {
                    throw new InvalidMessageException("empty insert");
                }
                ops.add(new TextOp.Insert(replica, clock, left, right, in.readChars(length)));
            } else if (kind == DELETE) {
                int length = in.readInt(TextDocument.MAX_CLOCK);
                if (length == 0) {
                    throw new InvalidMessageException("empty delete");
                }
                ops.add(new TextOp.Delete(replica, clock, length));
            } else {
                throw new InvalidMessageException("unknown op kind " + kind);
            }
        }
        if (!in.atEnd()) {
            throw new InvalidMessageException("bytes after the last op");
        }
        return ops;
    }

    private static void index(ReplicaId replica, Map<ReplicaId, Integer> indexes, List<ReplicaId> table) {
        if (!indexes.containsKey(replica)) {
            indexes.put(replica, table.size());
            table.add(replica);
        }
    }

    private static void writeId(Varints.Writer out, CharId id, Map<ReplicaId, Integer> indexes) {
        if (id != null) {
            out.writeVarint(indexes.get(id.replica()));
            out.writeVarint(id.clock());
        }
    }

    private static CharId readId(Varints.Reader in, List<ReplicaId> table) throws InvalidMessageException {
        ReplicaId replica = table.get(in.readInt(table.size() - 1));
        return new CharId(replica, in.readInt(TextDocument.MAX_CLOCK));
    }
}
