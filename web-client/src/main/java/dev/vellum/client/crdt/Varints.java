package dev.vellum.client.crdt;

import dev.vellum.error.InvalidMessageException;
import java.util.Arrays;

/** Unsigned LEB128 integers and byte strings: the building blocks of the CRDT's encodings. */
final class Varints {
    private Varints() {
    }

    /** A growable output buffer. */
    static final class Writer {
        private byte[] bytes = new byte[256];
        private int size;

        void writeByte(int value) {
            ensure(1);
            bytes[size++] = (byte) value;
        }

        void writeVarint(long value) {
            if (value < 0) {
                throw new IllegalArgumentException("varints are unsigned");
            }
            ensure(10);
            while ((value & ~0x7FL) != 0) {
                bytes[size++] = (byte) ((value & 0x7F) | 0x80);
                value >>>= 7;
            }
            bytes[size++] = (byte) value;
        }

        void writeBytes(byte[] data) {
            writeVarint(data.length);
            ensure(data.length);
            System.arraycopy(data, 0, bytes, size, data.length);
            size += data.length;
        }

        /** UTF-16 code units, one varint each: ASCII costs a byte, and lone surrogates survive. */
        void writeChars(CharSequence text) {
            for (int i = 0; i < text.length(); i++) {
                writeVarint(text.charAt(i));
            }
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, size);
        }

        private void ensure(int extra) {
            if (size + extra > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + extra));
            }
        }
    }

    /** Reads what a {@link Writer} wrote; every malformed or truncated input is an {@link InvalidMessageException}. */
    static final class Reader {
        private final byte[] bytes;
        private int position;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        int readByte() throws InvalidMessageException {
            if (position >= bytes.length) {
                throw new InvalidMessageException("CRDT encoding ends early");
            }
            return bytes[position++] & 0xFF;
        }

        long readVarint() throws InvalidMessageException {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = readByte();
                value |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new InvalidMessageException("varint longer than 64 bits");
        }

        /** A varint that must fit {@code 0 .. max}; a 64-bit value with its top bit set is negative, and refused. */
        int readInt(int max) throws InvalidMessageException {
            long value = readVarint();
            if (value < 0 || value > max) {
                throw new InvalidMessageException("value " + value + " exceeds " + max);
            }
            return (int) value;
        }

        byte[] readBytes(int maxLength) throws InvalidMessageException {
            int length = readInt(maxLength);
            if (length > bytes.length - position) {
                throw new InvalidMessageException("byte string runs past the end");
            }
            byte[] out = Arrays.copyOfRange(bytes, position, position + length);
            position += length;
            return out;
        }

        String readChars(int count) throws InvalidMessageException {
            if (count > bytes.length - position) {
                throw new InvalidMessageException("text runs past the end");
            }
            StringBuilder out = new StringBuilder(count);
            for (int i = 0; i < count; i++) {
                out.append((char) readInt(0xFFFF));
            }
            return out.toString();
        }

        boolean atEnd() {
            return position == bytes.length;
        }
    }
}
