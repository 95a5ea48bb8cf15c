package dev.vellum.encoding;

import java.util.Arrays;

/**
 * Builds one binary message: the writing half of {@link ByteReader}, with the same big-endian integers and
 * length-prefixed byte strings. A length that does not fit its prefix is a programming error
 * ({@link IllegalArgumentException}), never silently truncated.
 *
 * <p>A writer makes one message: {@link #toByteArray()} ends it. A writer sized exactly hands over its buffer then
 * instead of copying it, since a note item or a snapshot is copied several times on its way out and each copy of a
 * megabyte costs about a millisecond in the browser's WebAssembly; a write after that would change the message
 * already handed over, so it throws.
 */
public final class ByteWriter {
    private byte[] bytes;
    private int size;
    private boolean finished;

    public ByteWriter() {
        this(64);
    }

    /** @param capacity a guess at the final size; the buffer grows past it when needed */
    public ByteWriter(int capacity) {
        bytes = new byte[Math.max(capacity, 16)];
    }

    public ByteWriter writeByte(int value) {
        if (value < 0 || value > 0xff) {
            throw new IllegalArgumentException("byte value " + value + " is out of range");
        }
        ensure(1);
        bytes[size++] = (byte) value;
        return this;
    }

    public ByteWriter writeShort(int value) {
        if (value < 0 || value > 0xffff) {
            throw new IllegalArgumentException("unsigned short value " + value + " is out of range");
        }
        ensure(2);
        bytes[size++] = (byte) (value >>> 8);
        bytes[size++] = (byte) value;
        return this;
    }

    public ByteWriter writeInt(int value) {
        ensure(4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            bytes[size++] = (byte) (value >>> shift);
        }
        return this;
    }

    public ByteWriter writeLong(long value) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            bytes[size++] = (byte) (value >>> shift);
        }
        return this;
    }

    /** The bytes as they are, with no length. */
    public ByteWriter writeBytes(byte[] value) {
        ensure(value.length);
        System.arraycopy(value, 0, bytes, size, value.length);
        size += value.length;
        return this;
    }

    /** A 1-byte length, then the bytes: for strings of at most {@code maxLength} (at most 255) bytes. */
    public ByteWriter writeBytesWithByteLength(byte[] value, int maxLength) {
        checkLength(value, Math.min(maxLength, 0xff));
        return writeByte(value.length).writeBytes(value);
    }

    /** A 4-byte big-endian length, then the bytes. */
    public ByteWriter writeBytesWithIntLength(byte[] value, int maxLength) {
        checkLength(value, maxLength);
        return writeInt(value.length).writeBytes(value);
    }

    public int size() {
        return size;
    }

    /**
     * The message; the writer is done with after this.
     *
     * @throws IllegalStateException if it was already asked for
     */
    public byte[] toByteArray() {
        checkNotFinished();
        finished = true;
        return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
    }

    private void checkNotFinished() {
        if (finished) {
            throw new IllegalStateException("this message was already handed over by toByteArray");
        }
    }

    private static void checkLength(byte[] value, int maxLength) {
        if (value.length > maxLength) {
            throw new IllegalArgumentException("a field of " + value.length + " bytes exceeds its maximum of "
                    + maxLength);
        }
    }

    private void ensure(int extra) {
        checkNotFinished();
        if (extra > bytes.length - size) {
            long wanted = Math.max((long) bytes.length * 2, (long) size + extra);
            if (wanted > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("message would exceed the largest array");
            }
            bytes = Arrays.copyOf(bytes, (int) wanted);
        }
    }
}
