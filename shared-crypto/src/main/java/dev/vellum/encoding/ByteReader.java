package dev.vellum.encoding;

import dev.vellum.error.InvalidMessageException;
import java.util.Arrays;

/**
 * A bounds-checked cursor over one binary message: big-endian fixed-width integers, fixed-length and
 * length-prefixed byte strings. Every Vellum format is parsed with it, so that no parser does offset arithmetic of
 * its own, and a reviewer (or a fuzzer) has one place to check for reads past the end.
 *
 * <p>Every read names the field it reads; a message that ends early, declares a length it does not hold or a
 * length above the field's maximum, or has bytes left where it should end, is an {@link InvalidMessageException}
 * whose text says which message, which field and what was expected. Never throws anything else for bad input.
 */
public final class ByteReader {
    private final byte[] bytes;
    private final String message;
    private int position;

    /**
     * @param bytes read in place, never changed
     * @param message what the bytes should be, for error texts ("note item", "history frame")
     */
    public ByteReader(byte[] bytes, String message) {
        this.bytes = bytes;
        this.message = message;
    }

    public int readUnsignedByte(String field) throws InvalidMessageException {
        require(1, field);
        return bytes[position++] & 0xff;
    }

    public int readUnsignedShort(String field) throws InvalidMessageException {
        require(2, field);
        int value = ((bytes[position] & 0xff) << 8) | (bytes[position + 1] & 0xff);
        position += 2;
        return value;
    }

    /** A signed 32-bit big-endian integer. */
    public int readInt(String field) throws InvalidMessageException {
        require(4, field);
        int value = 0;
        for (int i = 0; i < 4; i++) {
            value = (value << 8) | (bytes[position++] & 0xff);
        }
        return value;
    }

    /** A signed 64-bit big-endian integer. */
    public long readLong(String field) throws InvalidMessageException {
        require(8, field);
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (bytes[position++] & 0xff);
        }
        return value;
    }

    /** Exactly {@code length} bytes, copied. */
    public byte[] readBytes(int length, String field) throws InvalidMessageException {
        if (length < 0) {
            throw new IllegalArgumentException("a field cannot be " + length + " bytes long");
        }
        require(length, field);
        byte[] out = Arrays.copyOfRange(bytes, position, position + length);
        position += length;
        return out;
    }

    /** Passes over {@code length} bytes that the caller reads elsewhere (a body it only needs the size of). */
    public void skip(int length, String field) throws InvalidMessageException {
        if (length < 0) {
            throw new IllegalArgumentException("a field cannot be " + length + " bytes long");
        }
        require(length, field);
        position += length;
    }

    /** A byte string after a 1-byte length, of at most {@code maxLength} bytes. */
    public byte[] readBytesWithByteLength(int maxLength, String field) throws InvalidMessageException {
        return readBytesOfLength(readUnsignedByte(field + " length"), maxLength, field);
    }

    /** A byte string after a 4-byte big-endian length, of at most {@code maxLength} bytes. */
    public byte[] readBytesWithIntLength(int maxLength, String field) throws InvalidMessageException {
        return readBytesOfLength(readInt(field + " length"), maxLength, field);
    }

    /** Everything not yet read (possibly nothing), copied. */
    public byte[] readRemaining() {
        byte[] out = Arrays.copyOfRange(bytes, position, bytes.length);
        position = bytes.length;
        return out;
    }

    public int remaining() {
        return bytes.length - position;
    }

    public boolean atEnd() {
        return position == bytes.length;
    }

    /** The message must end here. */
    public void expectEnd() throws InvalidMessageException {
        if (!atEnd()) {
            throw new InvalidMessageException(message + " has " + remaining() + " unexpected bytes at its end");
        }
    }

    private byte[] readBytesOfLength(long length, int maxLength, String field) throws InvalidMessageException {
        if (length < 0 || length > maxLength) {
            throw new InvalidMessageException(message + ": " + field + " length " + length + " is out of range (0 to "
                    + maxLength + ")");
        }
        return readBytes((int) length, field);
    }

    private void require(int length, String field) throws InvalidMessageException {
        if (length > bytes.length - position) {
            throw new InvalidMessageException(message + " ends early: expected " + length + " bytes of " + field
                    + ", " + remaining() + " left");
        }
    }
}
