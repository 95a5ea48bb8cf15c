package dev.vellum.crypto.aead.internal;

import org.teavm.interop.Address;

/**
 * Copies between Java arrays and WebAssembly linear memory, a 32-bit word at a time where it can: one load or store
 * of linear memory per four array elements. TeaVM-only.
 */
public final class LinearMemory {
    private LinearMemory() {
    }

    /** Writes {@code length} bytes of {@code bytes} from {@code offset} to {@code to}. */
    public static void write(byte[] bytes, int offset, int length, Address to) {
        int words = length & ~3;
        for (int i = 0; i < words; i += 4) {
            int at = offset + i;
            to.add(i).putInt((bytes[at] & 0xff) | (bytes[at + 1] & 0xff) << 8 | (bytes[at + 2] & 0xff) << 16
                    | bytes[at + 3] << 24);
        }
        for (int i = words; i < length; i++) {
            to.add(i).putByte(bytes[offset + i]);
        }
    }

    /** The {@code length} bytes from {@code from}, in a new Java array. */
    public static byte[] read(Address from, int length) {
        byte[] bytes = new byte[length];
        int words = length & ~3;
        for (int i = 0; i < words; i += 4) {
            int word = from.add(i).getInt();
            bytes[i] = (byte) word;
            bytes[i + 1] = (byte) (word >>> 8);
            bytes[i + 2] = (byte) (word >>> 16);
            bytes[i + 3] = (byte) (word >>> 24);
        }
        for (int i = words; i < length; i++) {
            bytes[i] = from.add(i).getByte();
        }
        return bytes;
    }

    /** Zeroes {@code length} bytes from {@code start}, eight at a time where it can. */
    public static void wipe(Address start, int length) {
        int longs = length & ~7;
        for (int i = 0; i < longs; i += 8) {
            start.add(i).putLong(0);
        }
        for (int i = longs; i < length; i++) {
            start.add(i).putByte((byte) 0);
        }
    }
}
