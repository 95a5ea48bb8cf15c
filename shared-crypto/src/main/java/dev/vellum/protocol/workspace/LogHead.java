package dev.vellum.protocol.workspace;

import dev.vellum.crypto.hash.Sha256;
import dev.vellum.encoding.ByteReader;
import dev.vellum.encoding.ByteWriter;
import dev.vellum.error.InvalidMessageException;
import java.util.Arrays;

/**
 * A position in a membership log: the sequence of its last entry and that entry's hash. Members pin the head they
 * verified and carry it in what they write, so a server that shows one member a shorter or a different log is
 * caught by the others. Encoded {@code sequence (8) || entry hash (32)}.
 */
public final class LogHead {
    public static final int LENGTH = 8 + Sha256.LENGTH;
    /** Before the first entry. */
    public static final LogHead EMPTY = new LogHead(-1, new byte[Sha256.LENGTH]);

    private final long sequence;
    private final byte[] entryHash;

    public LogHead(long sequence, byte[] entryHash) {
        if (sequence < -1) {
            throw new IllegalArgumentException("a log head's sequence is -1 (empty) or more");
        }
        if (entryHash.length != Sha256.LENGTH) {
            throw new IllegalArgumentException("an entry hash is " + Sha256.LENGTH + " bytes");
        }
        this.sequence = sequence;
        this.entryHash = entryHash.clone();
    }

    /** The sequence of the last entry; -1 for an empty log. */
    public long sequence() {
        return sequence;
    }

    /** The number of entries up to this head. */
    public long length() {
        return sequence + 1;
    }

    public byte[] entryHash() {
        return entryHash.clone();
    }

    public byte[] encode() {
        return new ByteWriter(LENGTH).writeLong(sequence).writeBytes(entryHash).toByteArray();
    }

    public static LogHead readFrom(ByteReader in) throws InvalidMessageException {
        long sequence = in.readLong("log sequence");
        byte[] hash = in.readBytes(Sha256.LENGTH, "log entry hash");
        if (sequence < -1) {
            throw new InvalidMessageException("a log head's sequence is -1 or more");
        }
        return new LogHead(sequence, hash);
    }

    public static LogHead parse(byte[] encoded) throws InvalidMessageException {
        ByteReader in = new ByteReader(encoded, "log head");
        LogHead head = readFrom(in);
        in.expectEnd();
        return head;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LogHead head && head.sequence == sequence && Arrays.equals(head.entryHash, entryHash);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(sequence) * 31 + Arrays.hashCode(entryHash);
    }

    @Override
    public String toString() {
        return "LogHead[" + sequence + "]";
    }
}
