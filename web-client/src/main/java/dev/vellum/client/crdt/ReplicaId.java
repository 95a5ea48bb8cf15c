package dev.vellum.client.crdt;

import java.util.Arrays;

/**
 * Names one writer of a document: every character it inserts is identified by this id and its own counter. Ids are
 * compared by their bytes, so every replica orders concurrent inserts at one place the same way.
 */
public final class ReplicaId implements Comparable<ReplicaId> {
    private final byte[] bytes;

    private ReplicaId(byte[] bytes) {
        this.bytes = bytes;
    }

    public static ReplicaId of(byte[] bytes) {
        if (bytes.length == 0 || bytes.length > 255) {
            throw new IllegalArgumentException("a replica id is 1 to 255 bytes");
        }
        return new ReplicaId(bytes.clone());
    }

    byte[] bytes() {
        return bytes;
    }

    public byte[] toBytes() {
        return bytes.clone();
    }

    /** Unsigned lexicographic order (written out: TeaVM's class library lacks Arrays.compareUnsigned). */
    @Override
    public int compareTo(ReplicaId other) {
        int common = Math.min(bytes.length, other.bytes.length);
        for (int i = 0; i < common; i++) {
            int difference = (bytes[i] & 0xff) - (other.bytes[i] & 0xff);
            if (difference != 0) {
                return difference;
            }
        }
        return bytes.length - other.bytes.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ReplicaId id && Arrays.equals(bytes, id.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("ReplicaId[");
        for (byte b : bytes) {
            out.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return out.append(']').toString();
    }
}
